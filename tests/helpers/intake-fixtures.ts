import type { IntakeFormValues } from "@/lib/intake/schema";

/** A date `days` from today (UTC), as "YYYY-MM-DD". */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A complete, valid intake without neuropathy or allergies; override what a test needs. */
export function validIntake(overrides: Partial<IntakeFormValues> = {}): IntakeFormValues {
  return {
    fullName: "Maria Jensen",
    email: "maria@example.com",
    phone: "+1 555 010 2030",
    dateOfBirth: "1958-04-12",
    appointmentDate: daysFromToday(7),
    emergencyContactName: "Tom Jensen",
    emergencyContactPhone: "555-010-9999",
    conditions: [],
    otherConditions: "",
    medications: "",
    takesBloodThinners: false,
    doctorConsulted: false,
    neuropathyCauses: [],
    neuropathyCauseOther: "",
    symptoms: [],
    reducedFeeling: [],
    painfulToLightTouch: [],
    woundsOrBlisters: [],
    hasAllergies: "no",
    allergies: [],
    allergyDetails: "",
    skinSensitivity: "not",
    skinConditions: "",
    pressure: "medium",
    areasToAvoid: "",
    goals: [],
    consentSpeakUp: true,
    consentNotMedicalCare: true,
    consentAccurate: true,
    signature: "Maria Jensen",
    ...overrides,
  };
}

/** A valid intake of a client with diabetic neuropathy. */
export function neuropathyIntake(overrides: Partial<IntakeFormValues> = {}): IntakeFormValues {
  return validIntake({
    conditions: ["neuropathy", "diabetes"],
    neuropathyCauses: ["diabetes"],
    symptoms: ["numbness", "tingling"],
    symptomStrength: 4,
    reducedFeeling: ["leftSole", "rightSole"],
    woundsOrBlisters: ["leftHeel"],
    ...overrides,
  });
}
