/**
 * Answers that must not wait for the appointment. By Diabetes UK's "foot attack" guidance, a red,
 * hot or swollen foot or leg, or broken skin with discharge, is an emergency in a person with
 * diabetes or neuropathy: seen by a doctor or foot protection team the same day. The client is told
 * on the last steps of the form and on the confirmation page (components/intake/see-doctor-today.tsx);
 * the therapist sees the rule "stop.foot-attack" (precautions.ts), which reads the same signs.
 *
 * Kept apart from precautions.ts so the form's bundle carries these few lines, not every rule.
 */
import type { IntakeAnswers } from "./questionnaire";

/** Each sign, in the words the client is told ("You told us about ..."). */
export const URGENT_SIGNS = {
  redHotSwollenToday: "a foot or leg that is red, hot or swollen today",
  woundDischarge: "a wound that is leaking fluid or pus",
} as const;

export type UrgentSign = keyof typeof URGENT_SIGNS;

/** The signs among these answers; empty when there are none. */
export function seeDoctorTodaySigns(answers: Partial<IntakeAnswers>): UrgentSign[] {
  const signs: UrgentSign[] = [];
  if (answers.conditions?.includes("redHotSwollenToday")) signs.push("redHotSwollenToday");
  // Asked only when "Open wounds" is ticked: the form may still hold an answer it no longer shows.
  if (answers.conditions?.includes("openWounds") && answers.woundDischarge === true) signs.push("woundDischarge");
  return signs;
}

/** The confirmation page's query parameter naming the signs ("?ref=...&care=redHotSwollenToday"). */
export const SEE_DOCTOR_TODAY_PARAM = "care";

/** The confirmation page of a stored intake: its reference, and the signs the client is told about again. */
export function thankYouPath(reference: string, signs: readonly UrgentSign[]): string {
  const care = signs.length > 0 ? `&${SEE_DOCTOR_TODAY_PARAM}=${signs.join(",")}` : "";
  return `/intake/thank-you?ref=${encodeURIComponent(reference)}${care}`;
}
