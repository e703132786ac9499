/**
 * The Zod part of a questionnaire, worked out from its registry alone: every question's own schema
 * (types and bounds, one per kind) and the one "required when shown" check. Kept apart from
 * derive.ts so the form's page loads Zod only with the schema: `deriveFields(INTAKE_QUESTIONNAIRE)`
 * is the intake's (lib/intake/schema.ts); tests derive from copies.
 */
import { z } from "zod";
import { isCalendarDate } from "../dates";
import { mustBeText, type TextKind } from "../text";
import { alwaysAskedIn, isEmpty, MAX_EMAIL, MAX_PHONE, textLimit } from "./question-rules";
import { MAX_TEXT } from "./questions";
import type { Question, Questionnaire } from "./types";
import type { AnswersOf, FormValuesOf, QuestionIdOf } from "./values";
import { makeVisibility } from "./visibility";

// ------------------------------------------------------------------ one Zod schema per kind

const keepUnder = (max: number) => `Keep this under ${max.toLocaleString("en")} characters`;

const requiredText = (message: string, max: number, format: TextKind) =>
  z.string({ error: message }).trim().min(1, message).max(max, keepUnder(max)).superRefine(mustBeText(format));

const optionalText = (max: number, format: TextKind) =>
  z.string().trim().max(max, keepUnder(max)).superRefine(mustBeText(format)).default("");

const PHONE_SHAPE = "Enter a phone number with 7 to 15 digits, for example +1 555 123 4567";
const digits = (v: string) => v.match(/\d/g)?.length ?? 0;

const choices = (ids: readonly [string, ...string[]]) =>
  z
    .array(z.enum(ids, { error: "Choose from the list" }))
    .max(ids.length)
    // Checkbox groups send their values in the order ticked; store them once, in a stable order.
    .transform((list) => ids.filter((id) => (list as string[]).includes(id)))
    .default([]);

/**
 * The field's own schema. A question that is required but not always asked is optional here: the
 * one "required when shown" check (below) asks for it when it is shown.
 */
function fieldSchema(q: Question, always: boolean): z.ZodType {
  const missing = q.required ?? "Answer this question";
  switch (q.kind) {
    case "shortText":
      return always ? requiredText(missing, textLimit(q, true)!, q.format ?? "line") : optionalText(textLimit(q, false)!, q.format ?? "text");
    case "longText":
      return optionalText(MAX_TEXT, "text");
    case "email":
      return z
        .string({ error: missing })
        .trim()
        .min(1, missing)
        .max(MAX_EMAIL, keepUnder(MAX_EMAIL))
        .pipe(z.email("Enter an email address like name@example.com"));
    case "phone":
      return requiredText(missing, MAX_PHONE, "line").refine((v) => /^\+?[\d\s().-]+$/.test(v) && digits(v) >= 7 && digits(v) <= 15, PHONE_SHAPE);
    case "date":
      return z.string({ error: missing }).trim().min(1, missing).refine(isCalendarDate, "Enter a real date");
    case "singleChoice":
    case "yesNo":
      return always ? z.enum(q.options.ids, { error: missing }) : z.enum(q.options.ids, { error: q.invalid ?? missing }).optional();
    case "multipleChoice":
    case "bodyRegions":
      return choices(q.options.ids);
    case "tick":
      return z.boolean().default(false);
    case "consent":
      return z.boolean({ error: "Tick this box to continue" }).refine((ticked) => ticked, "Tick this box to continue");
    case "scale": {
      const outside = q.invalid ?? `Choose a number from ${q.min} to ${q.max}`;
      return z.number({ error: missing }).int().min(q.min, outside).max(q.max, outside).optional();
    }
  }
}

/** Kinds whose schema, for a question always asked and required, itself refuses a missing answer. */
const REFUSES_MISSING = new Set<Question["kind"]>(["shortText", "email", "phone", "date", "singleChoice", "yesNo", "consent"]);

// ------------------------------------------------------------------ the fields, from one registry

export function deriveFields<const R extends Questionnaire>(registry: R) {
  type Answers = AnswersOf<R>;
  type FormValues = FormValuesOf<R>;
  type QuestionId = QuestionIdOf<R>;

  const visibility = makeVisibility(registry);
  const alwaysAsked = alwaysAskedIn(registry);

  const shape = Object.fromEntries(registry.questions.map((q) => [q.id, fieldSchema(q, !!q.required && alwaysAsked(q))]));
  /** Every question's own schema; rules across questions are added by the caller (schema.ts). */
  const fields = z.object(shape) as unknown as z.ZodObject<Record<QuestionId, z.ZodType>> & z.ZodType<Answers, FormValues>;

  /** The one "required when shown" check: each required question that is asked must be answered. */
  function checkRequiredWhenShown(values: Record<string, unknown>, ctx: z.RefinementCtx) {
    for (const q of registry.questions) {
      // Where the field's own schema already refuses a missing answer, it has said so.
      if (!q.required || (alwaysAsked(q) && REFUSES_MISSING.has(q.kind))) continue;
      if (visibility.isShown(q, values) && isEmpty(values[q.id])) ctx.addIssue({ code: "custom", path: [q.id], message: q.required });
    }
  }

  return { fields, checkRequiredWhenShown };
}
