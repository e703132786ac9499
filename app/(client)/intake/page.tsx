import type { Metadata } from "next";
import { IntakeForm } from "@/components/intake/intake-form";
import { readPublicDraft } from "@/lib/submissions/public-draft";
import { postIntakeStep, submitIntake } from "./actions";

export const metadata: Metadata = { title: "Before your massage" };

/**
 * The public form. Drawn from the draft on the server when this browser has posted steps to it
 * (before or without JavaScript), so each post's next step is this page again.
 */
export default async function IntakePage() {
  const draft = await readPublicDraft();
  const start = draft ? { values: draft.answers, step: draft.step, savedAt: draft.savedAt.getTime() } : undefined;
  return (
    <div className="page">
      <h1>Before your massage</h1>
      <p className="lede">
        These questions help your therapist keep your session safe and comfortable. It takes about five
        minutes. Your answers are kept if you reload this page.
      </p>
      <IntakeForm submit={submitIntake} postStep={postIntakeStep} start={start} />
    </div>
  );
}
