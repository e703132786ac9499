import "server-only";
import { getDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Answers } from "@/lib/intake/precautions";
import { cursorConditions, filterConditions, type IntakeFilters, type PageCursor } from "./list";
import { SUMMARY_FIELDS, type IntakeStatus, type IntakeSummary } from "./summary";

/** Every intake of the dashboard's list as filtered (all pages), for the CSV export. */

export type IntakeForExport = IntakeSummary & {
  schemaVersion: number;
  answers: Answers;
  stopCount: number;
  referCount: number;
  avoidCount: number;
  /** Reviewed, but the rules changed since and raise items no review acknowledged. */
  rulesChanged: boolean;
};

/** Rows per query: small enough that a batch of answers is a few megabytes at most. */
export const EXPORT_BATCH = 500;

/**
 * The list in its order (appointment date, then id), a batch at a time, each batch found by
 * keyset after the last: 100,000 intakes never sit in memory at once, and each query costs what
 * the first does.
 */
export async function* intakesForExport(filters: IntakeFilters, db: Db = getDb(), batch = EXPORT_BATCH): AsyncGenerator<IntakeForExport[]> {
  const filter = await filterConditions(filters, db);
  let cursor: PageCursor | null = null;
  for (;;) {
    const rows: IntakeForExport[] = await readBatch(filter, cursor, batch, db);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    const last = rows.at(-1)!;
    cursor = { direction: "after", appointmentDate: last.appointmentDate, id: last.id };
  }
}

async function readBatch(filter: Prisma.IntakeWhereInput[], cursor: PageCursor | null, batch: number, db: Db): Promise<IntakeForExport[]> {
  const rows = await db.intake.findMany({
    where: { AND: [...filter, ...cursorConditions(cursor)] },
    orderBy: [{ appointmentDate: "asc" }, { id: "asc" }],
    take: batch,
    select: { ...SUMMARY_FIELDS, schemaVersion: true, answers: true, stopCount: true, referCount: true, avoidCount: true, rulesChanged: true },
  });
  // Stored only after validation by intakeSchema (see createIntake).
  return rows.map((r) => ({ ...r, status: r.status as IntakeStatus, answers: (r.answers ?? {}) as Answers }));
}
