import "server-only";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { errorKind, log } from "@/lib/log";
import { answersFromFormData } from "@/lib/intake/form-data";
import { errorsOfStep, firstError, formSteps, type FormStep, type StepState } from "@/lib/intake/form-steps";
import { HONEYPOT_FIELD } from "@/lib/intake/honeypot";
import { questionnaire, type QuestionId, type StepId } from "@/lib/intake/questionnaire";
import { intakeSchema, toFieldErrors } from "@/lib/intake/schema";
import { thankYouPath } from "@/lib/intake/see-doctor-today";
import type { SubmittedIntake } from "@/lib/intake/form-steps";

export type { StepState };

/**
 * The questionnaire for a browser that posts each step (before its JavaScript has loaded, or
 * without any): the step's fields are read from the post, kept in the draft (with what the client
 * typed, valid or not), checked with the same schema as the form, and answered with the next step
 * (a redirect to the form's page, which draws the draft's step) or the same step with its errors.
 * Back, Change (on the review) and the final submit are posts too. The form's page and its server
 * action give the draft (`DraftStore`): the public form's or a personal link's.
 */

export type DraftStore = {
  /** The form's page, drawn from the draft. */
  page: string;
  read(): Promise<{ step: string; answers: Record<string, unknown>; idempotencyKey: string } | null>;
  /** Keeps the answers and the step to open on: null, or why they could not be kept (in the client's words). */
  save(step: FormStep, answers: Record<string, unknown>, idempotencyKey: string): Promise<string | null>;
  submit(values: Record<string, unknown>, idempotencyKey: string): Promise<ActionResult<SubmittedIntake>>;
  /** The intake is stored: the draft is no longer needed. */
  finish(): Promise<void>;
};

/** A draft over the size kept (lib/intake/form-steps.ts MAX_DRAFT_CHARS). */
export const TOO_LONG = "Your answers are too long to keep. Please shorten the longest ones.";
export const NEW_QUESTION_NOTICE = "Your answer added a question to this page. Please answer it, then press Next.";
const NOT_SAVED = "We could not save your answers just now. Please press the button again in a minute.";

type Outcome = { go: string } | { state: StepState };

/** A post of the form: `intent` is the button pressed (next, back, submit or change:<step>), `step` the step posted. */
export async function takeStep(store: DraftStore, data: FormData): Promise<StepState> {
  let outcome: Outcome;
  try {
    outcome = await decide(store, data);
  } catch (error) {
    log.error({ event: "intake.step_failed", err: errorKind(error) });
    outcome = { state: { formError: NOT_SAVED } };
  }
  // Outside the try: redirect() throws, and Next answers that throw with a 303 to the page.
  if ("go" in outcome) redirect(outcome.go);
  return outcome.state;
}

async function decide(store: DraftStore, data: FormData): Promise<Outcome> {
  const draft = await store.read();
  const before = { ...questionnaire.defaults, ...draft?.answers } as Record<string, unknown>;
  const key = draft?.idempotencyKey ?? crypto.randomUUID();
  const posted = String(data.get("step") ?? "");
  const intent = String(data.get("intent") ?? "next");
  const isQuestionStep = (questionnaire.stepIds as string[]).includes(posted);

  // The step's fields, read as the page showed them (a stale or made-up step posts nothing).
  const postedAnswers = isQuestionStep ? answersFromFormData(posted as StepId, data, before) : {};
  // What is kept and drawn: the answers given, without the form's defaults for steps never
  // posted (the enhanced form may hold answers to those, and they must not be overwritten).
  const answered = { ...draft?.answers, ...postedAnswers };
  const values = { ...before, ...postedAnswers };
  const steps = formSteps(values);
  const here = steps.find((s) => s === posted) ?? (steps.find((s) => s === draft?.step) as FormStep | undefined) ?? steps[0]!;
  const index = steps.indexOf(here);

  const saveAndGo = async (step: FormStep): Promise<Outcome> => {
    const refused = await store.save(step, answered, key);
    return refused ? { state: { step: here, values: answered, errors: {}, formError: refused } } : { go: store.page };
  };

  if (intent === "back") return saveAndGo(steps[Math.max(0, index - 1)]!);
  if (intent.startsWith("change:")) return saveAndGo(steps.find((s) => s === intent.slice("change:".length)) ?? here);

  const parsed = intakeSchema.safeParse(values);
  const errors = parsed.success ? {} : (toFieldErrors(parsed.error) as Record<string, string>);

  if (intent === "submit" || here === "review") {
    if (!parsed.success) return showFirstError(store, answered, key, errors);
    const result = await store.submit({ ...values, [HONEYPOT_FIELD]: String(data.get(HONEYPOT_FIELD) ?? "") }, key);
    if (result.ok) {
      // The intake is stored: a draft left behind expires on its own.
      await store.finish().catch((error: unknown) => log.error({ event: "intake.draft_failed", err: errorKind(error) }));
      return { go: thankYouPath(result.data.reference, result.data.seeDoctorToday) };
    }
    if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) return showFirstError(store, answered, key, result.fieldErrors);
    return { state: { step: "review", values: answered, errors: {}, formError: result.formError ?? NOT_SAVED } };
  }

  // Next: this step's errors, for the questions that were on the page. A question the answers
  // just added to the page is shown to be answered, without an error it was never asked.
  const step = here as StepId;
  const wasShown = (id: QuestionId) => questionnaire.isShown(id, before);
  const added = questionnaire.stepFields[step].filter((id) => questionnaire.isShown(id, values) && !wasShown(id));
  const stepErrors = errorsOfStep(step, errors, wasShown);
  if (Object.keys(stepErrors).length > 0 || added.length > 0) {
    const refused = await store.save(step, answered, key);
    if (refused) return { state: { step, values: answered, errors: stepErrors, formError: refused } };
    return { state: { step, values: answered, errors: stepErrors, ...(added.length > 0 ? { notice: NEW_QUESTION_NOTICE } : {}) } };
  }
  return saveAndGo(steps[index + 1] ?? "review");
}

/** A submit the schema refused: back to the step of the first error, with that step's errors. */
async function showFirstError(store: DraftStore, values: Record<string, unknown>, key: string, errors: Record<string, string>): Promise<Outcome> {
  const step = firstError(Object.keys(errors))?.step ?? "about";
  const stepErrors = errorsOfStep(step, errors);
  const refused = await store.save(step, values, key);
  return { state: { step, values, errors: stepErrors, ...(refused ? { formError: refused } : {}) } };
}
