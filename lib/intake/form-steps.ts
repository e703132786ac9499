import { questionnaire, type StepId } from "@/lib/intake/questionnaire";

/** The form's pages: the questionnaire's steps that are asked, then a review of every answer. */
export type FormStep = StepId | "review";

export const REVIEW_TITLE = "Check your answers";

export function formSteps(values: unknown): FormStep[] {
  return [...questionnaire.visibleSteps(values), "review"];
}

export function formStepTitle(step: FormStep): string {
  return step === "review" ? REVIEW_TITLE : questionnaire.stepTitle(step);
}
