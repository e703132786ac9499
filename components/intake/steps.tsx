"use client";

import type { UseFormReturn } from "react-hook-form";
import { BodyMapInput, type MarkKind } from "@/components/body-map";
import { Checkbox, ChoiceGroup, SelectField, TextField } from "@/components/ui/fields";
import {
  ALLERGY_KINDS,
  BLOOD_PRESSURE_CONTROL,
  CANCER_TREATMENT,
  CONDITIONS,
  CONSENT_STATEMENTS,
  GOALS,
  NEUROPATHY_CAUSES,
  PRESSURE,
  REGIONS,
  type Region,
  SKIN_SENSITIVITY,
  SYMPTOMS,
  YES_NO,
} from "@/lib/intake/options";
import {
  MAX_TEXT,
  showsAllergyDetails,
  showsAllergyList,
  type IntakeFormValues,
  type IntakeInput,
} from "@/lib/intake/schema";

export type IntakeForm = UseFormReturn<IntakeFormValues, unknown, IntakeInput>;
type StepProps = { form: IntakeForm };

function useField(form: IntakeForm) {
  const errors = form.formState.errors;
  return (name: keyof IntakeFormValues) => ({
    registration: form.register(name),
    error: errors[name]?.message as string | undefined,
  });
}

const LEFT = { ids: REGIONS.ids.filter((id) => id.startsWith("left")), labels: REGIONS.labels };
const RIGHT = { ids: REGIONS.ids.filter((id) => id.startsWith("right")), labels: REGIONS.labels };

export function AboutStep({ form }: StepProps) {
  const field = useField(form);
  return (
    <>
      <TextField label="Full name" autoComplete="name" {...field("fullName")} />
      <TextField label="Email" type="email" autoComplete="email" inputMode="email" {...field("email")} />
      <TextField label="Phone" type="tel" autoComplete="tel" inputMode="tel" {...field("phone")} />
      <TextField label="Date of birth" type="date" autoComplete="bday" {...field("dateOfBirth")} />
      <TextField label="Appointment date" type="date" {...field("appointmentDate")} />
      <TextField label="Emergency contact name" autoComplete="off" {...field("emergencyContactName")} />
      <TextField label="Emergency contact phone" type="tel" inputMode="tel" autoComplete="off" {...field("emergencyContactPhone")} />
    </>
  );
}

export function HealthStep({ form }: StepProps) {
  const field = useField(form);
  const conditions = form.watch("conditions") ?? [];
  return (
    <>
      <ChoiceGroup
        legend="Do you have any of these conditions?"
        hint="Tick all that apply. Leave all unticked if none do."
        type="checkbox"
        options={CONDITIONS}
        {...field("conditions")}
      />
      {conditions.includes("diabetes") ? <Checkbox label="I inject insulin" {...field("usesInsulin")} /> : null}
      {conditions.includes("cancer") ? (
        <ChoiceGroup legend="Your cancer treatment" type="radio" options={CANCER_TREATMENT} {...field("cancerTreatment")} />
      ) : null}
      {conditions.includes("highBloodPressure") ? (
        <>
          <ChoiceGroup
            legend="Is your blood pressure under control?"
            hint="With or without medication."
            type="radio"
            options={BLOOD_PRESSURE_CONTROL}
            {...field("bloodPressureControlled")}
          />
          <Checkbox label="I take medication for my blood pressure" {...field("takesBloodPressureMedication")} />
        </>
      ) : null}
      <TextField label="Other conditions" multiline maxLength={MAX_TEXT} hint="Anything else we should know about your health." {...field("otherConditions")} />
      <TextField label="Medications" multiline maxLength={MAX_TEXT} hint="Names, or what they are for." {...field("medications")} />
      <Checkbox label="I take blood thinners" {...field("takesBloodThinners")} />
      <Checkbox label="I have talked to my doctor about massage" {...field("doctorConsulted")} />
    </>
  );
}

export function NeuropathyStep({ form }: StepProps) {
  const field = useField(form);
  const causes = form.watch("neuropathyCauses");
  const strength = form.register("symptomStrength", {
    setValueAs: (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
  });
  const regionGroups = [
    ["reducedFeeling", "Where is feeling reduced (numb)?"],
    ["painfulToLightTouch", "Where is light touch painful?"],
    ["woundsOrBlisters", "Where are there wounds, blisters or ulcers?"],
  ] as const;
  const [reducedFeeling = [], painfulToLightTouch = [], woundsOrBlisters = []] = form.watch([
    "reducedFeeling",
    "painfulToLightTouch",
    "woundsOrBlisters",
  ]);
  // The drawing and the checkboxes below are two ways to the same answers.
  const toggle = (kind: MarkKind, region: Region) => {
    const current = (form.getValues(kind) ?? []) as Region[];
    const next = current.includes(region) ? current.filter((r) => r !== region) : [...current, region];
    form.setValue(kind, next, { shouldDirty: true });
  };
  return (
    <>
      <ChoiceGroup
        legend="What caused your neuropathy?"
        hint='Tick all that apply, or "Unknown".'
        type="checkbox"
        options={NEUROPATHY_CAUSES}
        {...field("neuropathyCauses")}
      />
      {causes?.includes("other") ? (
        <TextField label="Other cause" maxLength={MAX_TEXT} {...field("neuropathyCauseOther")} />
      ) : null}
      <ChoiceGroup legend="Which symptoms do you have?" type="checkbox" options={SYMPTOMS} {...field("symptoms")} />
      <SelectField
        label="How strong are your symptoms today?"
        hint="0 means none, 10 the worst you can imagine."
        options={Array.from({ length: 11 }, (_, n) => ({
          value: String(n),
          label: n === 0 ? "0 (none)" : n === 10 ? "10 (worst)" : String(n),
        }))}
        registration={strength}
        error={form.formState.errors.symptomStrength?.message}
      />
      <div className="field">
        <p className="label-like">Your feet and lower legs</p>
        <p className="hint">
          Mark places on the drawing, or tick them in the lists below: both record the same answers.
        </p>
        <BodyMapInput
          marks={{
            reducedFeeling: reducedFeeling as Region[],
            painfulToLightTouch: painfulToLightTouch as Region[],
            woundsOrBlisters: woundsOrBlisters as Region[],
          }}
          onToggle={toggle}
        />
      </div>
      {regionGroups.map(([name, legend]) => {
        const { registration, error } = field(name);
        return (
          <fieldset key={name} className={`field regions${error ? " has-error" : ""}`}>
            <legend>{legend}</legend>
            <p className="hint">Tick each place that applies, on either side. Leave all unticked if none.</p>
            <div className="region-sides">
              <ChoiceGroup legend="Left foot and leg" type="checkbox" options={LEFT} registration={registration} error={error} />
              <ChoiceGroup
                id={`field-${name}-right`}
                legend="Right foot and leg"
                type="checkbox"
                options={RIGHT}
                registration={registration}
              />
            </div>
          </fieldset>
        );
      })}
    </>
  );
}

export function AllergiesAndSkinStep({ form }: StepProps) {
  const field = useField(form);
  const [hasAllergies, allergies] = form.watch(["hasAllergies", "allergies"]);
  return (
    <>
      <ChoiceGroup legend="Do you have any allergies?" type="radio" options={YES_NO} {...field("hasAllergies")} />
      {showsAllergyList({ hasAllergies }) ? (
        <ChoiceGroup legend="What are you allergic to?" hint="Tick all that apply." type="checkbox" options={ALLERGY_KINDS} {...field("allergies")} />
      ) : null}
      {showsAllergyDetails({ hasAllergies, allergies }) ? (
        <TextField label="Allergy details" multiline maxLength={MAX_TEXT} {...field("allergyDetails")} />
      ) : null}
      <ChoiceGroup legend="How sensitive is your skin?" type="radio" options={SKIN_SENSITIVITY} {...field("skinSensitivity")} />
      <TextField label="Skin conditions" multiline maxLength={MAX_TEXT} hint="For example eczema, psoriasis, very dry or cracked skin." {...field("skinConditions")} />
    </>
  );
}

export function PreferencesStep({ form }: StepProps) {
  const field = useField(form);
  return (
    <>
      <ChoiceGroup legend="Pressure preference" type="radio" options={PRESSURE} {...field("pressure")} />
      <TextField label="Areas to avoid" multiline maxLength={MAX_TEXT} hint="Any place you do not want massaged." {...field("areasToAvoid")} />
      <ChoiceGroup legend="What would you like from your sessions?" hint="Tick all that apply." type="checkbox" options={GOALS} {...field("goals")} />
    </>
  );
}

export function ConsentStep({ form }: StepProps) {
  const field = useField(form);
  return (
    <>
      {(Object.keys(CONSENT_STATEMENTS) as (keyof typeof CONSENT_STATEMENTS)[]).map((name) => (
        <Checkbox key={name} label={CONSENT_STATEMENTS[name]} {...field(name)} />
      ))}
      <TextField label="Signature (type your full name)" autoComplete="name" {...field("signature")} />
      <p className="hint">
        Date: {new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}
      </p>
    </>
  );
}
