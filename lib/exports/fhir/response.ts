/**
 * One intake as a FHIR R4 QuestionnaireResponse, answered against the questionnaire version it was
 * stored under (questionnaire.ts). Only questions that were shown have answers; a question left
 * empty has no item.
 *
 * Contained in it (docs/decisions/012-exports.md):
 *   - the client as a Patient (#client), the response's subject and source;
 *   - the precaution card: one DetectedIssue per item, its rule id and level as codes, severity
 *     high (do not massage, refer), moderate (avoid, modify) or low, the instruction and the
 *     answers behind it as detail, its published source as reference, and, once a review
 *     acknowledged it, a mitigation with the reviewer and the date. Each one implicates the
 *     response itself ("#").
 */
import type {
  DetectedIssue,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from "@medplum/fhirtypes";
import { LEVELS, precautionsFor, type Answers, type Level } from "@/lib/intake/precautions";
import { questionnaire, type Question } from "@/lib/intake/questionnaire";
import { askedUnder, optionSystem, questionnaireUrl } from "./questionnaire";

export type IntakeForFhir = {
  id: string;
  reference: string;
  fullName: string;
  email: string;
  dateOfBirth: string;
  createdAt: Date;
  schemaVersion: number;
  answers: Answers;
  reviews: { reviewerName: string; createdAt: Date; acknowledged: string[] }[];
};

const SEVERITY: Record<Level, DetectedIssue["severity"]> = {
  stop: "high",
  refer: "high",
  avoid: "moderate",
  modify: "moderate",
  products: "low",
  always: "low",
};

export const precautionRuleSystem = (base: string) => `${base}/CodeSystem/precaution-rules`;
export const precautionLevelSystem = (base: string) => `${base}/CodeSystem/precaution-levels`;
export const referenceSystem = (base: string) => `${base}/NamingSystem/intake-reference`;

/** A question's stored answer as FHIR answers; none when it is empty or not of its kind's type. */
function answersOf(q: Question, value: unknown, base: string): QuestionnaireResponseItemAnswer[] {
  switch (q.kind) {
    case "shortText":
    case "longText":
    case "email":
    case "phone":
      return typeof value === "string" && value.trim() ? [{ valueString: value.trim() }] : [];
    case "date":
      return typeof value === "string" && value ? [{ valueDate: value }] : [];
    case "tick":
    case "consent":
      return typeof value === "boolean" ? [{ valueBoolean: value }] : [];
    case "scale":
      return typeof value === "number" ? [{ valueInteger: value }] : [];
    case "singleChoice":
    case "yesNo":
    case "multipleChoice":
    case "bodyRegions": {
      const codes = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string" && v in q.options.labels);
      return codes.map((code) => ({ valueCoding: { system: optionSystem(base, q.id), code, display: q.options.labels[code] } }));
    }
  }
}

function itemsOf(intake: IntakeForFhir, base: string): QuestionnaireResponseItem[] {
  const answers = intake.answers as Record<string, unknown>;
  const groups: QuestionnaireResponseItem[] = [];
  for (const step of questionnaire.registry.steps) {
    if (!questionnaire.isStepShown(step.id, answers)) continue;
    const item: QuestionnaireResponseItem[] = [];
    for (const q of questionnaire.questionsOf(step.id)) {
      if (!askedUnder(q, intake.schemaVersion) || !questionnaire.isShown(q, answers)) continue;
      const answer = answersOf(q, answers[q.id], base);
      if (answer.length > 0) item.push({ linkId: q.id, text: q.label, answer });
    }
    if (item.length > 0) groups.push({ linkId: step.id, text: step.title, item });
  }
  return groups;
}

function patientOf(intake: IntakeForFhir): Patient {
  const phone = (intake.answers as Record<string, unknown>).phone;
  return {
    resourceType: "Patient",
    id: "client",
    name: [{ text: intake.fullName }],
    telecom: [
      { system: "email", value: intake.email },
      ...(typeof phone === "string" && phone ? [{ system: "phone" as const, value: phone }] : []),
    ],
    ...(intake.dateOfBirth ? { birthDate: intake.dateOfBirth } : {}),
  };
}

/** The clinic's own guidance is a page of the app: outside it, its full address. */
const absolute = (url: string, base: string) => (url.startsWith("/") ? new URL(url, base).toString() : url);

function detectedIssuesOf(intake: IntakeForFhir, base: string): DetectedIssue[] {
  return precautionsFor(intake.answers).map((p) => {
    const review = intake.reviews.find((r) => r.acknowledged.includes(p.id));
    return {
      resourceType: "DetectedIssue",
      id: `precaution-${p.id}`,
      status: "final",
      code: {
        coding: [
          { system: precautionRuleSystem(base), code: p.id },
          { system: precautionLevelSystem(base), code: p.level, display: LEVELS[p.level].title },
        ],
        text: `${LEVELS[p.level].title}: ${p.instruction}`,
      },
      severity: SEVERITY[p.level],
      patient: { reference: "#client" },
      identifiedDateTime: intake.createdAt.toISOString(),
      implicated: [{ reference: "#" }],
      detail: p.because.length > 0 ? `${p.instruction} Because: ${p.because.join("; ")}.` : p.instruction,
      ...(p.sources[0] ? { reference: absolute(p.sources[0].url, base) } : {}),
      evidence: p.sources.map((s) => ({ detail: [{ display: `${s.citation}: ${absolute(s.url, base)}` }] })),
      ...(review
        ? {
            mitigation: [
              {
                action: { text: "Read and understood at review" },
                date: review.createdAt.toISOString(),
                author: { display: review.reviewerName },
              },
            ],
          }
        : {}),
    };
  });
}

export function fhirQuestionnaireResponse(intake: IntakeForFhir, base: string): QuestionnaireResponse {
  return {
    resourceType: "QuestionnaireResponse",
    id: intake.id,
    contained: [patientOf(intake), ...detectedIssuesOf(intake, base)],
    identifier: { system: referenceSystem(base), value: intake.reference },
    questionnaire: `${questionnaireUrl(base)}|${intake.schemaVersion}`,
    status: "completed",
    subject: { reference: "#client", display: intake.fullName },
    source: { reference: "#client" },
    authored: intake.createdAt.toISOString(),
    item: itemsOf(intake, base),
  };
}
