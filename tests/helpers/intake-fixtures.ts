/**
 * The one set of test answers, for unit, component, integration, browser and reliability tests
 * alike: a complete, valid intake to start from, and variations on it.
 */
import type { IntakeFormValues } from "@/lib/intake/schema";

/** A date `days` from today (UTC), as "YYYY-MM-DD". */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A complete, valid intake without neuropathy or allergies; override what a test needs. The
 * signature follows the name given, as a client signs with their own name.
 */
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
    signature: overrides.fullName ?? "Maria Jensen",
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

/** A valid intake distinct per index, as the API receives it (load, crash and generated-input proofs, the benchmark). */
export function intakeBody(i: number, tag: string): IntakeFormValues {
  const name = `${tag} Client ${i}`;
  return validIntake({
    fullName: name,
    email: `client${i}@example.com`,
    dateOfBirth: "1960-05-01",
    appointmentDate: daysFromToday(1 + (i % 30)),
    emergencyContactName: "Emergency Contact",
    emergencyContactPhone: "555 010 9999",
    conditions: i % 3 === 0 ? ["neuropathy", "diabetes"] : [],
    ...(i % 3 === 0 ? { neuropathyCauses: ["diabetes"], symptomStrength: i % 11, reducedFeeling: ["leftSole"] } : {}),
    skinSensitivity: "mild",
    pressure: "light",
  });
}
