/**
 * What both the Zod fields (fields.ts) and the rest of the derived questionnaire (derive.ts) read
 * of a question, without Zod: whether it is always asked, the longest answer it takes, and what
 * counts as no answer.
 */
import { MAX_NAME, MAX_TEXT } from "./questions";
import type { Question, Questionnaire } from "./types";

/** The longest email address (RFC 5321) and phone number taken, in characters. */
export const MAX_EMAIL = 254;
export const MAX_PHONE = 40;

/** Whether a question is asked whatever the answers: neither it nor its step has a condition. */
export function alwaysAskedIn(registry: Questionnaire): (q: Question) => boolean {
  const conditionalSteps = new Set(registry.steps.filter((s) => s.shownWhen).map((s) => s.id));
  return (q) => !q.shownWhen && !conditionalSteps.has(q.step);
}

/**
 * The longest answer a text question takes, in characters (undefined for other kinds): a name
 * that must always be given is a name's length, any other line a text's. The schema and the FHIR
 * Questionnaire's maxLength both read it.
 */
export function textLimit(q: Question, always: boolean): number | undefined {
  switch (q.kind) {
    case "shortText":
      return q.maxLength ?? (always ? MAX_NAME : MAX_TEXT);
    case "longText":
      return MAX_TEXT;
    case "email":
      return MAX_EMAIL;
    case "phone":
      return MAX_PHONE;
    default:
      return undefined;
  }
}

export const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
