import "server-only";
import { getDb, type Db } from "@/lib/db";
import { PRECAUTION_RULES_VERSION, countByLevel, notAcknowledged, precautionsFor } from "@/lib/intake/precautions";
import type { IntakeInput } from "@/lib/intake/schema";
import { acknowledgedByAny, acknowledgedIds } from "./review";

/**
 * When the precaution rules change (PRECAUTION_RULES_VERSION), the counts stored with each intake
 * (what the dashboard shows and filters on) are worked out again from its answers, once: each row
 * records the version its counts came from, and only rows of another version are read. A reviewed
 * intake whose card now has stop, refer or avoid items that no review acknowledged is marked
 * rulesChanged: "Rules changed since this review" until a therapist reviews it again.
 *
 * Runs at start-up from lib/on-server-start.ts, which Next awaits before this process handles any
 * request (every request waits for the server's `prepare`, which runs the hook). On SQLite, with
 * its one server process, nothing else writes meanwhile; that matters there, where a transaction
 * shares the one connection with every other query (see create.ts). On PostgreSQL other instances
 * may be serving: each row is updated only if it is still of an older version and its status is
 * the one read (a review in between sends it round again), and only older versions are touched,
 * so an instance still running the previous release never undoes the newer counts. Intakes that
 * such an instance stores meanwhile are recomputed when a new-release instance next starts: roll
 * a rules change out to every instance, then restart one (README, "Running on PostgreSQL").
 * tests/reliability/upgrade.sqlite.test.ts starts the production server on a version-1 database.
 */

const BATCH = 500;
/** Rounds over the older rows; a row changed by a review while being worked out waits for the next. */
const MAX_ROUNDS = 3;

export type RecomputeResult = { recomputed: number; rulesChanged: number };

export async function recomputePrecautionCounts(db: Db = getDb()): Promise<RecomputeResult> {
  const result: RecomputeResult = { recomputed: 0, rulesChanged: 0 };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const skipped = await recomputeRound(db, result);
    if (skipped === 0) break;
  }
  return result;
}

/** One pass over the rows of older versions; how many changed under it and were left for another. */
async function recomputeRound(db: Db, result: RecomputeResult): Promise<number> {
  let after = "";
  let skipped = 0;
  for (;;) {
    const rows = await db.intake.findMany({
      where: { precautionsVersion: { lt: PRECAUTION_RULES_VERSION }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, status: true, answers: true, reviews: { select: { acknowledged: true } } },
    });
    if (rows.length === 0) return skipped;
    after = rows.at(-1)!.id;
    const changed: boolean[] = [];
    const updates = rows.map((row) => {
      const card = precautionsFor((row.answers ?? {}) as Partial<IntakeInput>);
      const counts = countByLevel(card);
      const acknowledged = acknowledgedByAny(row.reviews.map((r) => ({ acknowledged: acknowledgedIds(r.acknowledged) })));
      const rulesChanged = row.status === "reviewed" && notAcknowledged(card, acknowledged).length > 0;
      changed.push(rulesChanged);
      return db.intake.updateMany({
        // Only if still of an older version, and not reviewed since it was read.
        where: { id: row.id, precautionsVersion: { lt: PRECAUTION_RULES_VERSION }, status: row.status },
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
    const done = await db.$transaction(updates);
    done.forEach((d, i) => {
      if (d.count === 1) {
        result.recomputed++;
        if (changed[i]) result.rulesChanged++;
      } else {
        skipped++;
      }
    });
  }
}
