import type { Condition, Question, Questionnaire, ShownWhen } from "./types";

/**
 * Whether questions are asked, given the answers so far: the one place `shownWhen` is read.
 * Works on anything (form values in progress, a request body, stored answers), so every check
 * makes sure of a value's type before using it.
 */

type Values = Readonly<Record<string, unknown>>;

export function conditionsOf(shownWhen: ShownWhen): { conditions: readonly Condition[]; join: "all" | "any" } {
  if ("all" in shownWhen) return { conditions: shownWhen.all, join: "all" };
  if ("any" in shownWhen) return { conditions: shownWhen.any, join: "any" };
  return { conditions: [shownWhen], join: "all" };
}

export function makeVisibility(questionnaire: Questionnaire) {
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const stepById = new Map(questionnaire.steps.map((s) => [s.id, s]));

  function holds(condition: Condition, values: Values, seen: Set<string>): boolean {
    const other = byId.get(condition.question);
    // A condition on a question that is not asked is false: its answer, if any, is stale.
    if (!other || !isShown(other, values, seen)) return false;
    const answer = values[condition.question];
    if ("equals" in condition) return answer === condition.equals;
    return Array.isArray(answer) && answer.includes(condition.includes);
  }

  function passes(shownWhen: ShownWhen | undefined, values: Values, seen: Set<string>): boolean {
    if (!shownWhen) return true;
    const { conditions, join } = conditionsOf(shownWhen);
    return join === "all" ? conditions.every((c) => holds(c, values, seen)) : conditions.some((c) => holds(c, values, seen));
  }

  function isShown(question: Question, values: Values, seen = new Set<string>()): boolean {
    // A loop of conditions would be a mistake in the registry; a test checks there is none.
    if (seen.has(question.id)) return false;
    const next = new Set(seen).add(question.id);
    return passes(stepById.get(question.step)?.shownWhen, values, next) && passes(question.shownWhen, values, next);
  }

  return {
    /** Whether a question is asked, given these answers (its step's condition included). */
    isShown: (question: Question, values: unknown) => isShown(question, asValues(values)),
    /** Whether a step is asked at all. */
    isStepShown: (stepId: string, values: unknown) => passes(stepById.get(stepId)?.shownWhen, asValues(values), new Set()),
    /** The same answers without those to questions that are not asked. Anything not an object is returned as it is. */
    dropHiddenAnswers(input: unknown): unknown {
      if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
      const values: Record<string, unknown> = { ...input };
      for (const question of questionnaire.questions) {
        if (question.id in values && !isShown(question, input as Values)) delete values[question.id];
      }
      return values;
    },
  };
}

function asValues(values: unknown): Values {
  return typeof values === "object" && values !== null && !Array.isArray(values) ? (values as Values) : {};
}

/** A condition in words, for a reader ("Shown when "Conditions" includes "Diabetes""). */
export function describeShownWhen(shownWhen: ShownWhen, questionnaire: Questionnaire): string {
  const byId = new Map(questionnaire.questions.map((q) => [q.id, q]));
  const one = (c: Condition) => {
    const q = byId.get(c.question);
    const label = q?.summaryLabel ?? q?.label ?? c.question;
    const value = "equals" in c ? c.equals : c.includes;
    const options = q && "options" in q ? q.options : undefined;
    const words = options?.labels[value] ?? value;
    return "equals" in c ? `"${label}" is "${words}"` : `"${label}" includes "${words}"`;
  };
  const { conditions, join } = conditionsOf(shownWhen);
  return `Shown when ${conditions.map(one).join(join === "all" ? " and " : " or ")}`;
}
