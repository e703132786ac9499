import type { Question, Questionnaire } from "./types";

/**
 * A returning client's visits, from the registry alone: what of the last intake fills in the new
 * form, and what changed between two intakes. Pure: tested by table (tests/unit/visits.test.ts).
 */

/** One answer that differs between two intakes, in words; null where the question was not asked. */
export type AnswerChange = {
  step: string;
  question: string;
  label: string;
  before: string | null;
  after: string | null;
};

/** An intake's answers with the schema version they were stored under (omit it for the current one). */
export type VisitAnswers = { answers: Record<string, unknown>; schemaVersion?: number };

type Helpers = {
  isShown: (q: Question, values: unknown) => boolean;
  /** The answer in the words the summary uses. */
  wordsOf: (q: Question, value: unknown) => string;
  /** Whether an answer holds nothing (no text, no choice). */
  isEmpty: (value: unknown) => boolean;
};

export function makeVisits(registry: Questionnaire, { isShown, wordsOf, isEmpty }: Helpers) {
  /**
   * The new form's answers from the last intake: everything the client gave then, except what is
   * asked fresh at each visit (their state today, this visit's date, consent and signature) and
   * the options of a list that are about today. The client checks and changes the rest.
   */
  function prefillFrom(last: Record<string, unknown>): Record<string, unknown> {
    const filled: Record<string, unknown> = {};
    for (const q of registry.questions) {
      if (q.askedFresh || !(q.id in last) || last[q.id] === undefined) continue;
      const value = last[q.id];
      const fresh = q.freshOptions;
      filled[q.id] = fresh && Array.isArray(value) ? value.filter((v) => !fresh.includes(String(v))) : value;
    }
    return filled;
  }

  /** What a question's answer was, in words; null when it was not asked. */
  function asked(q: Question, visit: VisitAnswers): string | null {
    if (q.since !== undefined && visit.schemaVersion !== undefined && visit.schemaVersion < q.since) return null;
    return isShown(q, visit.answers) ? wordsOf(q, visit.answers[q.id]) : null;
  }

  /**
   * Every answer added, removed or changed from one intake to the next, in the form's order.
   * What belongs to each visit alone (its date, consent, signature) is not compared; the client's
   * state today is, since a change there is news to the therapist.
   */
  function changesBetween(before: VisitAnswers, after: VisitAnswers): AnswerChange[] {
    const changes: AnswerChange[] = [];
    for (const q of registry.questions) {
      if (q.askedFresh === "visit") continue;
      const was = asked(q, before);
      const is = asked(q, after);
      if (was === is) continue;
      // A question the last intake's form did not have, left unanswered now, is no change.
      const unanswered = isEmpty(after.answers[q.id]) || after.answers[q.id] === false;
      if (was === null && is !== null && unanswered && q.since !== undefined) continue;
      changes.push({ step: q.step, question: q.id, label: q.summaryLabel ?? q.label, before: was, after: is });
    }
    return changes;
  }

  return { prefillFrom, changesBetween };
}
