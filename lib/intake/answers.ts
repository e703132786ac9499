/**
 * Answers in words ("Pressure preference: Light"), in the form's order: the client's review step
 * and the therapist's view of a submission. Made from the question registry.
 */
import { questionnaire, type AnswerSection as Section, type IntakeFormValues, type StepId } from "./questionnaire";

export type { AnswerItem } from "./questionnaire";
export type AnswerSection = Section<StepId>;

/**
 * Works on form values (possibly incomplete) and on stored, validated answers alike. `reader`
 * picks the section titles: the client's own ("Your health") or the therapist's ("Health").
 * Stored answers give the schema version they were stored under: questions added since are left out.
 */
export function describeAnswers(
  values: Partial<IntakeFormValues>,
  reader: "client" | "therapist" = "client",
  storedUnder?: number,
): AnswerSection[] {
  return questionnaire.describeAnswers(values, reader, storedUnder);
}
