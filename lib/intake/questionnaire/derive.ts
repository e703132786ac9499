/**
 * Everything the app needs of a questionnaire but its Zod fields, worked out from its registry
 * alone: which questions and steps are asked, dropping hidden answers, the steps and their
 * questions, the form's defaults, the readable summary, a returning client's prefill and changes.
 * No Zod, so the client's page loads none: the Zod fields and the "required when shown" check are
 * in fields.ts. `deriveQuestionnaire(INTAKE_QUESTIONNAIRE)` is the intake's (index.ts); tests
 * derive from copies.
 */
import { formatDate } from "../dates";
import { alwaysAskedIn, isEmpty, textLimit } from "./question-rules";
import type { Question, Questionnaire, Step } from "./types";
import type { AnswersOf, FormValuesOf, QuestionIdOf, StepIdOf } from "./values";
import { conditionsOf, makeVisibility } from "./visibility";
import { makeVisits, type AnswerChange, type VisitAnswers } from "./visits";

// ------------------------------------------------------------------ the summary

export type AnswerItem = { label: string; value: string };
export type AnswerSection<S extends string = string> = { step: S; title: string; items: AnswerItem[] };

const NONE = "None";
const NOT_ANSWERED = "Not answered";

function labelsOf(ids: unknown, labels: Readonly<Record<string, string>>): string {
  if (!Array.isArray(ids) || ids.length === 0) return NONE;
  return ids.map((id) => labels[String(id)] ?? String(id)).join(", ");
}

function summaryValue(q: Question, value: unknown): string {
  switch (q.kind) {
    case "shortText":
    case "longText":
    case "email":
    case "phone":
      return typeof value === "string" && value.trim() ? value.trim() : NONE;
    case "date":
      return typeof value === "string" && value ? formatDate(value) : NOT_ANSWERED;
    case "tick":
    case "consent":
      return value ? "Yes" : "No";
    case "singleChoice":
    case "yesNo":
      return typeof value === "string" && value ? (q.options.labels[value] ?? value) : NOT_ANSWERED;
    case "multipleChoice":
    case "bodyRegions":
      return labelsOf(value, q.options.labels);
    case "scale":
      return typeof value === "number" ? `${value} out of ${q.max}` : NOT_ANSWERED;
  }
}

// ------------------------------------------------------------------ everything, from one registry

export function deriveQuestionnaire<const R extends Questionnaire>(registry: R) {
  type Answers = AnswersOf<R>;
  type FormValues = FormValuesOf<R>;
  type QuestionId = QuestionIdOf<R>;
  type StepId = StepIdOf<R>;

  const visibility = makeVisibility(registry);
  const visits = makeVisits(registry, { isShown: (q, values) => visibility.isShown(q, values), wordsOf: summaryValue, isEmpty });
  const alwaysAsked = alwaysAskedIn(registry);

  /** What a new form starts with: empty text, empty lists, unticked boxes; choices unanswered. */
  const defaults = Object.fromEntries(
    registry.questions.flatMap((q): [string, unknown][] => {
      switch (q.kind) {
        case "shortText":
        case "longText":
        case "email":
        case "phone":
        case "date":
          return [[q.id, ""]];
        case "multipleChoice":
        case "bodyRegions":
          return [[q.id, []]];
        case "tick":
        case "consent":
          return [[q.id, false]];
        default:
          return [];
      }
    }),
  ) as Partial<FormValues>;

  const stepIds = registry.steps.map((s) => s.id) as StepId[];

  /** The questions whose answers decide which steps are asked (and those they depend on in turn). */
  const stepsDependOn: QuestionId[] = [];
  const pending = registry.steps.flatMap((s) => (s.shownWhen ? conditionsOf(s.shownWhen).conditions.map((c) => c.question) : []));
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (stepsDependOn.includes(id as QuestionId)) continue;
    stepsDependOn.push(id as QuestionId);
    const q = registry.questions.find((x) => x.id === id);
    const stepCondition = q && registry.steps.find((s) => s.id === q.step)?.shownWhen;
    for (const when of [q?.shownWhen, stepCondition]) if (when) pending.push(...conditionsOf(when).conditions.map((c) => c.question));
  }
  const questionsOf = (step: StepId): Question[] => registry.questions.filter((q) => q.step === step);
  /** Each step's question ids, in the order asked. */
  const stepFields = Object.fromEntries(stepIds.map((s) => [s, questionsOf(s).map((q) => q.id)])) as Record<StepId, QuestionId[]>;
  const stepById = new Map<string, Step>(registry.steps.map((s) => [s.id, s]));

  /**
   * Answers in words, step by step, as the client checks them and the therapist reads them. Works
   * on form values in progress and on stored answers alike: only questions that are asked appear.
   */
  function describeAnswers(
    values: Partial<FormValues> | Record<string, unknown>,
    reader: "client" | "therapist" = "client",
    /** The schema version stored answers were validated by; omitted for a form in progress. */
    storedUnder?: number,
  ): AnswerSection<StepId>[] {
    const v = values as Record<string, unknown>;
    const sections: AnswerSection<StepId>[] = [];
    for (const step of stepIds) {
      if (!visibility.isStepShown(step, v)) continue;
      const items: AnswerItem[] = [];
      const lineOf = new Map<string, AnswerItem>();
      const groups = new Map<string, { item: AnswerItem; all: boolean; words: { all: string; notAll: string } }>();
      for (const q of questionsOf(step)) {
        if (!visibility.isShown(q, v)) continue;
        // Stored under an older schema version: the question was not on the form, so not asked.
        if (q.since !== undefined && storedUnder !== undefined && storedUnder < q.since) continue;
        const as = q.summaryAs;
        if (as && "detailOf" in as) {
          const line = lineOf.get(as.detailOf);
          const detail = v[q.id];
          if (line && typeof detail === "string" && detail) line.value = `${line.value} (${detail.trim()})`;
          continue;
        }
        if (as && "allOf" in as) {
          const group = groups.get(as.allOf) ?? { item: { label: as.allOf, value: "" }, all: true, words: as };
          if (!groups.has(as.allOf)) {
            groups.set(as.allOf, group);
            items.push(group.item);
          }
          group.all &&= !!v[q.id];
          group.item.value = group.all ? as.all : as.notAll;
          continue;
        }
        const item = { label: q.summaryLabel ?? q.label, value: summaryValue(q, v[q.id]) };
        lineOf.set(q.id, item);
        items.push(item);
      }
      const s = stepById.get(step)!;
      sections.push({ step, title: reader === "client" ? s.title : s.staffTitle, items });
    }
    return sections;
  }

  return {
    registry,
    dropHiddenAnswers: visibility.dropHiddenAnswers,
    /** Whether a question (given by id, or as itself) is asked, given the answers so far. */
    isShown: (question: QuestionId | Question, values: unknown) => {
      const q = typeof question === "string" ? registry.questions.find((x) => x.id === question) : question;
      return q ? visibility.isShown(q, values) : false;
    },
    isStepShown: (step: StepId, values: unknown) => visibility.isStepShown(step, values),
    /** The steps asked, given the answers so far. */
    visibleSteps: (values: unknown) => stepIds.filter((s) => visibility.isStepShown(s, values)),
    /** What visibleSteps reads: a form need only watch these answers to keep its steps right. */
    stepsDependOn,
    stepIds,
    stepFields,
    /** The longest answer a text question takes, as its schema checks it; undefined for other kinds. */
    maxLengthOf: (q: Question) => textLimit(q, !!q.required && alwaysAsked(q)),
    stepOf: (id: string) => registry.questions.find((q) => q.id === id)?.step as StepId | undefined,
    questionsOf,
    /** Whether the step ends with today's date beside the signature. */
    isSignedAndDated: (step: StepId) => stepById.get(step)?.signedAndDated === true,
    stepTitle: (step: StepId, reader: "client" | "therapist" = "client") =>
      reader === "client" ? stepById.get(step)!.title : stepById.get(step)!.staffTitle,
    defaults,
    describeAnswers,
    /** A returning client's new form, filled from the last intake but for what is asked fresh. */
    prefillFrom: (last: Partial<Answers> | Record<string, unknown>) => visits.prefillFrom(last as Record<string, unknown>) as Partial<FormValues>,
    /** Each answer added, removed or changed between two intakes of a client, in the form's order. */
    changesBetween: (before: VisitAnswers, after: VisitAnswers): (AnswerChange & { step: StepId; question: QuestionId })[] =>
      visits.changesBetween(before, after) as (AnswerChange & { step: StepId; question: QuestionId })[],
  };
}

export type DerivedQuestionnaire<R extends Questionnaire> = ReturnType<typeof deriveQuestionnaire<R>>;
