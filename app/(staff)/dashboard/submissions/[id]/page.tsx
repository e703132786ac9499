import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BodyMapView } from "@/components/body-map";
import { AnswerSections } from "@/components/answer-sections";
import { AttachToClient } from "@/components/staff/attach-to-client";
import { AuditTrail } from "@/components/staff/audit-trail";
import { ChangesSinceLastVisit } from "@/components/staff/changes-since-last-visit";
import { PrecautionCard } from "@/components/staff/precaution-card";
import { REVIEW_FORM_ID, ReviewForm } from "@/components/staff/review-form";
import { AUDIT_ACTIONS } from "@/lib/data/audit";
import { suggestClientsFor } from "@/lib/data/clients";
import { INTAKE_STATUSES, acknowledgedByAny } from "@/lib/data/intakes";
import { getEnv } from "@/lib/env";
import { describeAnswers } from "@/lib/intake/answers";
import { formatDate, formatDateTime } from "@/lib/intake/dates";
import type { Region } from "@/lib/intake/options";
import { notAcknowledged, precautionsFor } from "@/lib/intake/precautions";
import { questionnaire } from "@/lib/intake/questionnaire";
import { attachToClient, markReviewed } from "./actions";
import { openSubmission } from "./open-submission";

export const metadata: Metadata = { title: "Intake" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const opened = await openSubmission(id);
  if (!opened) notFound();
  const { intake, trail, previous } = opened;
  const changes = previous
    ? questionnaire.changesBetween(
        { answers: previous.answers, schemaVersion: previous.schemaVersion },
        { answers: intake.answers, schemaVersion: intake.schemaVersion },
      )
    : [];
  const precautions = precautionsFor(intake.answers);
  const acknowledged = acknowledgedByAny(intake.reviews);
  // Worked out from the current rules, as the review action does: the stored flag is for the list.
  const changedSinceReview =
    intake.reviews.length > 0 ? notAcknowledged(precautions, acknowledged) : [];
  const awaitingReview = intake.reviews.length === 0 || changedSinceReview.length > 0;
  const avoidRegions = [...new Set(precautions.filter((p) => p.level === "avoid").flatMap((p) => p.regions))] as Region[];
  const a = intake.answers;
  const hasMap = questionnaire.isStepShown("neuropathy", a) || avoidRegions.length > 0;
  const suggestions = intake.clientId ? [] : await suggestClientsFor(intake);
  // "Download PDF" is on the clinic's paper (PDF_PAPER_SIZE); the other size is one link away.
  const otherPaper =
    getEnv().PDF_PAPER_SIZE === "A4" ? { param: "letter", words: "On US Letter paper" } : { param: "a4", words: "On A4 paper" };

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
        {intake.clientId ? (
          <div>
            <dt>Client</dt>
            <dd>
              <Link href={`/dashboard/clients/${intake.clientId}`}>Client&apos;s page</Link>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${intake.status}`}>{INTAKE_STATUSES[intake.status]}</span>
          </dd>
        </div>
      </dl>
      <p className="downloads no-print">
        {/* Plain links: the route checks the session itself, and they work without JavaScript. */}
        <a className="button secondary" href={`/api/exports/intakes/${intake.id}/pdf`} download>
          Download PDF
        </a>{" "}
        <a href={`/api/exports/intakes/${intake.id}/pdf?paper=${otherPaper.param}`} download>
          {otherPaper.words}
        </a>
      </p>

      <PrecautionCard
        precautions={precautions}
        reviewFormId={awaitingReview ? REVIEW_FORM_ID : undefined}
        acknowledged={acknowledged}
        changedSinceReview={changedSinceReview}
      />

      {previous ? <ChangesSinceLastVisit lastVisitDate={previous.appointmentDate} changes={changes} /> : null}

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
        {intake.reviews.map((review) => (
          <div key={review.createdAt.toISOString()} className="past-review">
            <p>
              Reviewed by <strong>{review.reviewerName}</strong> on {formatDateTime(review.createdAt)}.
            </p>
            {review.note ? <p className="note">{review.note}</p> : null}
          </div>
        ))}
        {awaitingReview ? (
          <ReviewForm
            intakeId={intake.id}
            action={markReviewed}
            toAcknowledge={notAcknowledged(precautions, acknowledged).length}
          />
        ) : null}
      </section>

      <AnswerSections
        sections={describeAnswers(intake.answers, "therapist", intake.schemaVersion)}
        changed={new Set(changes.map((c) => c.label))}
      />
      {intake.clientId ? null : <AttachToClient intakeId={intake.id} suggestions={suggestions} attach={attachToClient} />}
      <AuditTrail entries={trail.map((e) => ({ id: e.id, at: e.at, who: e.actorName, what: AUDIT_ACTIONS[e.action] ?? e.action }))} />
    </article>
  );
}
