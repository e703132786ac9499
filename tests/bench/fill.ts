import Database from "better-sqlite3";
import pg from "pg";
import { databaseKindOf } from "@/lib/database-kind";
import { countByLevel, precautionsFor, PRECAUTION_RULES_VERSION } from "@/lib/intake/precautions";
import { intakeSchema, INTAKE_SCHEMA_VERSION } from "@/lib/intake/schema";
import { intakeBody } from "../helpers/intake-fixtures";

const FIRST = ["Ana", "Björn", "Chloé", "Dev", "Ewa", "Femi", "Gus", "Hana", "Ivo", "June", "Kofi", "Lena"];
const LAST = ["Marsh", "Okafor", "Lindqvist", "Núñez", "Patel", "Schmidt", "Tanaka", "Walsh", "Yilmaz", "Zhou"];
/** One client whose name appears once: the search that has to look through everything. */
export const RARE_NAME = "Zelda Quinnell";
export const RARE_INDEX = 77_777;

const COLUMNS = [
  "id", "reference", "idempotencyKey", "status", "fullName", "fullNameSearch", "email", "appointmentDate", "dateOfBirth",
  "schemaVersion", "answers", "stopCount", "referCount", "avoidCount", "flagged", "precautionsVersion", "createdAt", "updatedAt",
] as const;

/** The i-th intake as the app would have stored it, in COLUMNS order. */
function row(i: number, count: number, now: number): unknown[] {
  const name = i === RARE_INDEX % count ? RARE_NAME : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`;
  const body: Record<string, unknown> = { ...intakeBody(i, "Bench"), fullName: name, signature: name };
  // Appointments over the coming year, so the dashboard's default "from today" shows them all.
  body.appointmentDate = new Date(now + (1 + (i % 360)) * 86_400_000).toISOString().slice(0, 10);
  const answers = intakeSchema.parse(body);
  const counts = countByLevel(precautionsFor(answers));
  const at = new Date(now - i * 60_000).toISOString();
  return [
    `b${i.toString(36).padStart(10, "0")}`,
    `B${i.toString(36).toUpperCase().padStart(7, "0")}`.replace(/^(.{4})/, "$1-"),
    `bench-${i}`,
    i % 3 === 0 ? "reviewed" : "new",
    name,
    name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase(),
    answers.email,
    answers.appointmentDate,
    answers.dateOfBirth,
    INTAKE_SCHEMA_VERSION,
    JSON.stringify(answers),
    counts.stop,
    counts.refer,
    counts.avoid,
    counts.stop + counts.refer + counts.avoid > 0,
    PRECAUTION_RULES_VERSION,
    at,
    at,
  ];
}

/** Stores `count` intakes straight into a migrated database (a SQLite path or a PostgreSQL URL), as the app would have. */
export async function fillIntakes(database: string, count: number): Promise<void> {
  const now = Date.now();
  if (databaseKindOf(database) === "postgresql") {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      const quoted = COLUMNS.map((c) => `"${c}"`).join(", ");
      const BATCH = 1_000;
      for (let start = 0; start < count; start += BATCH) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          const r = row(i, count, now);
          tuples.push(`(${r.map((_, k) => `$${values.length + k + 1}`).join(", ")})`);
          values.push(...r);
        }
        await client.query(`INSERT INTO "Intake" (${quoted}) VALUES ${tuples.join(", ")}`, values);
      }
      // Fresh statistics, as autovacuum would give a database that grew over months.
      await client.query(`ANALYZE "Intake"`);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(database);
  const insert = db.prepare(`INSERT INTO Intake (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(...row(i, count, now).map((v) => (typeof v === "boolean" ? Number(v) : v)));
  })();
  db.close();
}
