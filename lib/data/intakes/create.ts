import "server-only";
import { randomUUID } from "node:crypto";
import { DatabaseError, getDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";
import { PRECAUTION_RULES_VERSION, countByLevel, precautionsFor } from "@/lib/intake/precautions";
import { newReference } from "@/lib/intake/reference";
import { INTAKE_SCHEMA_VERSION, type IntakeInput } from "@/lib/intake/schema";
import { cleanSearchText } from "@/lib/intake/text";

/** Storing a submitted intake: the one write on the public path. */

export type CreatedIntake = { id: string; reference: string; duplicate: boolean };

const MAX_REFERENCE_TRIES = 5;

/**
 * Lower case, accents removed, spaces folded: what a name search compares against. Characters
 * that are not text are dropped first (stored names never have them; a search might).
 */
export function searchableName(name: string): string {
  return cleanSearchText(name)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function uniqueViolationOn(error: unknown, field: string): boolean {
  // A model query reports P2002; a raw one P2010 with the driver's error kind. Both name the columns.
  if (!DatabaseError.is(error)) return false;
  const unique = error.code === "P2002" || (error.code === "P2010" && error.kind === "UniqueConstraintViolation");
  return unique && error.fields.includes(field);
}

/** A v4 UUID without its dashes: 122 random bits, harder to guess than a cuid, and URL-safe. */
export function newIntakeId(): string {
  return randomUUID().replaceAll("-", "");
}

/**
 * Stores a validated intake once per idempotency key: a retried or double-clicked submit gets the
 * first submission's reference back and stores nothing new.
 *
 * The one insert on the public path is written in SQL (through Prisma, on its connection).
 * `db.intake.create` cost about 1.1 ms of work per intake beside 0.5 ms for the same INSERT through
 * $executeRaw: the query compiler and result mapping. The insert takes no unique key that is
 * already taken (ON CONFLICT DO NOTHING): a repeat is found by its idempotency key afterwards, so
 * no error has to be caught, and intakes arriving together can share one statement (below).
 */
export async function createIntake(
  input: IntakeInput,
  idempotencyKey: string,
  db: Db = getDb(),
  /** The appointment whose personal link it came through, and its client. */
  link: { appointmentId: string; clientId: string } | null = null,
): Promise<CreatedIntake> {
  const counts = countByLevel(precautionsFor(input));
  const flagged = counts.stop + counts.refer + counts.avoid > 0;
  // The answers as JSON text: SQLite stores it as given, PostgreSQL must be told it is jsonb.
  const json = JSON.stringify(input);
  const answers = db.$databaseKind() === "postgresql" ? Prisma.sql`${json}::jsonb` : Prisma.sql`${json}`;
  for (let attempt = 1; attempt <= MAX_REFERENCE_TRIES; attempt++) {
    const id = newIntakeId();
    const reference = newReference();
    // Given as a Date (and `flagged` as a boolean), the adapter writes them as it writes every
    // other row's, so dates stored here and by Prisma compare alike.
    const now = new Date();
    const row = Prisma.sql`(${id}, ${reference}, ${idempotencyKey}, 'new', ${input.fullName}, ${searchableName(input.fullName)},
        ${input.email}, ${input.appointmentDate}, ${input.dateOfBirth}, ${INTAKE_SCHEMA_VERSION}, ${answers},
        ${counts.stop}, ${counts.refer}, ${counts.avoid}, ${flagged}, ${PRECAUTION_RULES_VERSION},
        ${link?.clientId ?? null}, ${link?.appointmentId ?? null}, ${now}, ${now})`;
    if (await insertWithOthers(db, id, row)) return { id, reference, duplicate: false };
    // A unique key was taken. A repeat, or two requests with the same key raced and the other won:
    const winner = await findByIdempotencyKey(idempotencyKey, db);
    if (winner) return { ...winner, duplicate: true };
    // The link's intake was sent already (another tab or device, with its own key): that one stands.
    if (link) {
      const first = await db.intake.findUnique({ where: { appointmentId: link.appointmentId }, select: { id: true, reference: true } });
      if (first) return { ...first, duplicate: true };
    }
    // Otherwise the new reference (one in about a trillion) was taken: another one.
  }
  throw new Error(`No free reference code after ${MAX_REFERENCE_TRIES} tries`);
}

// ------------------------------------------------------------------ one statement for several intakes

type Waiting = { id: string; row: Prisma.Sql; done: (inserted: boolean) => void; failed: (error: unknown) => void };

/** Intakes waiting for the end of this turn of the event loop, per database client. */
const waiting = new WeakMap<Db, Waiting[]>();

/** At most this many rows in one INSERT (20 values each: far below either database's limit). */
const MAX_ROWS = 100;

/**
 * Inserts the row together with the others that arrived in the same turn of the event loop: one
 * INSERT of several rows, so one statement, one commit and one flush to disk (synchronous=FULL)
 * for all of them instead of one each. Under load, those flushes were a sixth of the server's
 * time (docs/decisions/013-submit-tail.md); alone, an intake waits for nothing but the end of the
 * current turn. True when the row was inserted, false when one of its unique keys was taken.
 */
function insertWithOthers(db: Db, id: string, row: Prisma.Sql): Promise<boolean> {
  return new Promise((done, failed) => {
    let queue = waiting.get(db);
    if (!queue) {
      queue = [];
      waiting.set(db, queue);
      setImmediate(() => void insertWaiting(db));
    }
    queue.push({ id, row, done, failed });
  });
}

async function insertWaiting(db: Db): Promise<void> {
  const all = waiting.get(db) ?? [];
  waiting.delete(db);
  for (let i = 0; i < all.length; i += MAX_ROWS) {
    const batch = all.slice(i, i + MAX_ROWS);
    try {
      const inserted = await insertRows(db, batch);
      for (const w of batch) w.done(inserted.has(w.id));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.failed(error);
        continue;
      }
      // The statement failed as a whole (a busy or failing database, not a taken key, which the
      // statement skips): each intake is tried on its own, so each caller gets its own answer.
      for (const w of batch) insertRows(db, [w]).then((ids) => w.done(ids.has(w.id)), w.failed);
    }
  }
}

/** One INSERT of the rows; a row with a unique key already taken is skipped. The ids inserted. */
async function insertRows(db: Db, rows: Waiting[]): Promise<Set<string>> {
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Intake" ("id", "reference", "idempotencyKey", "status", "fullName", "fullNameSearch", "email",
      "appointmentDate", "dateOfBirth", "schemaVersion", "answers", "stopCount", "referCount", "avoidCount", "flagged",
      "precautionsVersion", "clientId", "appointmentId", "createdAt", "updatedAt")
    VALUES ${Prisma.join(rows.map((r) => r.row))}
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((r) => r.id));
}

async function findByIdempotencyKey(idempotencyKey: string, db: Db) {
  return db.intake.findUnique({ where: { idempotencyKey }, select: { id: true, reference: true } });
}
