import "server-only";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
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
 * The one insert on the public path is written in SQL, on Prisma's connection. `db.intake.create`
 * cost about 1.1 ms of work per intake beside 0.5 ms for the same INSERT through $executeRaw: the
 * query compiler and result mapping; on SQLite the statement skips Prisma altogether (insertRows).
 * The insert takes no unique key that is already taken (ON CONFLICT DO NOTHING): a repeat is found
 * by its idempotency key afterwards, so no error has to be caught, and intakes arriving together
 * can share one statement (below).
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
  for (let attempt = 1; attempt <= MAX_REFERENCE_TRIES; attempt++) {
    const id = newIntakeId();
    const reference = newReference();
    // Given as a Date (and `flagged` as a boolean), each database's path writes them as Prisma
    // writes every other row's, so dates stored here and by Prisma compare alike.
    const now = new Date();
    const row: RowValues = [id, reference, idempotencyKey, "new", input.fullName, searchableName(input.fullName),
      input.email, input.appointmentDate, input.dateOfBirth, INTAKE_SCHEMA_VERSION, json,
      counts.stop, counts.refer, counts.avoid, flagged, PRECAUTION_RULES_VERSION,
      link?.clientId ?? null, link?.appointmentId ?? null, now, now];
    if (await insertWithOthers(db, id, idempotencyKey, row)) return { id, reference, duplicate: false };
    // A unique key was taken. A repeat, or two requests with the same key raced and the other won
    // (its answer, like the first's, only once that one is on disk):
    const winner = await findByIdempotencyKey(idempotencyKey, db);
    if (winner) return db.$committedToDisk().then(() => ({ ...winner, duplicate: true }));
    // The link's intake was sent already (another tab or device, with its own key): that one stands.
    if (link) {
      const first = await db.intake.findUnique({ where: { appointmentId: link.appointmentId }, select: { id: true, reference: true } });
      if (first) return db.$committedToDisk().then(() => ({ ...first, duplicate: true }));
    }
    // Otherwise the new reference (one in about a trillion) was taken: another one.
  }
  throw new Error(`The intake was not stored: a unique key stayed taken after ${MAX_REFERENCE_TRIES} tries (reference, or the link's appointment)`);
}

// ------------------------------------------------------------------ one statement for several intakes

/** The columns an intake is inserted with, and its values in that order. */
const COLUMNS = ["id", "reference", "idempotencyKey", "status", "fullName", "fullNameSearch", "email",
  "appointmentDate", "dateOfBirth", "schemaVersion", "answers", "stopCount", "referCount", "avoidCount", "flagged",
  "precautionsVersion", "clientId", "appointmentId", "createdAt", "updatedAt"] as const;
type RowValues = (string | number | boolean | Date | null)[];
const ANSWERS = COLUMNS.indexOf("answers");

type Waiting = { id: string; key: string; row: RowValues; done: (inserted: boolean) => void; failed: (error: unknown) => void };

/** Intakes waiting for the end of this turn of the event loop, per database client. */
const waiting = new WeakMap<Db, Waiting[]>();
/** The statements of one client run one after another (see insertWaiting). */
const running = new WeakMap<Db, Promise<void>>();

/** At most this many rows in one INSERT (20 values each: far below either database's limit). */
const MAX_ROWS = 100;

/**
 * Inserts the row together with the others that arrived in the same turn of the event loop: one
 * INSERT of several rows, so one statement, one commit and one flush to disk (synchronous=FULL)
 * for all of them instead of one each. Under load, those flushes were a sixth of the server's
 * time (docs/decisions/013-submit-tail.md); alone, an intake waits for nothing but the end of the
 * current turn. True when the row was inserted, false when one of its unique keys was taken.
 */
function insertWithOthers(db: Db, id: string, key: string, row: RowValues): Promise<boolean> {
  return new Promise((done, failed) => {
    let queue = waiting.get(db);
    if (!queue) {
      queue = [];
      waiting.set(db, queue);
      setImmediate(() => {
        // After the statement before, if one is still running (PostgreSQL): two statements at once
        // could each hold a key the other waits for. Meanwhile the next turns' intakes gather.
        const next = (running.get(db) ?? Promise.resolve()).then(() => insertWaiting(db));
        running.set(db, next);
      });
    }
    queue.push({ id, key, row, done, failed });
  });
}

async function insertWaiting(db: Db): Promise<void> {
  // In one order of keys, so two instances' statements on PostgreSQL take their locks alike.
  const all = (waiting.get(db) ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  waiting.delete(db);
  for (let i = 0; i < all.length; i += MAX_ROWS) {
    const batch = all.slice(i, i + MAX_ROWS);
    try {
      const inserted = await insertRows(db, batch);
      for (const w of batch) w.done(inserted.has(w.id));
    } catch (error) {
      if (batch.length === 1 || !isRowError(error)) {
        for (const w of batch) w.failed(error);
        continue;
      }
      // One row broke a rule the statement does not skip (a link whose appointment is gone): each
      // intake is tried on its own, so that one fails and the others are stored.
      for (const w of batch) {
        try {
          const ids = await insertRows(db, [w]);
          w.done(ids.has(w.id));
        } catch (own) {
          w.failed(own);
        }
      }
    }
  }
}

/** An error of the rows given (a foreign key, a missing value), not of the database. */
function isRowError(error: unknown): boolean {
  return DatabaseError.is(error) && /Constraint|Violation/.test(error.kind ?? "");
}

/** One INSERT of the rows; a row with a unique key already taken is skipped. The ids inserted. */
async function insertRows(db: Db, rows: Waiting[]): Promise<Set<string>> {
  if (db.$databaseKind() === "sqlite") {
    // On SQLite every query shares one connection, and only a transaction takes its lock: inside one,
    // the insert waits for a transaction in progress (a review) instead of running inside it, where
    // its rows would be answered before they are committed. The statement runs without Prisma,
    // prepared once per number of rows: through Prisma its query compiler, argument and result
    // mapping cost more than the statement itself, and its commit is flushed to disk off the event
    // loop (docs/decisions/015-wal-flush-off-the-event-loop.md).
    return db.$sqliteTransaction(insertSql(rows.length), (connection) => {
      const ids = statementFor(connection, rows.length).all(rows.flatMap((r) => r.row.map(sqliteValue))) as string[][];
      return new Set(ids.map(([id]) => id!));
    });
  }
  // PostgreSQL: the answers as jsonb; one statement of an instance at a time (insertWithOthers).
  const values = rows.map((r) => Prisma.sql`(${Prisma.join(r.row.map((v, i) => (i === ANSWERS ? Prisma.sql`${v}::jsonb` : v)))})`);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Intake" (${Prisma.raw(COLUMNS.map((c) => `"${c}"`).join(", "))})
    VALUES ${Prisma.join(values)}
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((r) => r.id));
}

function insertSql(rowCount: number): string {
  const row = `(${COLUMNS.map(() => "?").join(", ")})`;
  return `INSERT INTO "Intake" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array(rowCount).fill(row).join(", ")} ON CONFLICT DO NOTHING RETURNING "id"`;
}

/** Prepared statements per connection and number of rows (at most MAX_ROWS of them). */
const statements = new WeakMap<Database.Database, Map<number, Database.Statement>>();

function statementFor(connection: Database.Database, rowCount: number): Database.Statement {
  let byCount = statements.get(connection);
  if (!byCount) statements.set(connection, (byCount = new Map()));
  let statement = byCount.get(rowCount);
  if (!statement) byCount.set(rowCount, (statement = connection.prepare(insertSql(rowCount)).raw(true)));
  return statement;
}

/** A value as Prisma's SQLite adapter writes it: dates as ISO 8601 text with +00:00, booleans as 0 or 1. */
function sqliteValue(value: RowValues[number]): string | number | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

async function findByIdempotencyKey(idempotencyKey: string, db: Db) {
  return db.intake.findUnique({ where: { idempotencyKey }, select: { id: true, reference: true } });
}
