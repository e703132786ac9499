/**
 * A database as the release with precaution rules version 1 left it (its migrations, its rows:
 * counts worked out by the version-1 rules, reviews that acknowledged the version-1 card), brought
 * up to date: the migration, then the start-up step that recomputes the counts once per version.
 * Afterwards the dashboard's counts and flags agree with the card of every intake.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import {
  getIntakeForReview,
  listIntakes,
  markIntakeReviewed,
  recomputePrecautionCounts,
  type IntakeListItem,
} from "@/lib/data/intakes";
import { PRECAUTION_RULES_VERSION, countByLevel, mustAcknowledge, precautionsFor } from "@/lib/intake/precautions";
import { applyMigrations } from "../helpers/migrations";
import { V1_REVIEWER, V1_ROWS, buildVersion1Database } from "../helpers/v1-database";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-rules-v1-"));
const file = path.join(dir, "v1.db");

const db = createPrismaClient(file);

beforeAll(() => {
  buildVersion1Database(file);
  // The release with rules version 2: its migration, then (in each test) the start-up step.
  applyMigrations(file, { from: "rules_version_2" });
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byId = async () => new Map<string, IntakeListItem>((await listIntakes({}, null, db)).items.map((i) => [i.id, i]));

describe("a version-1 database brought up to rules version 2", () => {
  it("still shows version 1's counts before the start-up step (so the step is what changes them)", async () => {
    expect((await byId()).get("v1unknown")).toMatchObject({ referCount: 0, rulesChanged: false });
  });

  it("recomputes every intake once, and the dashboard's counts agree with each card", async () => {
    expect(await recomputePrecautionCounts(db)).toEqual({ recomputed: V1_ROWS.length, rulesChanged: 1 });

    const listed = await byId();
    for (const row of V1_ROWS) {
      const counts = countByLevel(precautionsFor(row.answers));
      expect(listed.get(row.id), row.id).toMatchObject({ stopCount: counts.stop, referCount: counts.refer, avoidCount: counts.avoid });
    }
    expect(listed.get("v1unknown")).toMatchObject({ referCount: 1, rulesChanged: true });
    expect([...listed.values()].filter((i) => i.rulesChanged).map((i) => i.id)).toEqual(["v1unknown"]);

    const flagged = await listIntakes({ flaggedOnly: true }, null, db);
    const expectedFlagged = V1_ROWS.filter((r) => mustAcknowledge(precautionsFor(r.answers)).length > 0).map((r) => r.id);
    expect(flagged.items.map((i) => i.id).sort()).toEqual(expectedFlagged.sort());
    expect(expectedFlagged).toContain("v1unknown");

    const versions = new Database(file, { readonly: true }).prepare(`SELECT DISTINCT precautionsVersion AS v FROM "Intake"`).all();
    expect(versions).toEqual([{ v: PRECAUTION_RULES_VERSION }]);
  });

  it("does nothing the second time", async () => {
    expect(await recomputePrecautionCounts(db)).toEqual({ recomputed: 0, rulesChanged: 0 });
  });

  it("clears the flag when the intake is reviewed again, keeping the first review", async () => {
    const before = await getIntakeForReview("v1unknown", db);
    expect(before?.rulesChanged).toBe(true);
    expect(before?.reviews).toHaveLength(1);
    const review = { reviewerId: V1_REVIEWER.id, note: "Asked for GP advice", acknowledged: ["refer.neuropathy-cause"], precautionsVersion: PRECAUTION_RULES_VERSION };
    expect(await markIntakeReviewed("v1unknown", review, db)).toBe("reviewed");
    // Not a third time: nothing has changed since.
    expect(await markIntakeReviewed("v1unknown", review, db)).toBe("already-reviewed");

    const after = await getIntakeForReview("v1unknown", db);
    expect(after).toMatchObject({ status: "reviewed", rulesChanged: false });
    expect(after?.reviews.map((r) => [r.precautionsVersion, r.acknowledged])).toEqual([
      [1, []],
      [PRECAUTION_RULES_VERSION, ["refer.neuropathy-cause"]],
    ]);
    expect((await byId()).get("v1unknown")?.rulesChanged).toBe(false);
  });
});
