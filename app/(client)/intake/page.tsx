import type { Metadata } from "next";
import { IntakeForm } from "@/components/intake/intake-form";
import { POSTED_PARAM, readPublicDraft } from "@/lib/submissions/public-draft";
import { postIntakeStep, submitIntake } from "./actions";

export const metadata: Metadata = { title: "Before your massage" };

/**
 * The public form. Drawn from the draft on the server when this browser has posted steps to it
 * (before or without JavaScript), so each post's next step is this page again.
 */
export default async function IntakePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const draft = await readPublicDraft();
  // A step was posted, yet there is no draft: this browser did not keep the form's cookie.
  const lost = (await searchParams)[POSTED_PARAM] !== undefined && !draft;
  const start = draft ? { values: draft.answers, step: draft.step, savedAt: draft.savedAt.getTime() } : undefined;
  return (
    <div className="page">
      <h1>Before your massage</h1>
      <p className="lede">
        These questions help your therapist keep your session safe and comfortable. It takes about five
        minutes. Your answers are kept if you reload this page.
      </p>
      {lost ? (
        <p className="form-error" role="alert">
          Your browser did not keep this form between pages, so it starts again. Please allow cookies for this site, or
          turn on JavaScript, and fill it in again.
        </p>
      ) : null}
      <IntakeForm submit={submitIntake} postStep={postIntakeStep} start={start} />
    </div>
  );
}
