import { describe, expect, it } from "vitest";
import { INTAKE_QUESTIONNAIRE, questionnaire, type Question } from "@/lib/intake/questionnaire";
import { INTAKE_SCHEMA_VERSION, intakeSchema, type IntakeFormValues } from "@/lib/intake/schema";
import { daysFromToday, neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

/** Validated as the server stores them: hidden answers dropped. */
const stored = (values: IntakeFormValues) => intakeSchema.parse(values) as Record<string, unknown>;

describe("a returning client's form, filled from the last intake", () => {
  const last = stored(
    neuropathyIntake({
      conditions: ["neuropathy", "diabetes", "feverToday", "redHotSwollenToday", "openWounds"],
      woundDischarge: true,
      symptomStrength: 6,
      hasAllergies: "yes",
      allergies: ["latex"],
    }),
  );
  const filled = questionnaire.prefillFrom(last);

  it("keeps what is still true from visit to visit", () => {
    expect(filled).toMatchObject({
      fullName: last.fullName,
      email: last.email,
      dateOfBirth: last.dateOfBirth,
      neuropathyCauses: ["diabetes"],
      reducedFeeling: ["leftSole", "rightSole"],
      allergies: ["latex"],
    });
  });

  it("asks today's state afresh: no fever, red foot, leaking wound or symptom strength from before", () => {
    expect(filled.conditions).toEqual(["neuropathy", "diabetes", "openWounds"]);
    expect(filled).not.toHaveProperty("woundDischarge");
    expect(filled).not.toHaveProperty("symptomStrength");
  });

  it("asks what belongs to this visit afresh: its date, every consent and the signature", () => {
    for (const id of ["appointmentDate", "consentSpeakUp", "consentNotMedicalCare", "consentAccurate", "signature"]) {
      expect(filled, id).not.toHaveProperty(id);
    }
  });

  it("marks in the registry every question about today or this visit, and nothing else", () => {
    const fresh = (INTAKE_QUESTIONNAIRE.questions as readonly Question[]).filter((q) => q.askedFresh).map((q) => `${q.id}:${q.askedFresh}`);
    expect(fresh).toEqual([
      "appointmentDate:visit",
      "woundDischarge:today",
      "symptomStrength:today",
      "consentSpeakUp:visit",
      "consentNotMedicalCare:visit",
      "consentAccurate:visit",
      "signature:visit",
    ]);
  });
});

const before = stored(neuropathyIntake({ hasAllergies: "yes", allergies: ["latex"], appointmentDate: daysFromToday(2) }));
const after = (o: Partial<IntakeFormValues>) =>
  stored(neuropathyIntake({ hasAllergies: "yes", allergies: ["latex"], ...o }));
const words = (changes: ReturnType<typeof questionnaire.changesBetween>) => changes.map((c) => [c.label, c.before, c.after]);

describe("what changed since the last visit", () => {
  const CASES: [string, Record<string, unknown>, (string | null)[][]][] = [
    ["nothing", after({}), []],
    [
      "a condition added",
      after({ conditions: ["neuropathy", "diabetes", "varicoseVeins"] }),
      [["Conditions", "Peripheral neuropathy, Diabetes", "Peripheral neuropathy, Diabetes, Varicose veins"]],
    ],
    [
      "allergies gone: the answer changed, the list removed",
      after({ hasAllergies: "no" }),
      [
        ["Any allergies", "Yes", "No"],
        ["Allergies", "Latex", null],
      ],
    ],
    ["today's symptom strength (asked fresh, still compared)", after({ symptomStrength: 8 }), [["Strength of symptoms today", "4 out of 10", "8 out of 10"]]],
    ["a region of reduced feeling added", after({ reducedFeeling: ["leftSole", "rightSole", "leftHeel"] }), [["Reduced feeling", "Left sole, Right sole", "Left sole, Left heel, Right sole"]]],
    ["this visit's date is not compared", after({ appointmentDate: daysFromToday(9) }), []],
  ];

  it.each(CASES)("%s", (_name, now, expected) => {
    expect(words(questionnaire.changesBetween({ answers: before }, { answers: now }))).toEqual(expected);
  });

  it("lists a whole step's answers as added when it is asked for the first time", () => {
    const first = stored(validIntake({ conditions: ["diabetes"] }));
    const now = stored(neuropathyIntake({ conditions: ["diabetes", "neuropathy"] }));
    const changes = questionnaire.changesBetween({ answers: first }, { answers: now });
    expect(changes.find((c) => c.question === "conditions")).toMatchObject({ before: "Diabetes", after: "Peripheral neuropathy, Diabetes" });
    const neuropathyStep = changes.filter((c) => c.step === "neuropathy");
    expect(neuropathyStep.length).toBeGreaterThan(3);
    expect(neuropathyStep.every((c) => c.before === null && c.after !== null)).toBe(true);
  });

  it("does not count a question the last intake's form did not have, unless it is answered now", () => {
    // Stored under schema version 2, which had no "finished in the last 12 months" question.
    const v2 = { answers: stored(validIntake({ conditions: ["cancer"], cancerTreatment: "past" })), schemaVersion: 2 };
    const notRecent = { answers: stored(validIntake({ conditions: ["cancer"], cancerTreatment: "past" })), schemaVersion: INTAKE_SCHEMA_VERSION };
    const recent = { answers: stored(validIntake({ conditions: ["cancer"], cancerTreatment: "past", cancerTreatmentRecent: true })) };
    expect(questionnaire.changesBetween(v2, notRecent)).toEqual([]);
    expect(words(questionnaire.changesBetween(v2, recent))).toEqual([["Treatment finished in the last 12 months", null, "Yes"]]);
  });
});
