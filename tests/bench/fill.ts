import Database from "better-sqlite3";
import { countByLevel, precautionsFor, PRECAUTION_RULES_VERSION } from "@/lib/intake/precautions";
import { intakeSchema, INTAKE_SCHEMA_VERSION } from "@/lib/intake/schema";
import { intakeBody } from "../helpers/intake-fixtures";

const FIRST = ["Ana", "Björn", "Chloé", "Dev", "Ewa", "Femi", "Gus", "Hana", "Ivo", "June", "Kofi", "Lena"];
const LAST = ["Marsh", "Okafor", "Lindqvist", "Núñez", "Patel", "Schmidt", "Tanaka", "Walsh", "Yilmaz", "Zhou"];
/** One client whose name appears once: the search that has to look through everything. */
export const RARE_NAME = "Zelda Quinnell";
export const RARE_INDEX = 77_777;

/** Stores `count` intakes straight into a migrated SQLite file, as the app would have. */
export function fillIntakes(databasePath: string, count: number): void {
  const db = new Database(databasePath);
  const insert = db.prepare(`INSERT INTO Intake (id, reference, idempotencyKey, status, fullName, fullNameSearch, email,
    appointmentDate, dateOfBirth, schemaVersion, answers, stopCount, referCount, avoidCount, flagged, precautionsVersion,
    createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const name = i === RARE_INDEX % count ? RARE_NAME : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`;
      const body: Record<string, unknown> = { ...intakeBody(i, "Bench"), fullName: name, signature: name };
      // Appointments over the coming year, so the dashboard's default "from today" shows them all.
      body.appointmentDate = new Date(now + (1 + (i % 360)) * 86_400_000).toISOString().slice(0, 10);
      const answers = intakeSchema.parse(body);
      const counts = countByLevel(precautionsFor(answers));
      const at = new Date(now - i * 60_000).toISOString();
      insert.run(
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
        counts.stop + counts.refer + counts.avoid > 0 ? 1 : 0,
        PRECAUTION_RULES_VERSION,
        at,
        at,
      );
    }
  })();
  db.close();
}
