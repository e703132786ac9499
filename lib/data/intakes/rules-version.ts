import "server-only";
import { getDb, type Db } from "@/lib/db";
import { PRECAUTION_RULES_VERSION, countByLevel, mustAcknowledge, precautionsFor } from "@/lib/intake/precautions";
import type { IntakeInput } from "@/lib/intake/schema";
import { acknowledgedByAny, acknowledgedIds } from "./review";

/**
 * When the precaution rules change (PRECAUTION_RULES_VERSION), the counts stored with each intake
 * (what the dashboard shows and filters on) are worked out again from its answers, once: each row
 * records the version its counts came from, and only rows of another version are read. A reviewed
 * intake whose card now has stop, refer or avoid items that no review acknowledged is marked
 * rulesChanged: "Rules changed since this review" until a therapist reviews it again.
 *
 * Runs at start-up from instrumentation.ts, whose hook Next awaits before it handles any request
 * (every request waits for the server's `prepare`, which runs the hook): so nothing else writes
 * meanwhile. That matters on SQLite, where a transaction shares the one connection with every
 * other query (see create.ts); these batches are the only transactions besides the review's.
 * tests/reliability/upgrade.test.ts starts the production server on a version-1 database.
 */

const BATCH = 500;

export type RecomputeResult = { recomputed: number; rulesChanged: number };

export async function recomputePrecautionCounts(db: Db = getDb()): Promise<RecomputeResult> {
  const result: RecomputeResult = { recomputed: 0, rulesChanged: 0 };
  let after = "";
  for (;;) {
    const rows = await db.intake.findMany({
      where: { precautionsVersion: { not: PRECAUTION_RULES_VERSION }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, status: true, answers: true, reviews: { select: { acknowledged: true } } },
    });
    if (rows.length === 0) return result;
    after = rows.at(-1)!.id;
    const updates = rows.map((row) => {
      const card = precautionsFor((row.answers ?? {}) as Partial<IntakeInput>);
      const counts = countByLevel(card);
      const acknowledged = acknowledgedByAny(row.reviews.map((r) => ({ acknowledged: acknowledgedIds(r.acknowledged) })));
      const rulesChanged = row.status === "reviewed" && mustAcknowledge(card).some((id) => !acknowledged.includes(id));
      if (rulesChanged) result.rulesChanged++;
      return db.intake.updateMany({
        // Only if still of another version: a second instance doing the same meanwhile is harmless.
        where: { id: row.id, precautionsVersion: { not: PRECAUTION_RULES_VERSION } },
        data: {
          stopCount: counts.stop,
          referCount: counts.refer,
          avoidCount: counts.avoid,
          flagged: counts.stop + counts.refer + counts.avoid > 0,
          rulesChanged,
          precautionsVersion: PRECAUTION_RULES_VERSION,
        },
      });
    });
    // One commit per batch rather than one per row.
    await db.$transaction(updates);
    result.recomputed += rows.length;
  }
}
