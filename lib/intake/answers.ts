/**
 * Turns answers into sections a person can read ("Pressure preference: Light"), in the form's
 * order. Used by the client's review step and by the therapist's view of a submission.
 */
import { formatDate } from "./dates";
import {
  ALLERGY_KINDS,
  BLOOD_PRESSURE_CONTROL,
  CANCER_TREATMENT,
  CONDITIONS,
  GOALS,
  NEUROPATHY_CAUSES,
  PRESSURE,
  REGIONS,
  SKIN_SENSITIVITY,
  SYMPTOMS,
  YES_NO,
} from "./options";
import { showsAllergyDetails, showsAllergyList, showsNeuropathy, type IntakeFormValues } from "./schema";
import { STEP_TITLES, type StepId } from "./steps";

export type AnswerItem = { label: string; value: string };
export type AnswerSection = { step: StepId; title: string; items: AnswerItem[] };

const NONE = "None";
const NOT_ANSWERED = "Not answered";

const text = (value: string | undefined | null) => (value && value.trim() ? value.trim() : NONE);
const date = (value: string | undefined) => (value ? formatDate(value) : NOT_ANSWERED);
const yesNo = (value: boolean | undefined) => (value ? "Yes" : "No");

function list(ids: readonly string[] | undefined, labels: Record<string, string>): string {
  if (!ids || ids.length === 0) return NONE;
  return ids.map((id) => labels[id] ?? id).join(", ");
}

function one(id: string | undefined | null, labels: Record<string, string>): string {
  return id ? (labels[id] ?? id) : NOT_ANSWERED;
}

/** Section titles as the therapist reads them (the form's own titles speak to the client). */
const STAFF_TITLES: Record<StepId, string> = {
  about: "About the client",
  health: "Health",
  neuropathy: "Neuropathy: feet and legs",
  allergiesAndSkin: "Allergies and skin",
  preferences: "Preferences",
  consent: "Consent and signature",
  review: "Review",
};

/**
 * Works on form values (possibly incomplete) and on stored, validated answers alike. `reader`
 * picks the section titles: the client's own ("Your health") or the therapist's ("Health").
 */
export function describeAnswers(v: Partial<IntakeFormValues>, reader: "client" | "therapist" = "client"): AnswerSection[] {
  const title = (step: StepId) => (reader === "client" ? STEP_TITLES[step] : STAFF_TITLES[step]);
  const sections: AnswerSection[] = [
    {
      step: "about",
      title: title("about"),
      items: [
        { label: "Full name", value: text(v.fullName) },
        { label: "Email", value: text(v.email) },
        { label: "Phone", value: text(v.phone) },
        { label: "Date of birth", value: date(v.dateOfBirth) },
        { label: "Appointment date", value: date(v.appointmentDate) },
        { label: "Emergency contact name", value: text(v.emergencyContactName) },
        { label: "Emergency contact phone", value: text(v.emergencyContactPhone) },
      ],
    },
    {
      step: "health",
      title: title("health"),
      items: [
        { label: "Conditions", value: list(v.conditions, CONDITIONS.labels) },
        ...(v.conditions?.includes("diabetes") ? [{ label: "Injects insulin", value: yesNo(v.usesInsulin) }] : []),
        ...(v.conditions?.includes("cancer")
          ? [{ label: "Cancer treatment", value: one(v.cancerTreatment, CANCER_TREATMENT.labels) }]
          : []),
        ...(v.conditions?.includes("highBloodPressure")
          ? [
              { label: "Blood pressure under control", value: one(v.bloodPressureControlled, BLOOD_PRESSURE_CONTROL.labels) },
              { label: "Takes blood pressure medication", value: yesNo(v.takesBloodPressureMedication) },
            ]
          : []),
        { label: "Other conditions", value: text(v.otherConditions) },
        { label: "Medications", value: text(v.medications) },
        { label: "Takes blood thinners", value: yesNo(v.takesBloodThinners) },
        { label: "Has talked to a doctor about massage", value: yesNo(v.doctorConsulted) },
      ],
    },
  ];

  if (showsNeuropathy(v)) {
    const causes = list(v.neuropathyCauses, NEUROPATHY_CAUSES.labels);
    sections.push({
      step: "neuropathy",
      title: title("neuropathy"),
      items: [
        {
          label: "Cause of neuropathy",
          value: v.neuropathyCauses?.includes("other") && v.neuropathyCauseOther ? `${causes} (${v.neuropathyCauseOther.trim()})` : causes,
        },
        { label: "Symptoms", value: list(v.symptoms, SYMPTOMS.labels) },
        {
          label: "Strength of symptoms today",
          value: typeof v.symptomStrength === "number" ? `${v.symptomStrength} out of 10` : NOT_ANSWERED,
        },
        { label: "Reduced feeling", value: list(v.reducedFeeling, REGIONS.labels) },
        { label: "Light touch is painful", value: list(v.painfulToLightTouch, REGIONS.labels) },
        { label: "Wounds or blisters", value: list(v.woundsOrBlisters, REGIONS.labels) },
      ],
    });
  }

  const allergyItems: AnswerItem[] = [{ label: "Any allergies", value: one(v.hasAllergies, YES_NO.labels) }];
  if (showsAllergyList(v)) allergyItems.push({ label: "Allergies", value: list(v.allergies, ALLERGY_KINDS.labels) });
  if (showsAllergyDetails(v)) allergyItems.push({ label: "Allergy details", value: text(v.allergyDetails) });
  sections.push(
    {
      step: "allergiesAndSkin",
      title: title("allergiesAndSkin"),
      items: [
        ...allergyItems,
        { label: "Skin sensitivity", value: one(v.skinSensitivity, SKIN_SENSITIVITY.labels) },
        { label: "Skin conditions", value: text(v.skinConditions) },
      ],
    },
    {
      step: "preferences",
      title: title("preferences"),
      items: [
        { label: "Pressure preference", value: one(v.pressure, PRESSURE.labels) },
        { label: "Areas to avoid", value: text(v.areasToAvoid) },
        { label: "Goals", value: list(v.goals, GOALS.labels) },
      ],
    },
    {
      step: "consent",
      title: title("consent"),
      items: [
        {
          label: "Consents",
          value: v.consentSpeakUp && v.consentNotMedicalCare && v.consentAccurate ? "All given" : "Not all given",
        },
        { label: "Signature", value: text(v.signature) },
      ],
    },
  );
  return sections;
}
