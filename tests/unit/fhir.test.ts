/**
 * The FHIR exports, checked by software none of us wrote: the Questionnaire and the responses of a
 * table of intakes (every kind of question, hidden answers, each schema version still stored)
 * validate as R4 with @medplum/core, and each response fits its Questionnaire (tests/helpers/fhir.ts).
 */
import type { DetectedIssue, Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { fhirBase, fhirQuestionnaire, itemTypeOf } from "@/lib/exports/fhir/questionnaire";
import { fhirQuestionnaireResponse, type IntakeForFhir } from "@/lib/exports/fhir/response";
import { precautionsFor, type Answers } from "@/lib/intake/precautions";
import { questionnaire, type Question } from "@/lib/intake/questionnaire";
import { INTAKE_SCHEMA_VERSION, intakeSchema, type IntakeFormValues } from "@/lib/intake/schema";
import stored from "../fixtures/stored-v2-summaries.json";
import { requiredCodeProblems, responseProblems, validateR4 } from "../helpers/fhir";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

const base = fhirBase("https://intake.example-clinic.com");
const current = fhirQuestionnaire(base, "Harbour Street Foot Clinic");

function intake(answers: Answers, schemaVersion = INTAKE_SCHEMA_VERSION, over: Partial<IntakeForFhir> = {}): IntakeForFhir {
  return {
    id: "cm0intake000000000000001",
    reference: "K7Q-4M2P",
    fullName: String(answers.fullName ?? "Maria Jensen"),
    email: String(answers.email ?? "maria@example.com"),
    dateOfBirth: String(answers.dateOfBirth ?? "1958-04-12"),
    createdAt: new Date("2026-11-20T09:30:00Z"),
    schemaVersion,
    answers,
    reviews: [],
    ...over,
  };
}

const stored3 = (values: Partial<IntakeFormValues>) => intakeSchema.parse(values) as Answers;
/** Answers as an older version stored them: without the questions it did not ask. */
const withoutKeys = (answers: Answers, keys: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([k]) => !keys.includes(k))) as Answers;

/** Intakes as the database holds them, each with what it covers. */
const TABLE: { name: string; intake: IntakeForFhir }[] = [
  { name: "the required answers only", intake: intake(stored3(validIntake())) },
  {
    name: "every kind of question, follow-ups shown",
    intake: intake(
      stored3(
        neuropathyIntake({
          fullName: "José Núñez",
          signature: "José Núñez",
          conditions: ["neuropathy", "diabetes", "openWounds", "lymphedema", "cancer", "highBloodPressure"],
          usesInsulin: true,
          woundDischarge: true,
          lymphedemaLimbs: ["leftLeg"],
          cancerTreatment: "past",
          cancerTreatmentRecent: true,
          bloodPressureControlled: "yes",
          takesBloodPressureMedication: true,
          otherConditions: "Asthma,\nmild",
          medications: "Metformin",
          neuropathyCauses: ["diabetes", "other"],
          neuropathyCauseOther: "An injury at work",
          painfulToLightTouch: ["rightToes"],
          hasAllergies: "yes",
          allergies: ["nutOils", "other"],
          allergyDetails: "Lavender oil",
          goals: ["relaxation"],
        }),
      ),
      INTAKE_SCHEMA_VERSION,
      { reviews: [{ reviewerName: "Ada Byrne", createdAt: new Date("2026-11-21T08:00:00Z"), acknowledged: [] }] },
    ),
  },
  {
    name: "answers to hidden questions sent anyway",
    // Stored as a request body could hold them before validation dropped them: they must not appear.
    intake: intake({
      ...stored3(validIntake()),
      usesInsulin: true,
      neuropathyCauses: ["alcohol"],
      allergies: ["latex"],
      symptomStrength: 7,
    } as Answers),
  },
  {
    name: "stored under version 1, before the four follow-ups the rules read",
    intake: intake(
      withoutKeys(
        stored3(validIntake({ conditions: ["diabetes", "cancer", "highBloodPressure"], cancerTreatment: "current", bloodPressureControlled: "yes" })),
        ["usesInsulin", "cancerTreatment", "cancerTreatmentRecent", "bloodPressureControlled", "takesBloodPressureMedication"],
      ),
      1,
    ),
  },
  // The complete ones (the last fixture is a form in progress, never stored as an intake).
  ...stored.slice(0, 4).map((fixture) => ({ name: `stored under version 2: ${fixture.name}`, intake: intake(fixture.answers as Answers, 2) })),
];

function linkIds(items: (QuestionnaireItem | QuestionnaireResponseItem)[] | undefined): string[] {
  return (items ?? []).flatMap((i) => [i.linkId, ...linkIds(i.item)]);
}

describe("the Questionnaire", () => {
  it("is valid R4", async () => {
    for (let version = 1; version <= INTAKE_SCHEMA_VERSION; version++) {
      const q = fhirQuestionnaire(base, "Clinic", version);
      expect(await validateR4(q)).toEqual([]);
      expect(requiredCodeProblems(q)).toEqual([]);
    }
  });

  it("has each step as a group and each question under its registry id, with its type, options and required", () => {
    expect(current.version).toBe(String(INTAKE_SCHEMA_VERSION));
    expect(current.item!.map((g) => [g.linkId, g.type])).toEqual(questionnaire.registry.steps.map((s) => [s.id, "group"]));
    for (const q of questionnaire.registry.questions as readonly Question[]) {
      const group = current.item!.find((g) => g.linkId === q.step)!;
      const item = group.item!.find((i) => i.linkId === q.id);
      expect(item, q.id).toBeDefined();
      expect(item!.type).toBe(itemTypeOf(q));
      expect(item!.required === true, q.id).toBe(!!q.required || q.kind === "consent");
      if ("options" in q) {
        expect(item!.answerOption!.map((o) => [o.valueCoding!.code, o.valueCoding!.display])).toEqual(
          q.options.ids.map((id) => [id, q.options.labels[id]]),
        );
      }
      expect(!!item!.enableWhen, q.id).toBe(!!q.shownWhen);
    }
  });

  it("turns shownWhen into enableWhen on the choice it depends on", () => {
    const health = current.item!.find((g) => g.linkId === "health")!;
    expect(health.item!.find((i) => i.linkId === "usesInsulin")!.enableWhen).toEqual([
      { question: "conditions", operator: "=", answerCoding: expect.objectContaining({ code: "diabetes" }) },
    ]);
    const feet = current.item!.find((g) => g.linkId === "neuropathy")!;
    expect(feet.enableWhen).toEqual([{ question: "conditions", operator: "=", answerCoding: expect.objectContaining({ code: "neuropathy" }) }]);
  });

  it("version 1 leaves out what version 2 added", () => {
    const v1 = linkIds(fhirQuestionnaire(base, "Clinic", 1).item);
    for (const id of ["usesInsulin", "cancerTreatment", "bloodPressureControlled", "takesBloodPressureMedication"]) expect(v1).not.toContain(id);
    expect(v1).toContain("conditions");
  });

  it("version 2 leaves out what version 3 added", () => {
    const v2 = linkIds(fhirQuestionnaire(base, "Clinic", 2).item);
    const added = (questionnaire.registry.questions as readonly Question[]).filter((q) => q.since === 3).map((q) => q.id);
    expect(added.length).toBeGreaterThan(0);
    for (const id of added) expect(v2).not.toContain(id);
    expect(v2).toContain("usesInsulin");
    expect(() => fhirQuestionnaire(base, "Clinic", INTAKE_SCHEMA_VERSION + 1)).toThrow(RangeError);
  });
});

describe("each QuestionnaireResponse", () => {
  for (const { name, intake: row } of TABLE) {
    it(`is valid R4 and fits its questionnaire: ${name}`, async () => {
      const response = fhirQuestionnaireResponse(row, base);
      expect(await validateR4(response)).toEqual([]);
      expect(requiredCodeProblems(response)).toEqual([]);
      expect(responseProblems(response, fhirQuestionnaire(base, "Clinic", row.schemaVersion))).toEqual([]);
      expect(response.status).toBe("completed");
      expect(response.authored).toBe(row.createdAt.toISOString());
      // Only questions that were shown are answered.
      const answered = linkIds(response.item);
      for (const q of questionnaire.registry.questions) {
        if (answered.includes(q.id)) expect(questionnaire.isShown(q, row.answers), q.id).toBe(true);
      }
    });
  }

  it("answers every kind of question with its type", () => {
    const response = fhirQuestionnaireResponse(TABLE[1]!.intake, base);
    const answer = (id: string) =>
      response.item!.flatMap((g) => g.item ?? []).find((i) => i.linkId === id)?.answer ?? [];
    expect(answer("fullName")).toEqual([{ valueString: "José Núñez" }]);
    expect(answer("otherConditions")).toEqual([{ valueString: "Asthma,\nmild" }]);
    expect(answer("dateOfBirth")).toEqual([{ valueDate: "1958-04-12" }]);
    expect(answer("usesInsulin")).toEqual([{ valueBoolean: true }]);
    expect(answer("consentAccurate")).toEqual([{ valueBoolean: true }]);
    expect(answer("symptomStrength")).toEqual([{ valueInteger: 4 }]);
    expect(answer("hasAllergies")).toEqual([{ valueCoding: expect.objectContaining({ code: "yes", display: "Yes" }) }]);
    expect(answer("cancerTreatment")).toEqual([{ valueCoding: expect.objectContaining({ code: "past" }) }]);
    expect(answer("reducedFeeling").map((a) => a.valueCoding!.code)).toEqual(["leftSole", "rightSole"]);
    expect(answer("neuropathyCauseOther")).toEqual([{ valueString: "An injury at work" }]);
  });

  it("leaves out answers to questions that were not shown", () => {
    const answered = linkIds(fhirQuestionnaireResponse(TABLE[2]!.intake, base).item);
    for (const hidden of ["usesInsulin", "neuropathyCauses", "allergies", "symptomStrength", "neuropathy"]) expect(answered).not.toContain(hidden);
    // Stored under version 2, an unticked box of a hidden follow-up was kept: still not exported.
    const v2 = fhirQuestionnaireResponse(intake(stored[0]!.answers as Answers, 2), base);
    expect(linkIds(v2.item)).not.toContain("usesInsulin");
  });

  it("carries the precaution card as contained DetectedIssues, acknowledged ones with their review", () => {
    const row = TABLE[1]!.intake;
    const precautions = precautionsFor(row.answers);
    const stop = precautions.find((p) => p.level === "stop")!;
    const withReview = { ...row, reviews: [{ reviewerName: "Ada Byrne", createdAt: new Date("2026-11-21T08:00:00Z"), acknowledged: [stop.id] }] };
    const response = fhirQuestionnaireResponse(withReview, base);
    const issues = response.contained!.filter((c): c is DetectedIssue => c.resourceType === "DetectedIssue");
    expect(issues.map((i) => i.id)).toEqual(precautions.map((p) => `precaution-${p.id}`));
    const stopIssue = issues.find((i) => i.id === `precaution-${stop.id}`)!;
    expect(stopIssue.severity).toBe("high");
    expect(stopIssue.code!.text).toBe(`Do not massage today: ${stop.instruction}`);
    expect(stopIssue.reference).toBe(stop.sources[0]!.url);
    expect(stopIssue.mitigation).toEqual([
      { action: { text: "Read and understood at review" }, date: "2026-11-21T08:00:00.000Z", author: { display: "Ada Byrne" } },
    ]);
    expect(issues.filter((i) => i.mitigation)).toHaveLength(1);
    expect(response.contained!.find((c) => c.resourceType === "Patient")).toMatchObject({ name: [{ text: "José Núñez" }], birthDate: "1958-04-12" });
  });
});

describe("the response check itself finds what does not fit", () => {
  const good = () => fhirQuestionnaireResponse(TABLE[1]!.intake, base);
  const groupOf = (r: QuestionnaireResponse, id: string) => r.item!.find((g) => g.linkId === id)!;

  it.each([
    ["an unknown linkId", (r: QuestionnaireResponse) => groupOf(r, "about").item!.push({ linkId: "shoeSize", answer: [{ valueString: "9" }] }), /shoeSize: no such item/],
    ["a wrong answer type", (r: QuestionnaireResponse) => (groupOf(r, "about").item![0]!.answer = [{ valueInteger: 3 }]), /fullName: answer valueInteger to a string item/],
    [
      "an answer to an item whose enableWhen is false",
      (r: QuestionnaireResponse) => {
        const health = groupOf(r, "health");
        health.item!.find((i) => i.linkId === "conditions")!.answer = [];
        health.item = health.item!.filter((i) => i.linkId !== "conditions");
      },
      /usesInsulin: present, but its enableWhen is false/,
    ],
    ["a code that is not an option", (r: QuestionnaireResponse) => (groupOf(r, "preferences").item![0]!.answer = [{ valueCoding: { system: "x", code: "hard" } }]), /not one of its options/],
    ["a required answer missing", (r: QuestionnaireResponse) => (groupOf(r, "consent").item = groupOf(r, "consent").item!.filter((i) => i.linkId !== "signature")), /signature: required and enabled/],
  ])("%s", (_name, spoil, message) => {
    const response = good();
    expect(responseProblems(response, current)).toEqual([]);
    spoil(response);
    expect(responseProblems(response, current).join("\n")).toMatch(message);
  });

  it("and the validator refuses a resource that is not R4", async () => {
    const broken = { ...good(), item: [{ text: "no linkId" }] } as unknown as QuestionnaireResponse;
    expect((await validateR4(broken)).length).toBeGreaterThan(0);
    const q = structuredClone(current) as Questionnaire;
    q.item![0]!.item![0]!.type = "date";
    q.item![0]!.item![0]!.maxLength = 3;
    expect((await validateR4(q)).join("\n")).toMatch(/que-10/);
  });
});
