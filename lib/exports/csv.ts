/**
 * The dashboard's list as CSV, for a spreadsheet: one row per intake, the summary and the stored
 * precaution counts first, then one column per question of the registry, answers as the words the
 * client chose. Written by csv-stringify (quoting, line breaks inside cells) a batch at a time
 * into a stream, so the whole list is never in memory.
 *
 * Two things for spreadsheet programs: a byte order mark, so they read UTF-8 (accents in names);
 * and any cell starting with = + - @, a tab or a carriage return gets a leading apostrophe, so a
 * client's answer can never run as a formula (OWASP "CSV injection").
 */
import { stringify } from "csv-stringify/sync";
import type { IntakeForExport } from "@/lib/data/intakes/export";
import { INTAKE_STATUSES } from "@/lib/data/intakes/summary";
import { questionnaire, type Question, type Questionnaire } from "@/lib/intake/questionnaire";
import { askedUnder } from "./fhir/questionnaire";

const REGISTRY: Questionnaire = questionnaire.registry;

/** A cell a spreadsheet would run as a formula, made inert. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A question's column: its summary label, with its step where two questions share one. */
function questionHeaders(): string[] {
  const label = (q: Question) => q.summaryLabel ?? q.label;
  const counts = new Map<string, number>();
  for (const q of REGISTRY.questions) counts.set(label(q), (counts.get(label(q)) ?? 0) + 1);
  return REGISTRY.questions.map((q) => {
    const step = REGISTRY.steps.find((s) => s.id === q.step)!;
    return counts.get(label(q))! > 1 ? `${label(q)} (${step.staffTitle})` : label(q);
  });
}

export const SUMMARY_HEADERS = [
  "Reference",
  "Client",
  "Appointment",
  "Submitted",
  "Status",
  // "Yes" where the dashboard says "Rules changed since this review": a review to do again.
  "Rules changed since review",
  "Do not massage",
  "Refer",
  "Avoid areas",
];
/** Every column, each name once (a spreadsheet, and a CSV reader keyed by header, need that). */
export const CSV_HEADERS = [...SUMMARY_HEADERS, ...questionHeaders()];

/** An answer in words; empty when the question was not asked (hidden, or not on the form then). */
function cellOf(q: Question, value: unknown): string | number {
  switch (q.kind) {
    case "shortText":
    case "longText":
    case "email":
    case "phone":
    case "date":
      return typeof value === "string" ? value.trim() : "";
    case "tick":
    case "consent":
      return value === true ? "Yes" : value === false ? "No" : "";
    case "scale":
      return typeof value === "number" ? value : "";
    case "singleChoice":
    case "yesNo":
    case "multipleChoice":
    case "bodyRegions": {
      const ids = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
      // "; " between choices: some of their words have commas.
      return ids.map((id) => q.options.labels[String(id)] ?? String(id)).join("; ");
    }
  }
}

export function csvRow(intake: IntakeForExport): (string | number)[] {
  const answers = intake.answers as Record<string, unknown>;
  return [
    intake.reference,
    intake.fullName,
    intake.appointmentDate,
    intake.createdAt.toISOString(),
    INTAKE_STATUSES[intake.status],
    intake.rulesChanged ? "Yes" : "",
    intake.stopCount,
    intake.referCount,
    intake.avoidCount,
    ...REGISTRY.questions.map((q) =>
      askedUnder(q, intake.schemaVersion) && questionnaire.isShown(q, answers) ? cellOf(q, answers[q.id]) : "",
    ),
  ];
}

const toCsv = (rows: (string | number)[][]) => stringify(rows, { cast: { string: neutralise }, record_delimiter: "\r\n" });

/** The header, then every batch's rows, as UTF-8 with a byte order mark; pulled as the client reads. */
export function intakesCsv(batches: AsyncIterable<IntakeForExport[]>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${toCsv([CSV_HEADERS])}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(toCsv(next.value.map(csvRow))));
      } catch (error) {
        // Headers are sent: the download ends short and the browser reports it as failed.
        onError(error);
        controller.error(new Error("The export stopped."));
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
