import { questionnaire, type QuestionId, type StepId } from "./questionnaire";
import type { UrgentSign } from "./see-doctor-today";

/** The form's pages: the questionnaire's steps that are asked, then a review of every answer. */
export type FormStep = StepId | "review";

export const REVIEW_TITLE = "Check your answers";

/** Every question, in the order asked: of several errors, the first is the one to show. */
const QUESTION_ORDER = Object.values(questionnaire.stepFields).flat() as QuestionId[];

/** Of the questions with an error, the one asked first, and its step: where a refused submit goes. */
export function firstError(errorNames: Iterable<string>): { question: QuestionId; step: StepId } | undefined {
  const names = new Set(errorNames);
  const question = QUESTION_ORDER.find((id) => names.has(id));
  const step = question && questionnaire.stepOf(question);
  return question && step ? { question, step } : undefined;
}

/** The errors of one step's questions (those `shown` keeps), by question id. */
export function errorsOfStep(
  step: StepId,
  errors: Partial<Record<string, string>>,
  shown: (id: QuestionId) => boolean = () => true,
): Partial<Record<QuestionId, string>> {
  return Object.fromEntries(questionnaire.stepFields[step].filter((id) => errors[id] && shown(id)).map((id) => [id, errors[id]!]));
}

/** The largest draft kept on the server (a link's or a posted form's), in characters of JSON: far above a full questionnaire, far below a nuisance. */
export const MAX_DRAFT_CHARS = 64 * 1024;

export function formSteps(values: unknown): FormStep[] {
  return [...questionnaire.visibleSteps(values), "review"];
}

export function formStepTitle(step: FormStep): string {
  return step === "review" ? REVIEW_TITLE : questionnaire.stepTitle(step);
}

/**
 * What a step posted by the browser itself (before or without JavaScript) answers when it does not
 * move on: the step to draw again, and why (lib/submissions/posted-steps.ts).
 */
export type StepState = {
  /** Omitted when nothing could be read: the page's own draft is drawn. */
  step?: FormStep;
  /** The answers to draw it with (the draft, with what was just posted). */
  values?: Record<string, unknown>;
  /** Messages beside the step's fields, by question id. */
  errors?: Partial<Record<QuestionId, string>>;
  formError?: string;
  /** Said above the step, such as a question the last answer added. */
  notice?: string;
};

/** What a stored intake answers the form: its reference, and whether the client must see a doctor today. */
export type SubmittedIntake = { reference: string; seeDoctorToday: UrgentSign[] };
