/**
 * The intake questionnaire: the registry (questions.ts) and what is derived from it (derive.ts).
 * Import from here; nothing else in the app knows which question depends on which. Free of Zod, so
 * client code can import it: the Zod fields are in fields.ts, read by lib/intake/schema.ts.
 */
import { deriveQuestionnaire } from "./derive";
import { INTAKE_QUESTIONNAIRE } from "./questions";
import type { AnswersOf, FormValuesOf, QuestionIdOf, StepIdOf } from "./values";

export const questionnaire = deriveQuestionnaire(INTAKE_QUESTIONNAIRE);

export { INTAKE_QUESTIONNAIRE, MAX_NAME, MAX_TEXT } from "./questions";
export { deriveQuestionnaire, type AnswerItem, type AnswerSection } from "./derive";
export { describeShownWhen } from "./visibility";
export type { AnswerChange, VisitAnswers } from "./visits";
export type { Kind, Options, Question, Questionnaire, ShownWhen, Step } from "./types";

/** One step of the intake, in order. */
export type StepId = StepIdOf<typeof INTAKE_QUESTIONNAIRE>;
/** One question of the intake: the key its answer is stored under. */
export type QuestionId = QuestionIdOf<typeof INTAKE_QUESTIONNAIRE>;
/** What the form holds while the client fills it in. */
export type IntakeFormValues = FormValuesOf<typeof INTAKE_QUESTIONNAIRE>;
/** Validated answers, hidden ones dropped: what is stored. */
export type IntakeAnswers = AnswersOf<typeof INTAKE_QUESTIONNAIRE>;
