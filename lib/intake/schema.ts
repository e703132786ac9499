/**
 * The intake questionnaire's one schema, shared by the form (zodResolver) and the server action.
 * Conditional rules live here: neuropathy details are required only when neuropathy is ticked,
 * allergy details only when "Other" is; answers to questions the client could not see are dropped
 * before validation, so they are never stored stale and never block a submission.
 */
import { z } from "zod";
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
import { earliestToday, isCalendarDate, latestToday, yearsBefore } from "./dates";
import { mustBeText, type TextKind } from "./text";

/** Bump when the meaning of stored answers changes; each intake row records the version. */
export const INTAKE_SCHEMA_VERSION = 2;

export const MAX_TEXT = 2000;
export const MAX_NAME = 120;
export const MAX_AGE_YEARS = 120;

// Every text answer refuses what cannot be stored or would display falsely (lib/intake/text.ts).
const requiredText = (message: string, max = MAX_NAME, kind: TextKind = "line") =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Keep this under ${max.toLocaleString("en")} characters`)
    .superRefine(mustBeText(kind));

/** A person's name, or a signature: one line, with at least one letter. */
const nameText = (message: string) => requiredText(message, MAX_NAME, "name");

/** Free text a client may leave empty; line breaks allowed. */
const optionalText = z
  .string()
  .trim()
  .max(MAX_TEXT, `Keep this under ${MAX_TEXT.toLocaleString("en")} characters`)
  .superRefine(mustBeText("text"))
  .default("");

const phone = (what: string) =>
  requiredText(`Enter ${what}`, 40).refine(
    (v) => /^\+?[\d\s().-]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7 && (v.match(/\d/g)?.length ?? 0) <= 15,
    "Enter a phone number with 7 to 15 digits, for example +1 555 123 4567",
  );

const date = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .refine(isCalendarDate, "Enter a real date");

const choice = <T extends readonly [string, ...string[]]>(ids: T, message: string) =>
  z.enum(ids, { error: message });

const choices = <T extends readonly [string, ...string[]]>(ids: T) =>
  z
    .array(z.enum(ids, { error: "Choose from the list" }))
    .max(ids.length)
    // Checkbox groups send their values in the order ticked; store them once, in a stable order.
    .transform((list) => ids.filter((id): id is T[number] => (list as string[]).includes(id)))
    .default([]);

const mustAgree = z
  .boolean({ error: "Tick this box to continue" })
  .refine((ticked) => ticked, "Tick this box to continue");

/** Every field of the form, each validated on its own; cross-field rules follow below. */
export const intakeFields = z.object({
  // 1. About you
  fullName: nameText("Enter your full name"),
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Keep this under 254 characters")
    .pipe(z.email("Enter an email address like name@example.com")),
  phone: phone("your phone number"),
  dateOfBirth: date("Enter your date of birth"),
  appointmentDate: date("Enter the date of your appointment"),
  emergencyContactName: nameText("Enter the name of someone we can call in an emergency"),
  emergencyContactPhone: phone("your emergency contact's phone number"),

  // 2. Health
  conditions: choices(CONDITIONS.ids),
  // Follow-ups, each asked only when its condition is ticked.
  usesInsulin: z.boolean().default(false),
  cancerTreatment: z.enum(CANCER_TREATMENT.ids, { error: "Choose whether your treatment is current or finished" }).optional(),
  bloodPressureControlled: z.enum(BLOOD_PRESSURE_CONTROL.ids, { error: "Choose an answer" }).optional(),
  takesBloodPressureMedication: z.boolean().default(false),
  otherConditions: optionalText,
  medications: optionalText,
  takesBloodThinners: z.boolean().default(false),
  doctorConsulted: z.boolean().default(false),

  // 3. Neuropathy (only when "neuropathy" is among the conditions)
  neuropathyCauses: choices(NEUROPATHY_CAUSES.ids),
  neuropathyCauseOther: optionalText,
  symptoms: choices(SYMPTOMS.ids),
  symptomStrength: z
    .number({ error: "Choose how strong your symptoms are today, from 0 to 10" })
    .int()
    .min(0, "Choose a number from 0 to 10")
    .max(10, "Choose a number from 0 to 10")
    .optional(),
  reducedFeeling: choices(REGIONS.ids),
  painfulToLightTouch: choices(REGIONS.ids),
  woundsOrBlisters: choices(REGIONS.ids),

  // 4. Allergies and skin
  hasAllergies: choice(YES_NO.ids, "Answer Yes or No"),
  allergies: choices(ALLERGY_KINDS.ids),
  allergyDetails: optionalText,
  skinSensitivity: choice(SKIN_SENSITIVITY.ids, "Choose how sensitive your skin is"),
  skinConditions: optionalText,

  // 5. Preferences
  pressure: choice(PRESSURE.ids, "Choose a pressure"),
  areasToAvoid: optionalText,
  goals: choices(GOALS.ids),

  // 6. Consent
  consentSpeakUp: mustAgree,
  consentNotMedicalCare: mustAgree,
  consentAccurate: mustAgree,
  signature: nameText("Type your full name to sign"),
});

const NEUROPATHY_FIELDS = [
  "neuropathyCauses",
  "neuropathyCauseOther",
  "symptoms",
  "symptomStrength",
  "reducedFeeling",
  "painfulToLightTouch",
  "woundsOrBlisters",
] as const;

/** Whether the client could see the neuropathy questions, given the answers so far. */
export function showsNeuropathy(values: { conditions?: readonly string[] | null }): boolean {
  return Array.isArray(values.conditions) && values.conditions.includes("neuropathy");
}

/** Follow-up questions of the conditions checklist, each with the condition that shows it. */
export const CONDITION_FOLLOW_UPS = {
  usesInsulin: "diabetes",
  cancerTreatment: "cancer",
  bloodPressureControlled: "highBloodPressure",
  takesBloodPressureMedication: "highBloodPressure",
} as const;

/** Whether the client could see the allergy list. */
export function showsAllergyList(values: { hasAllergies?: string | null }): boolean {
  return values.hasAllergies === "yes";
}

/** Whether the client could see the allergy details box. */
export function showsAllergyDetails(values: {
  hasAllergies?: string | null;
  allergies?: readonly string[] | null;
}): boolean {
  return showsAllergyList(values) && Array.isArray(values.allergies) && values.allergies.includes("other");
}

/** Removes answers to questions that were hidden when the form was sent. */
export function dropHiddenAnswers(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const values: Record<string, unknown> = { ...input };
  const visible = values as { conditions?: string[]; hasAllergies?: string; allergies?: string[] };
  for (const [field, condition] of Object.entries(CONDITION_FOLLOW_UPS)) {
    if (!(Array.isArray(values.conditions) && values.conditions.includes(condition))) delete values[field];
  }
  if (!showsNeuropathy(visible)) for (const field of NEUROPATHY_FIELDS) delete values[field];
  else if (!(Array.isArray(values.neuropathyCauses) && values.neuropathyCauses.includes("other")))
    delete values.neuropathyCauseOther;
  if (!showsAllergyList(visible)) delete values.allergies;
  if (!showsAllergyDetails(visible)) delete values.allergyDetails;
  return values;
}

const normaliseName = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;
const includes = (list: unknown, id: string) => Array.isArray(list) && list.includes(id);

/**
 * Rules across fields. They run even when another field failed (so a step shows all its errors
 * at once), which means a value here may still be the raw, invalid input: check before use.
 */
function checkCrossFieldRules(v: Record<string, unknown>, ctx: z.RefinementCtx) {
  const now = new Date();
  const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

  if (isText(v.dateOfBirth) && isCalendarDate(v.dateOfBirth)) {
    if (v.dateOfBirth >= latestToday(now)) {
      add("dateOfBirth", "Your date of birth must be in the past");
    } else if (v.dateOfBirth < yearsBefore(earliestToday(now), MAX_AGE_YEARS)) {
      add("dateOfBirth", `Check the year: that would make you over ${MAX_AGE_YEARS}`);
    }
  }
  if (isText(v.appointmentDate) && isCalendarDate(v.appointmentDate) && v.appointmentDate < earliestToday(now)) {
    add("appointmentDate", "The appointment date cannot be in the past");
  }

  if (includes(v.conditions, "neuropathy")) {
    if (!Array.isArray(v.neuropathyCauses) || v.neuropathyCauses.length === 0) {
      add("neuropathyCauses", 'Choose what caused your neuropathy, or "Unknown"');
    }
    if (includes(v.neuropathyCauses, "other") && !isText(v.neuropathyCauseOther)) {
      add("neuropathyCauseOther", "Tell us the other cause");
    }
    if (v.symptomStrength === undefined || v.symptomStrength === null) {
      add("symptomStrength", "Choose how strong your symptoms are today, from 0 to 10");
    }
  }
  if (includes(v.conditions, "cancer") && v.cancerTreatment === undefined) {
    add("cancerTreatment", "Choose whether your treatment is current or finished");
  }
  if (includes(v.conditions, "highBloodPressure") && v.bloodPressureControlled === undefined) {
    add("bloodPressureControlled", "Tell us whether your blood pressure is under control");
  }
  if (v.hasAllergies === "yes") {
    if (!Array.isArray(v.allergies) || v.allergies.length === 0) {
      add("allergies", "Choose at least one allergy, or answer No above");
    }
    if (includes(v.allergies, "other") && !isText(v.allergyDetails)) {
      add("allergyDetails", "Tell us about your other allergies");
    }
  }
  if (isText(v.signature) && isText(v.fullName) && normaliseName(v.signature) !== normaliseName(v.fullName)) {
    add("signature", "Type your full name exactly as you entered it on the first step");
  }
}

export const intakeSchema = z.preprocess(
  // Typed as the form's values for the form's sake; at run time it accepts anything and the
  // object schema below rejects what is not an intake.
  (input: z.input<typeof intakeFields>) => dropHiddenAnswers(input),
  intakeFields.superRefine((value, ctx) => checkCrossFieldRules(value, ctx), {
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  }),
);

/** What the form holds while the client fills it in. */
export type IntakeFormValues = z.input<typeof intakeFields>;
/** A validated intake, with hidden answers removed: what is stored. */
export type IntakeInput = z.output<typeof intakeSchema>;

/** The fields each step of the form asks, in order; the form validates one step at a time. */
export const STEP_FIELDS = {
  about: ["fullName", "email", "phone", "dateOfBirth", "appointmentDate", "emergencyContactName", "emergencyContactPhone"],
  health: [
    "conditions",
    "usesInsulin",
    "cancerTreatment",
    "bloodPressureControlled",
    "takesBloodPressureMedication",
    "otherConditions",
    "medications",
    "takesBloodThinners",
    "doctorConsulted",
  ],
  neuropathy: [...NEUROPATHY_FIELDS],
  allergiesAndSkin: ["hasAllergies", "allergies", "allergyDetails", "skinSensitivity", "skinConditions"],
  preferences: ["pressure", "areasToAvoid", "goals"],
  consent: ["consentSpeakUp", "consentNotMedicalCare", "consentAccurate", "signature"],
} as const satisfies Record<string, readonly (keyof IntakeFormValues)[]>;

export type FieldErrors = Partial<Record<keyof IntakeFormValues, string>>;

/** The first message for each field, in the shape the form and the JSON API answer with. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[key] ??= issue.message;
  }
  return out as FieldErrors;
}

/** Splits a failed parse into per-field messages and, for a body that is not an object at all, a form message. */
export function toValidationErrors(error: z.ZodError): { fieldErrors: FieldErrors; formError?: string } {
  const { form, ...fieldErrors } = toFieldErrors(error) as FieldErrors & { form?: string };
  return form ? { fieldErrors, formError: "The answers could not be read. Reload the page and try again." } : { fieldErrors };
}
