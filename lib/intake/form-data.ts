import { questionnaire, type StepId } from "./questionnaire";

/**
 * One step's answers as a browser posts them (an HTML form's fields, named by question id), in
 * the shape the form holds them: text as typed, a checkbox group as the list of ids ticked (sent
 * as repeated fields), a tick box as true or false, a choice as its id, a scale as a number.
 *
 * Only the questions that were on the page are read: those of `step` shown given `shownWith`, the
 * answers the page was drawn from. A box left unticked or a group with nothing ticked is not sent
 * at all, so for a question that was on the page a missing field means "none". The server reads a
 * posted step with it (lib/submissions/posted-steps.ts); the form reads what was typed before
 * JavaScript loaded with it (components/intake/intake-form.tsx).
 */
export function answersFromFormData(step: StepId, data: Pick<FormData, "get" | "getAll">, shownWith: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questionnaire.questionsOf(step)) {
    if (!questionnaire.isShown(q, shownWith)) continue;
    const raw = data.get(q.id);
    const text = typeof raw === "string" ? raw : undefined;
    switch (q.kind) {
      case "shortText":
      case "longText":
      case "email":
      case "phone":
      case "date":
        answers[q.id] = text ?? "";
        break;
      case "singleChoice":
      case "yesNo":
        // A radio group with nothing chosen sends nothing, and a choice cannot be taken back.
        if (text) answers[q.id] = text;
        break;
      case "multipleChoice":
      case "bodyRegions":
        answers[q.id] = data.getAll(q.id).filter((v): v is string => typeof v === "string");
        break;
      case "tick":
      case "consent":
        answers[q.id] = raw !== null;
        break;
      case "scale":
        answers[q.id] = text ? Number(text) : undefined;
        break;
    }
  }
  return answers;
}
