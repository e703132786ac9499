/**
 * The intake questionnaire as a FHIR R4 Questionnaire, made from the question registry like
 * everything else (lib/intake/questionnaire): a practice's EHR can show the form and read the
 * responses (response.ts) against it. Each step is a group; each question keeps its registry id
 * as linkId; choices carry their stored ids as codes with the words the client read; `shownWhen`
 * becomes enableWhen; `required` becomes required.
 *
 * One version per INTAKE_SCHEMA_VERSION: version N has the questions asked under N (a question's
 * `since`), so each stored response is read against the questionnaire it was answered on.
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireItemEnableWhen } from "@medplum/fhirtypes";
import { conditionsOf } from "@/lib/intake/questionnaire/visibility";
import { questionnaire, type Question, type Questionnaire as Registry, type ShownWhen } from "@/lib/intake/questionnaire";
import { INTAKE_SCHEMA_VERSION } from "@/lib/intake/schema";

/** The id of the one Questionnaire resource: GET /api/fhir/Questionnaire/intake. */
export const QUESTIONNAIRE_ID = "intake";
/** The oldest schema version an intake may still be stored under. */
export const OLDEST_SCHEMA_VERSION = 1;

/** Where the app's FHIR resources live, from the app's public address (BETTER_AUTH_URL). */
export function fhirBase(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, "")}/api/fhir`;
}

/** The canonical URL of the questionnaire (a response names it with `|version`). */
export const questionnaireUrl = (base: string) => `${base}/Questionnaire/${QUESTIONNAIRE_ID}`;
/** The code system of one choice question's options: its registry id under the questionnaire. */
export const optionSystem = (base: string, questionId: string) => `${questionnaireUrl(base)}/options/${questionId}`;

/** The registry, read as plain data (its literal types are for the form's code). */
const REGISTRY: Registry = questionnaire.registry;

const ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

export type FhirItemType = "string" | "text" | "date" | "boolean" | "choice" | "integer";

/** The FHIR item type each kind of question answers with (response.ts writes the same). */
export function itemTypeOf(q: Question): FhirItemType {
  switch (q.kind) {
    case "shortText":
      return q.format === "text" ? "text" : "string";
    case "longText":
      return "text";
    case "email":
    case "phone":
      return "string";
    case "date":
      return "date";
    case "tick":
    case "consent":
      return "boolean";
    case "singleChoice":
    case "yesNo":
    case "multipleChoice":
    case "bodyRegions":
      return "choice";
    case "scale":
      return "integer";
  }
}

/** Whether a question was on the form under a schema version. */
export const askedUnder = (q: Question, version: number) => q.since === undefined || q.since <= version;

function enableWhenOf(shownWhen: ShownWhen, base: string): Pick<QuestionnaireItem, "enableWhen" | "enableBehavior"> {
  const { conditions, join } = conditionsOf(shownWhen);
  const enableWhen = conditions.map((c): QuestionnaireItemEnableWhen => {
    const other = REGISTRY.questions.find((q) => q.id === c.question);
    const code = "equals" in c ? c.equals : c.includes;
    // Conditions are on choice questions: "includes" on a multiple choice is FHIR's "=", which
    // holds when any of its answers is that code. A new kind of condition must be mapped here.
    if (!other || !("options" in other)) throw new Error(`FHIR: no mapping for a condition on "${c.question}"`);
    return {
      question: other.id,
      operator: "=",
      answerCoding: { system: optionSystem(base, other.id), code, display: other.options.labels[code] ?? code },
    };
  });
  return enableWhen.length > 1 ? { enableWhen, enableBehavior: join } : { enableWhen };
}

function itemOf(q: Question, base: string): QuestionnaireItem {
  const type = itemTypeOf(q);
  const item: QuestionnaireItem = { linkId: q.id, text: q.label, type };
  // A consent must be ticked to send the form; any other question marked required must be answered when shown.
  if (q.required || q.kind === "consent") item.required = true;
  if (q.kind === "multipleChoice" || q.kind === "bodyRegions") item.repeats = true;
  const maxLength = questionnaire.maxLengthOf(q);
  if (maxLength !== undefined) item.maxLength = maxLength;
  if ("options" in q) {
    item.answerOption = q.options.ids.map((code) => ({
      valueCoding: { system: optionSystem(base, q.id), code, display: q.options.labels[code] ?? code },
    }));
  }
  if (q.kind === "scale") {
    item.extension = [
      { url: MIN_VALUE, valueInteger: q.min },
      { url: MAX_VALUE, valueInteger: q.max },
    ];
  }
  if (q.shownWhen) Object.assign(item, enableWhenOf(q.shownWhen, base));
  if (q.hint) {
    item.item = [
      {
        linkId: `${q.id}.hint`,
        text: q.hint,
        type: "display",
        extension: [
          {
            url: ITEM_CONTROL,
            valueCodeableConcept: { coding: [{ system: "http://hl7.org/fhir/questionnaire-item-control", code: "flyover" }] },
          },
        ],
      },
    ];
  }
  return item;
}

/** The questionnaire as the client saw it under `version` (the current one by default). */
export function fhirQuestionnaire(base: string, publisher: string, version: number = INTAKE_SCHEMA_VERSION): Questionnaire {
  if (!Number.isInteger(version) || version < OLDEST_SCHEMA_VERSION || version > INTAKE_SCHEMA_VERSION) {
    throw new RangeError(`No questionnaire version ${version}`);
  }
  const { steps, questions } = REGISTRY;
  return {
    resourceType: "Questionnaire",
    id: QUESTIONNAIRE_ID,
    meta: { versionId: String(version) },
    url: questionnaireUrl(base),
    version: String(version),
    name: "PreMassageIntake",
    title: "Pre-massage intake",
    status: "active",
    subjectType: ["Patient"],
    publisher,
    description:
      "What a client tells the clinic before a massage: health, feet and legs (for neuropathy), allergies and skin, preferences, consent.",
    item: steps.map((step) => ({
      linkId: step.id,
      text: step.title,
      type: "group",
      ...(step.shownWhen ? enableWhenOf(step.shownWhen, base) : {}),
      item: questions.filter((q) => q.step === step.id && askedUnder(q, version)).map((q) => itemOf(q, base)),
    })),
  };
}
