import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DateOfBirthCheck } from "@/components/intake/date-of-birth-check";
import { IntakeForm } from "@/components/intake/intake-form";
import { DOB_COOKIE, linkPage } from "@/lib/appointments/personal-link";
import { appointmentWhen } from "@/lib/appointments/clinic-time";
import { getEnv } from "@/lib/env";
import { confirmDateOfBirth, postDateOfBirth, postLinkStep, saveDraft, submitLinkIntake } from "./actions";

export const metadata: Metadata = { title: "Before your massage", robots: { index: false, follow: false } };

/**
 * A client's personal link: the form of one appointment, filled from what the clinic knows. The
 * token is the only key; pages for a link that cannot be used say what to do and show no answers.
 */
export default async function PersonalLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const page = await linkPage(token, (await cookies()).get(DOB_COOKIE)?.value);
  const env = getEnv();

  switch (page.kind) {
    case "unknown":
      return (
        <Closed title="This link does not work">
          The address may be incomplete: check that you opened the whole link from the clinic&apos;s email or message. If it
          still does not work, please contact the clinic.
        </Closed>
      );
    case "expired":
      return (
        <Closed title="This link has expired">
          Personal links work until the end of the day of the appointment. Please contact the clinic: they can send you a
          new one.
        </Closed>
      );
    case "used":
      return (
        <Closed title="This form has already been sent">
          Your answers reached the clinic. Your reference code is <strong className="code">{page.reference}</strong>. If
          something has changed since, please contact the clinic and quote it.
        </Closed>
      );
    case "locked":
      return (
        <Closed title="This link is locked">
          Too many wrong dates of birth were typed on it. Please contact the clinic: they can send you a new link.
        </Closed>
      );
    case "confirm-date-of-birth":
      return (
        <div className="page">
          <h1>Before your massage</h1>
          <p className="lede">Your appointment is on {appointmentWhen(page.startsAt, env.CLINIC_TIME_ZONE)}.</p>
          <DateOfBirthCheck confirm={confirmDateOfBirth.bind(null, token)} post={postDateOfBirth.bind(null, token)} />
        </div>
      );
    case "form":
      return (
        <div className="page">
          <h1>Before your massage</h1>
          <p className="lede">
            Your appointment is on {appointmentWhen(page.startsAt, env.CLINIC_TIME_ZONE)}. These questions help your therapist
            keep your session safe and comfortable. Your answers are saved as you go: you can continue later from the same
            link, on this or another device.
          </p>
          <IntakeForm
            submit={submitLinkIntake.bind(null, token)}
            postStep={postLinkStep.bind(null, token)}
            saveDraft={saveDraft.bind(null, token)}
            start={page.start}
            storageKey={`intake-draft-link-${page.appointmentId}`}
          />
        </div>
      );
  }
}

function Closed({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="lede">{children}</p>
    </div>
  );
}
