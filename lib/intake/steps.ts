import { STEP_FIELDS, showsNeuropathy, type IntakeFormValues } from "./schema";

export type StepId = keyof typeof STEP_FIELDS | "review";

export const STEP_TITLES: Record<StepId, string> = {
  about: "About you",
  health: "Your health",
  neuropathy: "Your feet and legs",
  allergiesAndSkin: "Allergies and skin",
  preferences: "Your preferences",
  consent: "Consent and signature",
  review: "Check your answers",
};

const ALL_STEPS: StepId[] = ["about", "health", "neuropathy", "allergiesAndSkin", "preferences", "consent", "review"];

/** The steps the client goes through, given the answers so far (neuropathy only when ticked). */
export function visibleSteps(values: Pick<IntakeFormValues, "conditions">): StepId[] {
  return ALL_STEPS.filter((step) => step !== "neuropathy" || showsNeuropathy(values));
}

/** The step that asks a field, for sending the client back to a field the server refused. */
export function stepOfField(field: string): StepId | undefined {
  return (Object.keys(STEP_FIELDS) as (keyof typeof STEP_FIELDS)[]).find((step) =>
    (STEP_FIELDS[step] as readonly string[]).includes(field),
  );
}
