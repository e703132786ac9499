import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeAnswers } from "@/lib/intake/answers";
import {
  INTAKE_QUESTIONNAIRE,
  deriveQuestionnaire,
  describeShownWhen,
  questionnaire,
  type IntakeAnswers,
  type Question,
  type Questionnaire,
} from "@/lib/intake/questionnaire";
import { deriveFields } from "@/lib/intake/questionnaire/fields";
import { INTAKE_SCHEMA_VERSION, intakeSchema, toValidationErrors } from "@/lib/intake/schema";
import stored from "../fixtures/stored-v2-summaries.json";
import { validIntake } from "../helpers/intake-fixtures";

describe("stored intakes keep their meaning", () => {
  // Answers and summaries recorded from the code before the registry (schema version 2).
  for (const fixture of stored) {
    it(`summarises "${fixture.name}" word for word as before`, () => {
      // Stored under version 2: questions added since are not shown as answered.
      expect(describeAnswers(fixture.answers as never, "client", 2)).toEqual(fixture.summary.client);
      expect(describeAnswers(fixture.answers as never, "therapist", 2)).toEqual(fixture.summary.therapist);
    });
  }

  it("validates every stored answer set again, unchanged but for the empty answers version 3 added", () => {
    // Version 3's follow-ups, as a form that never showed them holds them: unticked, nothing chosen.
    const addedInVersion3 = { woundDischarge: false, lymphedemaLimbs: [], cancerTreatmentRecent: false };
    for (const fixture of stored.slice(0, 4)) {
      const answers = fixture.answers as Record<string, unknown>;
      const again = intakeSchema.safeParse({ ...answers, appointmentDate: validIntake().appointmentDate });
      expect(again.success, fixture.name).toBe(true);
      expect({ ...again.data, appointmentDate: answers.appointmentDate }).toEqual({ ...answers, ...addedInVersion3 });
    }
  });
});

describe("questions added in a later schema version", () => {
  const cancerPast = { ...stored[0]!.answers, conditions: ["cancer"], cancerTreatment: "past" };
  const healthLabels = (answers: object, version?: number) =>
    describeAnswers(answers as never, "therapist", version)
      .find((s) => s.step === "health")!
      .items.map((i) => `${i.label}: ${i.value}`);

  it("are summarised for intakes stored since, and left out for older ones", () => {
    expect(healthLabels({ ...cancerPast, cancerTreatmentRecent: false }, INTAKE_SCHEMA_VERSION)).toContain(
      "Treatment finished in the last 12 months: No",
    );
    expect(healthLabels(cancerPast, 2)).not.toContain("Treatment finished in the last 12 months: No");
    // A form in progress shows every question it asks.
    expect(healthLabels({ ...cancerPast, cancerTreatmentRecent: false })).toContain("Treatment finished in the last 12 months: No");
  });

  it("name a version no later than the current one", () => {
    const since = (INTAKE_QUESTIONNAIRE.questions as readonly Question[]).flatMap((q) => (q.since ? [[q.id, q.since] as const] : []));
    expect(since.map(([id]) => id).sort()).toEqual([
      // Version 2: the follow-ups the first precaution rules read.
      "bloodPressureControlled",
      "cancerTreatment",
      "cancerTreatmentRecent",
      "lymphedemaLimbs",
      "takesBloodPressureMedication",
      "usesInsulin",
      "woundDischarge",
    ]);
    for (const [id, version] of since) expect(version, id).toBeLessThanOrEqual(INTAKE_SCHEMA_VERSION);
  });
});

describe("the registry", () => {
  it("has unique ids, and every shownWhen names a question asked before it and one of its options", () => {
    const seen = new Map<string, Question>();
    for (const q of INTAKE_QUESTIONNAIRE.questions as readonly Question[]) {
      expect(seen.has(q.id), q.id).toBe(false);
      const conditions = q.shownWhen ? ("all" in q.shownWhen ? q.shownWhen.all : "any" in q.shownWhen ? q.shownWhen.any : [q.shownWhen]) : [];
      for (const c of conditions) {
        const other = seen.get(c.question);
        expect(other, `${q.id} depends on ${c.question}`).toBeDefined();
        const value = "equals" in c ? c.equals : c.includes;
        expect(other && "options" in other ? other.options.ids : [], `${q.id}: option ${value}`).toContain(value);
      }
      seen.set(q.id, q);
    }
  });

  it("says a condition in words a reader understands", () => {
    const insulin = INTAKE_QUESTIONNAIRE.questions.find((q) => q.id === "usesInsulin")!;
    expect(describeShownWhen(insulin.shownWhen, INTAKE_QUESTIONNAIRE)).toBe('Shown when "Conditions" includes "Diabetes"');
    expect(
      describeShownWhen({ any: [{ question: "hasAllergies", equals: "yes" }, { question: "conditions", includes: "cancer" }] }, INTAKE_QUESTIONNAIRE),
    ).toBe('Shown when "Any allergies" is "Yes" or "Conditions" includes "Cancer (current or past treatment)"');
  });

  it("types the answers by question id, so a rule cannot name a question that does not exist", () => {
    const answers: Partial<IntakeAnswers> = { conditions: ["diabetes"], usesInsulin: true };
    // @ts-expect-error: no question has this id (the type check fails if this line compiles)
    expect(answers.injectsInsulin).toBeUndefined();
    // @ts-expect-error: "gout" is not one of the conditions
    const wrong: Partial<IntakeAnswers> = { conditions: ["gout"] };
    expect(wrong).toBeDefined();
  });

  it("derives the steps, their questions and the form's defaults", () => {
    expect(questionnaire.stepIds).toEqual(["about", "health", "neuropathy", "allergiesAndSkin", "preferences", "consent"]);
    expect(questionnaire.stepFields.health).toEqual([
      "conditions",
      "usesInsulin",
      "woundDischarge",
      "lymphedemaLimbs",
      "cancerTreatment",
      "cancerTreatmentRecent",
      "bloodPressureControlled",
      "takesBloodPressureMedication",
      "otherConditions",
      "medications",
      "takesBloodThinners",
      "doctorConsulted",
    ]);
    expect(questionnaire.stepsDependOn).toEqual(["conditions"]);
    expect(questionnaire.visibleSteps({ conditions: [] })).not.toContain("neuropathy");
    expect(questionnaire.visibleSteps({ conditions: ["neuropathy"] })).toContain("neuropathy");
    expect(questionnaire.defaults).toMatchObject({ fullName: "", conditions: [], usesInsulin: false, consentAccurate: false });
    expect(questionnaire.defaults).not.toHaveProperty("pressure");
  });
});

describe("required, on a question always asked", () => {
  it("is enforced for every kind, not only those whose schema refuses an empty answer", () => {
    const registry: Questionnaire = {
      steps: [{ id: "only", title: "Only", staffTitle: "Only" }],
      questions: [
        { id: "notes", step: "only", kind: "longText", label: "Notes", required: "Write a note" },
        { id: "picks", step: "only", kind: "multipleChoice", label: "Picks", options: { ids: ["a", "b"], labels: { a: "A", b: "B" } }, required: "Pick one" },
        { id: "pain", step: "only", kind: "scale", min: 0, max: 10, label: "Pain", required: "Choose a number" },
      ],
    };
    const { fields, checkRequiredWhenShown } = deriveFields(registry);
    const schema = fields.superRefine((v, ctx) => checkRequiredWhenShown(v as Record<string, unknown>, ctx));
    const result = schema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.success ? {} : toValidationErrors(result.error).fieldErrors).toEqual({ notes: "Write a note", picks: "Pick one", pain: "Choose a number" });
    expect(schema.safeParse({ notes: "x", picks: ["a"], pain: 0 }).success).toBe(true);
  });
});

describe("adding a question is one entry", () => {
  // A copy of the registry with one more conditional question, and nothing else changed.
  const registry: Questionnaire = {
    steps: INTAKE_QUESTIONNAIRE.steps,
    questions: [
      ...INTAKE_QUESTIONNAIRE.questions.slice(0, 9),
      {
        id: "insulinSites",
        step: "health",
        kind: "longText",
        label: "Where do you inject insulin?",
        summaryLabel: "Insulin injection sites",
        required: "Tell us where you inject insulin",
        shownWhen: { question: "conditions", includes: "diabetes" },
      },
      ...INTAKE_QUESTIONNAIRE.questions.slice(9),
    ],
  };
  const derived = deriveQuestionnaire(registry);
  const { fields, checkRequiredWhenShown } = deriveFields(registry);
  const schema = z.preprocess(
    (input) => derived.dropHiddenAnswers(input),
    fields.superRefine((v, ctx) => checkRequiredWhenShown(v as Record<string, unknown>, ctx)),
  );
  const errorsOf = (input: unknown) => {
    const result = schema.safeParse(input);
    return result.success ? {} : toValidationErrors(result.error).fieldErrors as Record<string, string>;
  };

  it("is validated and required when asked", () => {
    expect(errorsOf(validIntake({ conditions: ["diabetes"] }))).toEqual({ insulinSites: "Tell us where you inject insulin" });
    expect(errorsOf({ ...validIntake({ conditions: ["diabetes"] }), insulinSites: "x".repeat(2001) })).toEqual({
      insulinSites: "Keep this under 2,000 characters",
    });
    expect(errorsOf({ ...validIntake({ conditions: ["diabetes"] }), insulinSites: "Belly" })).toEqual({});
  });

  it("is asked only under its condition, on its step", () => {
    expect(derived.isShown("insulinSites", { conditions: ["diabetes"] })).toBe(true);
    expect(derived.isShown("insulinSites", { conditions: [] })).toBe(false);
    expect(derived.stepFields.health).toContain("insulinSites");
    expect(derived.defaults).toMatchObject({ insulinSites: "" });
  });

  it("is dropped when hidden", () => {
    const parsed = schema.parse({ ...validIntake({ conditions: [] }), insulinSites: "stale answer" }) as Record<string, unknown>;
    expect(parsed.insulinSites).toBe("");
    expect(derived.dropHiddenAnswers({ conditions: [], insulinSites: "stale" })).toEqual({ conditions: [] });
  });

  it("appears in the summary, in its place, only when asked", () => {
    const health = (values: object) => derived.describeAnswers(values, "therapist").find((s) => s.step === "health")!.items;
    const asked = health({ ...validIntake({ conditions: ["diabetes"], usesInsulin: true }), insulinSites: "Belly" });
    expect(asked.slice(0, 3)).toEqual([
      { label: "Conditions", value: "Diabetes" },
      { label: "Injects insulin", value: "Yes" },
      { label: "Insulin injection sites", value: "Belly" },
    ]);
    expect(health(validIntake()).map((i) => i.label)).not.toContain("Insulin injection sites");
  });
});
