/**
 * One submission as a document in words: what the submission page shows, in the same order, for
 * exports that cannot run React (the PDF). Made from the stored intake and the current rules, as
 * the page does; pure, so a test can build one from a table of answers.
 */
import { INTAKE_STATUSES, type IntakeStatus } from "@/lib/data/intakes/summary";
import { describeAnswers } from "@/lib/intake/answers";
import { formatDate, formatDateTime } from "@/lib/intake/dates";
import { REGIONS, type Region } from "@/lib/intake/options";
import { LEVELS, LEVEL_ORDER, MUST_ACKNOWLEDGE, notAcknowledged, precautionsFor, type Answers, type Level } from "@/lib/intake/precautions";
import { questionnaire, type Question } from "@/lib/intake/questionnaire";

export type DocumentLine = { label: string; value: string };

export type DocumentPrecaution = {
  id: string;
  instruction: string;
  because: string[];
  /** "Source: citation (url)", one per source. */
  sources: string[];
  /** Stop, refer and avoid items: whether a review acknowledged it; undefined for the others. */
  acknowledged?: boolean;
};

export type IntakeDocument = {
  clinicName: string;
  /** The client's name, as typed. */
  title: string;
  /** Client, Appointment, Reference, Status, Submitted. */
  header: DocumentLine[];
  /** The card: one entry per level that has items, most serious first. */
  precautions: { level: Level; title: string; hint: string; items: DocumentPrecaution[] }[];
  /** True when no stop, refer, avoid, modify or products item applies. */
  allClear: boolean;
  /** The body map's marks as text ("Reduced feeling": "Left sole, Right heel"); empty when not asked. */
  bodyMap: DocumentLine[];
  /** Every answer, step by step, as the therapist reads them. */
  sections: { title: string; items: DocumentLine[] }[];
  reviews: { by: string; at: string; note: string; acknowledged: string[] }[];
};

export type IntakeForDocument = {
  reference: string;
  fullName: string;
  appointmentDate: string;
  createdAt: Date;
  status: IntakeStatus;
  schemaVersion: number;
  answers: Answers;
  reviews: { reviewerName: string; createdAt: Date; note: string; acknowledged: string[] }[];
};

const MAP_QUESTIONS = ["reducedFeeling", "painfulToLightTouch", "woundsOrBlisters"] as const;

export function intakeDocument(intake: IntakeForDocument, clinicName: string): IntakeDocument {
  const precautions = precautionsFor(intake.answers);
  const acknowledged = intake.reviews.flatMap((r) => r.acknowledged);
  const instructionOf = new Map(precautions.map((p) => [p.id, p.instruction]));
  const a = intake.answers as Record<string, unknown>;
  // As the submission page works it out: reviewed, but the current rules raise an item no review acknowledged.
  const rulesChanged = intake.reviews.length > 0 && notAcknowledged(precautions, acknowledged).length > 0;

  const bodyMap: DocumentLine[] = [];
  if (questionnaire.isStepShown("neuropathy", a)) {
    for (const id of MAP_QUESTIONS) {
      const q: Question = questionnaire.registry.questions.find((x) => x.id === id)!;
      const marks = Array.isArray(a[id]) ? (a[id] as Region[]) : [];
      bodyMap.push({
        label: q.summaryLabel ?? q.label,
        value: marks.length > 0 ? marks.map((r) => REGIONS.labels[r] ?? r).join(", ") : "None marked",
      });
    }
  }
  const avoid = [...new Set(precautions.filter((p) => p.level === "avoid").flatMap((p) => p.regions))];
  if (avoid.length > 0) bodyMap.push({ label: "Areas to avoid (from the card)", value: avoid.map((r) => REGIONS.labels[r]).join(", ") });

  return {
    clinicName,
    title: intake.fullName,
    header: [
      { label: "Client", value: intake.fullName },
      { label: "Appointment", value: formatDate(intake.appointmentDate) },
      { label: "Reference", value: intake.reference },
      {
        label: "Status",
        value: rulesChanged ? "Reviewed, but the rules changed since: review again" : INTAKE_STATUSES[intake.status],
      },
      { label: "Submitted", value: formatDateTime(intake.createdAt) },
    ],
    precautions: LEVEL_ORDER.flatMap((level) => {
      const items = precautions.filter((p) => p.level === level);
      if (items.length === 0) return [];
      return [
        {
          level,
          title: LEVELS[level].title,
          hint: LEVELS[level].hint,
          items: items.map((p) => ({
            id: p.id,
            instruction: p.instruction,
            because: p.because,
            // The clinic's own guidance is a page of the app (a relative link): on paper, its name alone.
            sources: p.sources.map((s) => (s.url.startsWith("/") ? s.citation : `${s.citation} (${s.url})`)),
            acknowledged: MUST_ACKNOWLEDGE.includes(level) ? acknowledged.includes(p.id) : undefined,
          })),
        },
      ];
    }),
    allClear: precautions.every((p) => p.level === "always"),
    bodyMap,
    sections: describeAnswers(intake.answers, "therapist", intake.schemaVersion).map((s) => ({ title: s.title, items: s.items })),
    reviews: intake.reviews.map((r) => ({
      by: r.reviewerName,
      at: formatDateTime(r.createdAt),
      note: r.note,
      // An item the current rules no longer raise is still named by its id.
      acknowledged: r.acknowledged.map((id) => instructionOf.get(id) ?? id),
    })),
  };
}
