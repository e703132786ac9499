/**
 * A database as the release with precaution rules version 1 left it: that release's migrations,
 * and rows as it stored them (answers of schema version 2, counts from the version-1 rules,
 * reviews that acknowledged the version-1 card). The caller then applies the later migrations
 * (`applyMigrations(file, { from: "rules_version_2" })`) as an upgrade would.
 */
import Database from "better-sqlite3";
import type { Answers } from "@/lib/intake/precautions";
import { intakeSchema } from "@/lib/intake/schema";
import storedV2 from "../fixtures/stored-v2-summaries.json" with { type: "json" };
import { neuropathyIntake } from "./intake-fixtures";
import { applyMigrations } from "./migrations";

/** The therapist who made the version-1 reviews. */
export const V1_REVIEWER = { id: "u1", name: "Rae Evans" };

const fixture = (name: string) => {
  const found = storedV2.find((f) => f.name === name);
  if (!found) throw new Error(`No stored fixture "${name}"`);
  return found.answers as Answers;
};

/** What version 1 stored: the answers, the counts its rules gave, and a review where there was one. */
export const V1_ROWS = [
  { id: "v1plain", answers: fixture("the required answers only"), counts: [0, 0, 0] },
  {
    id: "v1diabetic",
    answers: fixture("diabetic neuropathy, with regions"),
    counts: [0, 1, 1],
    acknowledged: ["refer.neuropathy-cause", "avoid.wounds"],
  },
  {
    id: "v1cancer",
    answers: fixture("neuropathy of another cause, every region question, every follow-up"),
    counts: [0, 2, 4],
    acknowledged: [
      "refer.cancer-treatment",
      "refer.blood-pressure",
      "avoid.painful-touch",
      "avoid.varicose-veins",
      "avoid.insulin-sites",
      "avoid.client-request",
    ],
  },
  { id: "v1fever", answers: fixture("allergies without details, high blood pressure under control without medication"), counts: [1, 0, 0] },
  {
    // Version 1 raised nothing for a neuropathy of unknown cause without a doctor's advice;
    // version 2 refers it. Reviewed under version 1 with nothing to acknowledge.
    id: "v1unknown",
    answers: intakeSchema.parse(
      neuropathyIntake({ conditions: ["neuropathy"], neuropathyCauses: ["unknown"], symptoms: [], reducedFeeling: [], woundsOrBlisters: [] }),
    ) as Answers,
    counts: [0, 0, 0],
    acknowledged: [] as string[],
  },
];


export function buildVersion1Database(file: string): void {
  applyMigrations(file, { before: "rules_version_2" });
  const sqlite = new Database(file);
  // As the adapter writes DateTime columns.
  const now = new Date().toISOString().replace("Z", "+00:00");
  sqlite
    .prepare(`INSERT INTO "User" (id, name, email, emailVerified, disabled, createdAt, updatedAt) VALUES (?, ?, 'rae@clinic.example', 0, 0, ?, ?)`)
    .run(V1_REVIEWER.id, V1_REVIEWER.name, now, now);
  const insertIntake = sqlite.prepare(
    `INSERT INTO "Intake" (id, reference, idempotencyKey, status, fullName, fullNameSearch, email, appointmentDate, dateOfBirth,
       schemaVersion, answers, stopCount, referCount, avoidCount, flagged, precautionsVersion, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, 'client@example.com', '2026-12-01', '1958-04-12', 2, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const insertReview = sqlite.prepare(
    `INSERT INTO "Review" (id, intakeId, reviewerId, note, acknowledged, precautionsVersion, createdAt) VALUES (?, ?, ?, '', ?, 1, ?)`,
  );
  V1_ROWS.forEach((row, i) => {
    const [stop, refer, avoid] = row.counts as [number, number, number];
    const name = `Client ${row.id}`;
    insertIntake.run(
      row.id,
      `ABCD-${"EFGHJ"[i]}KMN`,
      `key-${row.id}`,
      row.acknowledged ? "reviewed" : "new",
      name,
      name.toLowerCase(),
      JSON.stringify(row.answers),
      stop,
      refer,
      avoid,
      stop + refer + avoid > 0 ? 1 : 0,
      now,
      now,
    );
    if (row.acknowledged) insertReview.run(`r-${row.id}`, row.id, V1_REVIEWER.id, JSON.stringify(row.acknowledged), now);
  });
  sqlite.close();
}
