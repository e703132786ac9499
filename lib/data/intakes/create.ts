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
 * The one insert on the public path is written in SQL (through Prisma, on its connection; like
 * every query it runs inside whatever transaction is open on that connection, which is why the app
 * keeps transactions rare and short: the review's is the only one). `db.intake.create` cost about
 * 1.1 ms of work per intake beside 0.5 ms for the same INSERT through $executeRaw: the query
 * compiler and result mapping, measured on the submit benchmark (`npm run bench`), where submit was
 * under half the throughput of a route that only answers. Everything else stays with the client.
 */
export async function createIntake(
  input: IntakeInput,
  idempotencyKey: string,
  db: Db = getDb(),
  /** The appointment whose personal link it came through, and its client. */
  link: { appointmentId: string; clientId: string } | null = null,
): Promise<CreatedIntake> {
  // No look-up first: nearly every submission is new, so try the insert and let the unique index
  // report a repeat (one query instead of two on the common path).
  const counts = countByLevel(precautionsFor(input));
  const flagged = counts.stop + counts.refer + counts.avoid > 0;
  // The answers as JSON text: SQLite stores it as given, PostgreSQL must be told it is jsonb.
  const json = JSON.stringify(input);
  const answers = db.$databaseKind() === "postgresql" ? Prisma.sql`${json}::jsonb` : Prisma.sql`${json}`;
  for (let attempt = 1; ; attempt++) {
    const id = newIntakeId();
    const reference = newReference();
    // Given as a Date (and `flagged` as a boolean), the adapter writes them as it writes every
    // other row's, so dates stored here and by Prisma compare alike.
    const now = new Date();
    try {
      await db.$executeRaw`
        INSERT INTO "Intake" ("id", "reference", "idempotencyKey", "status", "fullName", "fullNameSearch", "email",
          "appointmentDate", "dateOfBirth", "schemaVersion", "answers", "stopCount", "referCount", "avoidCount", "flagged",
          "precautionsVersion", "clientId", "appointmentId", "createdAt", "updatedAt")
        VALUES (${id}, ${reference}, ${idempotencyKey}, 'new', ${input.fullName}, ${searchableName(input.fullName)},
          ${input.email}, ${input.appointmentDate}, ${input.dateOfBirth}, ${INTAKE_SCHEMA_VERSION}, ${answers},
          ${counts.stop}, ${counts.refer}, ${counts.avoid}, ${flagged}, ${PRECAUTION_RULES_VERSION},
          ${link?.clientId ?? null}, ${link?.appointmentId ?? null}, ${now}, ${now})`;
      return { id, reference, duplicate: false };
    } catch (error) {
      if (uniqueViolationOn(error, "idempotencyKey")) {
        // A repeat, or two requests with the same key raced and the other one won.
        const winner = await findByIdempotencyKey(idempotencyKey, db);
        if (winner) return { ...winner, duplicate: true };
      }
      if (link && uniqueViolationOn(error, "appointmentId")) {
        // The link's intake was sent already (another tab or device, with its own key): that one stands.
        const first = await db.intake.findUnique({ where: { appointmentId: link.appointmentId }, select: { id: true, reference: true } });
        if (first) return { ...first, duplicate: true };
      }
      if (uniqueViolationOn(error, "reference") && attempt < MAX_REFERENCE_TRIES) continue;
      throw error;
    }
  }
}

async function findByIdempotencyKey(idempotencyKey: string, db: Db) {
  return db.intake.findUnique({ where: { idempotencyKey }, select: { id: true, reference: true } });
}
