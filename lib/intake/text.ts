/**
 * What a person may type into a text answer, checked by the schema before anything is stored or
 * shown. Each check answers with what to fix, in words a client understands.
 *
 * - No lone UTF-16 surrogates or non-characters: they are not text, and the database refuses them.
 * - No control characters (NUL, ESC, BEL...): line breaks and tabs only in long answers.
 * - No bidirectional overrides, embeddings or isolates (U+202A-U+202E, U+2066-U+2069): they make a
 *   name display reversed or reordered on the therapist's screen.
 * - No more than four combining marks in a row (real scripts use one to three; hundreds make
 *   "Zalgo" text that spills over the page).
 * - Not only invisible characters (zero-width spaces and the like).
 * - A name has at least one letter.
 */

import type { z } from "zod";

const LONE_SURROGATE_OR_NONCHARACTER = /[\uD800-\uDFFF\uFFFE\uFFFF]/u;
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const MARK_PILE = /\p{M}{5,}/u;
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{M}\p{Z}]/u;
const LETTER = /\p{L}/u;

export type TextKind = "line" | "text" | "name";

export const TEXT_MESSAGES = {
  unstorable: "This contains a character that cannot be stored. Please type it again",
  control: "Remove the hidden control characters from this answer",
  lineBreak: "Keep this on one line",
  bidi: "Remove the hidden text-direction characters from this answer",
  marks: "Remove the stacked accent marks from this answer",
  invisible: "This answer has only invisible characters: type it again, or leave it empty",
  nameLetter: "A name needs at least one letter",
} as const;

/** What is wrong with a piece of typed text, or null when it may be stored. Empty text is fine here. */
export function textProblem(value: string, kind: TextKind): string | null {
  if (value === "") return null;
  if (LONE_SURROGATE_OR_NONCHARACTER.test(value)) return TEXT_MESSAGES.unstorable;
  if (kind === "text" ? CONTROL_IN_TEXT.test(value) : CONTROL_IN_LINE.test(value)) {
    return /[\n\r\t]/.test(value) && !CONTROL_IN_TEXT.test(value) ? TEXT_MESSAGES.lineBreak : TEXT_MESSAGES.control;
  }
  if (BIDI_CONTROL.test(value)) return TEXT_MESSAGES.bidi;
  if (MARK_PILE.test(value)) return TEXT_MESSAGES.marks;
  if (!VISIBLE.test(value)) return TEXT_MESSAGES.invisible;
  if (kind === "name" && !LETTER.test(value)) return TEXT_MESSAGES.nameLetter;
  return null;
}

/** For a Zod string: `.superRefine(mustBeText("name"))` refuses what textProblem finds, with its message. */
export function mustBeText(kind: TextKind) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, kind);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

/**
 * A search typed by a therapist, made safe to send to the database: anything that is not text
 * (lone surrogates, control and format characters) is removed rather than refused, so a stray
 * character never turns a search into an error.
 */
export function cleanSearchText(value: string): string {
  return value.replace(/[\uD800-\uDFFF\uFFFE\uFFFF]|[\p{Cc}\p{Cf}]/gu, "");
}
