/**
 * The intake's schema, shared by the form (resolver.ts), the server action and the JSON API:
 * the fields and the "required when shown" check come from the question registry
 * (lib/intake/questionnaire/fields.ts); the rules across questions that are not about visibility
 * live here.
 * Answers to questions the client could not see are dropped before validation, so they are never
 * stored stale and never block a submission.
 */
import { z } from "zod";
import { earliestToday, isCalendarDate, latestToday, yearsBefore } from "./dates";
import { INTAKE_QUESTIONNAIRE, questionnaire, type IntakeAnswers, type IntakeFormValues, type QuestionId } from "./questionnaire";
import { deriveFields } from "./questionnaire/fields";

export { MAX_NAME, MAX_TEXT } from "./questionnaire";
export type { IntakeFormValues } from "./questionnaire";

/**
 * Bump when the meaning of stored answers changes; each intake row records the version.
 * 2: four follow-ups the precaution rules read (insulin, cancer treatment, blood pressure under
 * control, blood pressure medication); the question registry later kept these answers unchanged. 3: five conditions (a red, hot or swollen foot or leg today; swollen
 * feet or ankles; lymphedema; poor circulation; kidney disease) and three follow-ups (a leaking
 * wound, the lymphedema limb, cancer treatment finished in the last 12 months). Answers stored
 * under 2 simply lack them.
 */
export const INTAKE_SCHEMA_VERSION = 3;

export const MAX_AGE_YEARS = 120;

const { fields, checkRequiredWhenShown } = deriveFields(INTAKE_QUESTIONNAIRE);

/** Every question's own schema, from the registry (the OpenAPI document is made from it). */
export const intakeFields = fields;

export const dropHiddenAnswers = questionnaire.dropHiddenAnswers;

const normaliseName = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/**
 * Rules across questions. They run even when another field failed (so a step shows all its
 * errors at once), which means a value here may still be the raw, invalid input: check before use.
 */
function checkCrossFieldRules(v: Record<string, unknown>, ctx: z.RefinementCtx) {
  const now = new Date();
  const add = (path: QuestionId, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

  if (isText(v.dateOfBirth) && isCalendarDate(v.dateOfBirth)) {
    if (v.dateOfBirth >= latestToday(now)) {
      add("dateOfBirth", "Your date of birth must be in the past");
    } else if (v.dateOfBirth < yearsBefore(earliestToday(now), MAX_AGE_YEARS)) {
      add("dateOfBirth", `Check the year: that would make you over ${MAX_AGE_YEARS}`);
    }
  }
  if (isText(v.appointmentDate) && isCalendarDate(v.appointmentDate) && v.appointmentDate < earliestToday(now)) {
    add("appointmentDate", "The appointment date cannot be in the past");
  }
  checkRequiredWhenShown(v, ctx);
  if (isText(v.signature) && isText(v.fullName) && normaliseName(v.signature) !== normaliseName(v.fullName)) {
    add("signature", "Type your full name exactly as you entered it on the first step");
  }
}

export const intakeSchema: z.ZodType<IntakeAnswers, IntakeFormValues> = z.preprocess(
  // At run time it accepts anything: the object schema below rejects what is not an intake.
  (input: unknown) => dropHiddenAnswers(input),
  intakeFields.superRefine((value, ctx) => checkCrossFieldRules(value as Record<string, unknown>, ctx), {
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  }),
) as unknown as z.ZodType<IntakeAnswers, IntakeFormValues>;

/** A validated intake, with hidden answers removed: what is stored. */
export type IntakeInput = IntakeAnswers;

export type FieldErrors = Partial<Record<QuestionId, string>>;

/** The first message for each field, in the shape the form and the JSON API answer with. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    out[key] ??= issue.message;
  }
  return out as FieldErrors;
}

/** Splits a failed parse into per-field messages and, for a body that is not an object at all, a form message. */
export function toValidationErrors(error: z.ZodError): { fieldErrors: FieldErrors; formError?: string } {
  const { form, ...fieldErrors } = toFieldErrors(error) as FieldErrors & { form?: string };
  return form ? { fieldErrors, formError: "The answers could not be read. Reload the page and try again." } : { fieldErrors };
}
