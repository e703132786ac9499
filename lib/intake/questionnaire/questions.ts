/**
 * The intake questionnaire: its steps and questions, in order, as data. Everything else is
 * derived from this list (see index.ts): the Zod schema, which answers are dropped when hidden,
 * the steps and their fields, the form's defaults, how each question is drawn, the summary the
 * client checks and the therapist reads, and the API's OpenAPI document.
 *
 * To add a question: add one entry here, in the place it is asked. A question asked only after
 * another answer gets a `shownWhen`; one that must be answered when asked gets `required` (the
 * message for a missing answer). Ids are stored: never change one once released. Bump
 * INTAKE_SCHEMA_VERSION (schema.ts) when the meaning of stored answers changes, and give a new
 * question `since` (that version), so older intakes are not summarised as having answered it.
 * A question about the client's state today, or about this visit alone, gets `askedFresh` (or its
 * options `freshOptions`): it is never filled in from a returning client's last intake.
 */
import {
  ALLERGY_KINDS,
  BLOOD_PRESSURE_CONTROL,
  CANCER_TREATMENT,
  CONDITIONS,
  CONSENT_STATEMENTS,
  GOALS,
  LIMBS,
  NEUROPATHY_CAUSES,
  PRESSURE,
  REGIONS,
  SKIN_SENSITIVITY,
  SYMPTOMS,
  YES_NO,
} from "../options";
import type { Question, Questionnaire, Step } from "./types";

/** The longest free-text answer, in characters. */
export const MAX_TEXT = 2000;
/** The longest name, in characters. */
export const MAX_NAME = 120;

const STEPS = [
  { id: "about", title: "About you", staffTitle: "About the client" },
  { id: "health", title: "Your health", staffTitle: "Health" },
  {
    id: "neuropathy",
    title: "Your feet and legs",
    staffTitle: "Neuropathy: feet and legs",
    shownWhen: { question: "conditions", includes: "neuropathy" },
  },
  { id: "allergiesAndSkin", title: "Allergies and skin", staffTitle: "Allergies and skin" },
  { id: "preferences", title: "Your preferences", staffTitle: "Preferences" },
  { id: "consent", title: "Consent and signature", staffTitle: "Consent and signature", signedAndDated: true },
] as const satisfies readonly Step[];

const CONSENTS = { allOf: "Consents", all: "All given", notAll: "Not all given" } as const;

const QUESTIONS = [
  // 1. About you
  { id: "fullName", step: "about", kind: "shortText", format: "name", label: "Full name", required: "Enter your full name", autoComplete: "name" },
  { id: "email", step: "about", kind: "email", label: "Email", required: "Enter your email address", autoComplete: "email" },
  { id: "phone", step: "about", kind: "phone", label: "Phone", required: "Enter your phone number", autoComplete: "tel" },
  { id: "dateOfBirth", step: "about", kind: "date", label: "Date of birth", required: "Enter your date of birth", autoComplete: "bday" },
  { id: "appointmentDate", askedFresh: "visit", step: "about", kind: "date", label: "Appointment date", required: "Enter the date of your appointment" },
  {
    id: "emergencyContactName",
    step: "about",
    kind: "shortText",
    format: "name",
    label: "Emergency contact name",
    required: "Enter the name of someone we can call in an emergency",
    autoComplete: "off",
  },
  {
    id: "emergencyContactPhone",
    step: "about",
    kind: "phone",
    label: "Emergency contact phone",
    required: "Enter your emergency contact's phone number",
    autoComplete: "off",
  },

  // 2. Health, with a follow-up under each condition whose precaution depends on it
  {
    id: "conditions",
    freshOptions: ["feverToday", "redHotSwollenToday"],
    step: "health",
    kind: "multipleChoice",
    options: CONDITIONS,
    label: "Do you have any of these conditions?",
    hint: "Tick all that apply. Leave all unticked if none do.",
    summaryLabel: "Conditions",
  },
  {
    id: "usesInsulin",
    step: "health",
    since: 2,
    kind: "tick",
    label: "I inject insulin",
    summaryLabel: "Injects insulin",
    shownWhen: { question: "conditions", includes: "diabetes" },
  },
  {
    id: "woundDischarge",
    askedFresh: "today",
    step: "health",
    since: 3,
    kind: "tick",
    label: "A wound is leaking fluid or pus",
    summaryLabel: "A wound is leaking fluid or pus",
    shownWhen: { question: "conditions", includes: "openWounds" },
  },
  {
    id: "lymphedemaLimbs",
    step: "health",
    since: 3,
    kind: "multipleChoice",
    options: LIMBS,
    label: "Which arm or leg is affected, or on which side were lymph nodes removed?",
    hint: "Tick all that apply.",
    summaryLabel: "Lymphedema or lymph nodes removed",
    required: "Choose the arm or leg affected",
    shownWhen: { question: "conditions", includes: "lymphedema" },
  },
  {
    id: "cancerTreatment",
    step: "health",
    since: 2,
    kind: "singleChoice",
    options: CANCER_TREATMENT,
    label: "Your cancer treatment",
    summaryLabel: "Cancer treatment",
    required: "Choose whether your treatment is current or finished",
    shownWhen: { question: "conditions", includes: "cancer" },
  },
  {
    id: "cancerTreatmentRecent",
    step: "health",
    since: 3,
    kind: "tick",
    label: "My treatment finished in the last 12 months",
    summaryLabel: "Treatment finished in the last 12 months",
    shownWhen: { question: "cancerTreatment", equals: "past" },
  },
  {
    id: "bloodPressureControlled",
    step: "health",
    since: 2,
    kind: "singleChoice",
    options: BLOOD_PRESSURE_CONTROL,
    label: "Is your blood pressure under control?",
    hint: "With or without medication.",
    summaryLabel: "Blood pressure under control",
    required: "Tell us whether your blood pressure is under control",
    invalid: "Choose an answer",
    shownWhen: { question: "conditions", includes: "highBloodPressure" },
  },
  {
    id: "takesBloodPressureMedication",
    step: "health",
    since: 2,
    kind: "tick",
    label: "I take medication for my blood pressure",
    summaryLabel: "Takes blood pressure medication",
    shownWhen: { question: "conditions", includes: "highBloodPressure" },
  },
  { id: "otherConditions", step: "health", kind: "longText", label: "Other conditions", hint: "Anything else we should know about your health." },
  { id: "medications", step: "health", kind: "longText", label: "Medications", hint: "Names, or what they are for." },
  { id: "takesBloodThinners", step: "health", kind: "tick", label: "I take blood thinners", summaryLabel: "Takes blood thinners" },
  {
    id: "doctorConsulted",
    step: "health",
    kind: "tick",
    label: "I have talked to my doctor about massage",
    summaryLabel: "Has talked to a doctor about massage",
  },

  // 3. Neuropathy (the whole step only when neuropathy is ticked)
  {
    id: "neuropathyCauses",
    step: "neuropathy",
    kind: "multipleChoice",
    options: NEUROPATHY_CAUSES,
    label: "What caused your neuropathy?",
    hint: 'Tick all that apply, or "Unknown".',
    summaryLabel: "Cause of neuropathy",
    required: 'Choose what caused your neuropathy, or "Unknown"',
  },
  {
    id: "neuropathyCauseOther",
    step: "neuropathy",
    kind: "shortText",
    format: "text",
    maxLength: MAX_TEXT,
    label: "Other cause",
    required: "Tell us the other cause",
    summaryAs: { detailOf: "neuropathyCauses" },
    shownWhen: { question: "neuropathyCauses", includes: "other" },
  },
  { id: "symptoms", step: "neuropathy", kind: "multipleChoice", options: SYMPTOMS, label: "Which symptoms do you have?", summaryLabel: "Symptoms" },
  {
    id: "symptomStrength",
    askedFresh: "today",
    step: "neuropathy",
    kind: "scale",
    min: 0,
    max: 10,
    label: "How strong are your symptoms today?",
    hint: "0 means none, 10 the worst you can imagine.",
    summaryLabel: "Strength of symptoms today",
    required: "Choose how strong your symptoms are today, from 0 to 10",
    invalid: "Choose a number from 0 to 10",
  },
  {
    id: "reducedFeeling",
    step: "neuropathy",
    kind: "bodyRegions",
    options: REGIONS,
    label: "Where is feeling reduced (numb)?",
    summaryLabel: "Reduced feeling",
  },
  {
    id: "painfulToLightTouch",
    step: "neuropathy",
    kind: "bodyRegions",
    options: REGIONS,
    label: "Where is light touch painful?",
    summaryLabel: "Light touch is painful",
  },
  {
    id: "woundsOrBlisters",
    step: "neuropathy",
    kind: "bodyRegions",
    options: REGIONS,
    label: "Where are there wounds, blisters or ulcers?",
    summaryLabel: "Wounds or blisters",
  },

  // 4. Allergies and skin
  {
    id: "hasAllergies",
    step: "allergiesAndSkin",
    kind: "yesNo",
    options: YES_NO,
    label: "Do you have any allergies?",
    summaryLabel: "Any allergies",
    required: "Answer Yes or No",
  },
  {
    id: "allergies",
    step: "allergiesAndSkin",
    kind: "multipleChoice",
    options: ALLERGY_KINDS,
    label: "What are you allergic to?",
    hint: "Tick all that apply.",
    summaryLabel: "Allergies",
    required: "Choose at least one allergy, or answer No above",
    shownWhen: { question: "hasAllergies", equals: "yes" },
  },
  {
    id: "allergyDetails",
    step: "allergiesAndSkin",
    kind: "longText",
    label: "Allergy details",
    required: "Tell us about your other allergies",
    shownWhen: { question: "allergies", includes: "other" },
  },
  {
    id: "skinSensitivity",
    step: "allergiesAndSkin",
    kind: "singleChoice",
    options: SKIN_SENSITIVITY,
    label: "How sensitive is your skin?",
    summaryLabel: "Skin sensitivity",
    required: "Choose how sensitive your skin is",
  },
  {
    id: "skinConditions",
    step: "allergiesAndSkin",
    kind: "longText",
    label: "Skin conditions",
    hint: "For example eczema, psoriasis, very dry or cracked skin.",
  },

  // 5. Preferences
  {
    id: "pressure",
    step: "preferences",
    kind: "singleChoice",
    options: PRESSURE,
    label: "Pressure preference",
    required: "Choose a pressure",
  },
  { id: "areasToAvoid", step: "preferences", kind: "longText", label: "Areas to avoid", hint: "Any place you do not want massaged." },
  {
    id: "goals",
    step: "preferences",
    kind: "multipleChoice",
    options: GOALS,
    label: "What would you like from your sessions?",
    hint: "Tick all that apply.",
    summaryLabel: "Goals",
  },

  // 6. Consent
  { id: "consentSpeakUp", askedFresh: "visit", step: "consent", kind: "consent", label: CONSENT_STATEMENTS.consentSpeakUp, summaryAs: CONSENTS },
  { id: "consentNotMedicalCare", askedFresh: "visit", step: "consent", kind: "consent", label: CONSENT_STATEMENTS.consentNotMedicalCare, summaryAs: CONSENTS },
  { id: "consentAccurate", askedFresh: "visit", step: "consent", kind: "consent", label: CONSENT_STATEMENTS.consentAccurate, summaryAs: CONSENTS },
  {
    id: "signature",
    askedFresh: "visit",
    step: "consent",
    kind: "shortText",
    format: "name",
    label: "Signature (type your full name)",
    summaryLabel: "Signature",
    required: "Type your full name to sign",
    autoComplete: "name",
  },
] as const satisfies readonly Question[];

/** The intake questionnaire, as data. */
export const INTAKE_QUESTIONNAIRE = { steps: STEPS, questions: QUESTIONS } as const satisfies Questionnaire;

export type IntakeQuestionnaire = typeof INTAKE_QUESTIONNAIRE;
