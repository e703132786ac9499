import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BodyMapView } from "@/components/body-map";
import { AnswerSections } from "@/components/answer-sections";
import { AuditTrail } from "@/components/staff/audit-trail";
import { PrecautionCard } from "@/components/staff/precaution-card";
import { REVIEW_FORM_ID, ReviewForm } from "@/components/staff/review-form";
import { AUDIT_ACTIONS } from "@/lib/data/audit";
import { INTAKE_STATUSES } from "@/lib/data/intakes";
import { describeAnswers } from "@/lib/intake/answers";
import { formatDate, formatDateTime } from "@/lib/intake/dates";
import type { Region } from "@/lib/intake/options";
import { mustAcknowledge, precautionsFor } from "@/lib/intake/precautions";
import { questionnaire } from "@/lib/intake/questionnaire";
import { markReviewed } from "./actions";
import { openSubmission } from "./open-submission";

export const metadata: Metadata = { title: "Intake" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const opened = await openSubmission(id);
  if (!opened) notFound();
  const { intake, trail } = opened;
  const precautions = precautionsFor(intake.answers);
  const avoidRegions = [...new Set(precautions.filter((p) => p.level === "avoid").flatMap((p) => p.regions))] as Region[];
  const a = intake.answers;
  const hasMap = questionnaire.isStepShown("neuropathy", a) || avoidRegions.length > 0;

  return (
    <article className="page wide submission">
      <p className="back no-print">
        <Link href="/dashboard">← All intakes</Link>
      </p>
      <h1>{intake.fullName}</h1>
      <dl className="meta">
        <div>
          <dt>Appointment</dt>
          <dd>{formatDate(intake.appointmentDate)}</dd>
        </div>
        <div>
          <dt>Reference</dt>
          <dd className="mono">{intake.reference}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDateTime(intake.createdAt)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${intake.status}`}>{INTAKE_STATUSES[intake.status]}</span>
          </dd>
        </div>
      </dl>

      <PrecautionCard
        precautions={precautions}
        reviewFormId={intake.review ? undefined : REVIEW_FORM_ID}
        acknowledged={intake.review?.acknowledged}
      />

      {hasMap ? (
        <section className="card" aria-labelledby="map-heading">
          <h2 id="map-heading">Feet and lower legs</h2>
          <BodyMapView
            marks={{
              reducedFeeling: a.reducedFeeling ?? [],
              painfulToLightTouch: a.painfulToLightTouch ?? [],
              woundsOrBlisters: a.woundsOrBlisters ?? [],
            }}
            avoid={avoidRegions}
          />
        </section>
      ) : null}

      <section className="card review-panel" aria-labelledby="review-heading">
        <h2 id="review-heading">Review</h2>
        {intake.review ? (
          <>
            <p>
              Reviewed by <strong>{intake.review.reviewerName}</strong> on {formatDateTime(intake.review.createdAt)}.
            </p>
            {intake.review.note ? <p className="note">{intake.review.note}</p> : null}
          </>
        ) : (
          <ReviewForm intakeId={intake.id} action={markReviewed} toAcknowledge={mustAcknowledge(precautions).length} />
        )}
      </section>

      <AnswerSections sections={describeAnswers(intake.answers, "therapist")} />
      <AuditTrail entries={trail.map((e) => ({ id: e.id, at: e.at, who: e.actorName, what: AUDIT_ACTIONS[e.action] ?? e.action }))} />
    </article>
  );
}
