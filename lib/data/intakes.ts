import { randomUUID } from "node:crypto";
import { type Prisma } from "@/lib/generated/prisma/client";
import { DatabaseError, getDb, type Db } from "@/lib/db";
import { newReference, parseReference } from "@/lib/intake/reference";
import { cleanSearchText } from "@/lib/intake/text";
import { PRECAUTION_RULES_VERSION, countByLevel, precautionsFor } from "@/lib/intake/precautions";
import { INTAKE_SCHEMA_VERSION, type IntakeInput } from "@/lib/intake/schema";

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

function uniqueViolationOn(error: unknown, field: string): boolean {
  // A model query reports P2002; a raw one P2010 with the driver's error kind. Both name the columns.
  if (!(error instanceof DatabaseError)) return false;
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
 * The one insert on the public path is written in SQL (through Prisma, on its connection, so it
 * queues behind any open transaction like every other query). `db.intake.create` cost about
 * 1.1 ms of work per intake beside 0.5 ms for the same INSERT through $executeRaw: the query
 * compiler and result mapping, measured on the submit benchmark (`npm run bench`), where submit was
 * under half the throughput of a route that only answers. Everything else stays with the client.
 */
export async function createIntake(
  input: IntakeInput,
  idempotencyKey: string,
  db: Db = getDb(),
): Promise<CreatedIntake> {
  // No look-up first: nearly every submission is new, so try the insert and let the unique index
  // report a repeat (one query instead of two on the common path).
  const counts = countByLevel(precautionsFor(input));
  const flagged = counts.stop + counts.refer + counts.avoid > 0;
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
          "precautionsVersion", "createdAt", "updatedAt")
        VALUES (${id}, ${reference}, ${idempotencyKey}, 'new', ${input.fullName}, ${searchableName(input.fullName)},
          ${input.email}, ${input.appointmentDate}, ${input.dateOfBirth}, ${INTAKE_SCHEMA_VERSION}, ${JSON.stringify(input)},
          ${counts.stop}, ${counts.refer}, ${counts.avoid}, ${flagged}, ${PRECAUTION_RULES_VERSION}, ${now}, ${now})`;
      return { id, reference, duplicate: false };
    } catch (error) {
      if (uniqueViolationOn(error, "idempotencyKey")) {
        // A repeat, or two requests with the same key raced and the other one won.
        const winner = await findByIdempotencyKey(idempotencyKey, db);
        if (winner) return { ...winner, duplicate: true };
      }
      if (uniqueViolationOn(error, "reference") && attempt < MAX_REFERENCE_TRIES) continue;
      throw error;
    }
  }
}

async function findByIdempotencyKey(idempotencyKey: string, db: Db) {
  return db.intake.findUnique({ where: { idempotencyKey }, select: { id: true, reference: true } });
}

// ---------------------------------------------------------------------------------------------
// The therapist's side

export const PAGE_SIZE = 25;

/** What identifies an intake on staff pages: shared by the list and the submission view. */
const SUMMARY_FIELDS = {
  id: true,
  reference: true,
  fullName: true,
  appointmentDate: true,
  createdAt: true,
  status: true,
} as const;

export const INTAKE_STATUSES = { new: "New", reviewed: "Reviewed" } as const;
export type IntakeStatus = keyof typeof INTAKE_STATUSES;

export type IntakeFilters = {
  status?: IntakeStatus;
  /** Appointment dates, inclusive, "YYYY-MM-DD". */
  from?: string;
  to?: string;
  /** A client's name (any part of it) or a reference code. */
  search?: string;
  /** Only intakes with a "do not massage", "refer" or "avoid" precaution. */
  flaggedOnly?: boolean;
};

/** Where a page starts: just after (or just before) a row, by appointment date then id. */
export type PageCursor = { direction: "after" | "before"; appointmentDate: string; id: string };

/** The fields of SUMMARY_FIELDS, as staff pages get them. */
export type IntakeSummary = {
  id: string;
  reference: string;
  fullName: string;
  appointmentDate: string;
  createdAt: Date;
  status: IntakeStatus;
};

export type IntakeListItem = IntakeSummary & {
  stopCount: number;
  referCount: number;
  avoidCount: number;
};

export type IntakePage = { items: IntakeListItem[]; next: PageCursor | null; previous: PageCursor | null };

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2})_([a-z0-9]{1,40})$/;

export function encodeCursor(cursor: Pick<PageCursor, "appointmentDate" | "id">): string {
  return `${cursor.appointmentDate}_${cursor.id}`;
}

export function decodeCursor(direction: PageCursor["direction"], value: string | undefined): PageCursor | null {
  const m = value ? CURSOR_RE.exec(value) : null;
  return m ? { direction, appointmentDate: m[1]!, id: m[2]! } : null;
}

/** Up to this many intakes whose name matches are fetched by id; see intakeIdsNamed. */
const NAME_MATCHES_BY_ID = 500;

/**
 * The ids of the intakes whose name contains `name`, from the trigram index (the IntakeNameSearch
 * table, kept by triggers on Intake: see the intake_name_search migration); null where walking the
 * list in order is the quicker way to a page. A name found a few times is a handful of index reads
 * instead of reading every intake; a name found more than NAME_MATCHES_BY_ID times fills a page
 * within the first few thousand rows of the ordered walk. The index needs at least three
 * characters; shorter searches always walk.
 */
async function intakeIdsNamed(name: string, db: Db): Promise<string[] | null> {
  if ([...name].length < 3) return null;
  // One FTS5 phrase, quotes doubled: the search is text, never query syntax.
  const phrase = `"${name.replaceAll('"', '""')}"`;
  const rows = await db.$queryRaw<{ intakeId: string }[]>`
    SELECT "intakeId" FROM "IntakeNameSearch" WHERE "IntakeNameSearch" MATCH ${phrase} LIMIT ${NAME_MATCHES_BY_ID + 1}`;
  return rows.length > NAME_MATCHES_BY_ID ? null : rows.map((r) => r.intakeId);
}

/**
 * One page of intakes, soonest appointment first. Pages are found by keyset (the row after the
 * last one shown), not by OFFSET, so page 400 costs what page 1 costs: each query walks the
 * (status,) appointmentDate, id index from the cursor and stops after 26 rows.
 */
export async function listIntakes(
  filters: IntakeFilters,
  cursor: PageCursor | null = null,
  db: Db = getDb(),
): Promise<IntakePage> {
  const and: Prisma.IntakeWhereInput[] = [];
  if (filters.status) and.push({ status: filters.status });
  if (filters.flaggedOnly) and.push({ flagged: true });
  if (filters.from) and.push({ appointmentDate: { gte: filters.from } });
  if (filters.to) and.push({ appointmentDate: { lte: filters.to } });
  const search = filters.search?.trim();
  if (search) {
    const reference = parseReference(search);
    const name = searchableName(search);
    const named = await intakeIdsNamed(name, db);
    const byName: Prisma.IntakeWhereInput = named ? { id: { in: named } } : { fullNameSearch: { contains: name } };
    and.push({ OR: [...(reference ? [{ reference }] : []), byName] });
  }
  const backwards = cursor?.direction === "before";
  if (cursor) {
    const op = backwards ? "lt" : "gt";
    and.push(
      // Redundant with the OR below, but it is what lets SQLite seek straight to the cursor in the
      // index instead of scanning from its start (it cannot seek on an OR).
      { appointmentDate: { [backwards ? "lte" : "gte"]: cursor.appointmentDate } },
      {
        OR: [
          { appointmentDate: { [op]: cursor.appointmentDate } },
          { appointmentDate: cursor.appointmentDate, id: { [op]: cursor.id } },
        ],
      },
    );
  }
  const order = backwards ? "desc" : "asc";
  const rows = await db.intake.findMany({
    where: { AND: and },
    orderBy: [{ appointmentDate: order }, { id: order }],
    take: PAGE_SIZE + 1,
    select: {
      ...SUMMARY_FIELDS,
      stopCount: true,
      referCount: true,
      avoidCount: true,
    },
  });
  const more = rows.length > PAGE_SIZE;
  const items = (more ? rows.slice(0, PAGE_SIZE) : rows).map((r) => ({ ...r, status: r.status as IntakeStatus }));
  if (backwards) items.reverse();

  const first = items[0];
  const last = items.at(-1);
  const at = (direction: PageCursor["direction"], row: IntakeListItem | undefined): PageCursor | null =>
    row ? { direction, appointmentDate: row.appointmentDate, id: row.id } : null;
  return {
    items,
    next: backwards ? at("after", last) : more ? at("after", last) : null,
    previous: backwards ? (more ? at("before", first) : null) : cursor ? at("before", first) : null,
  };
}

export async function countIntakes(db: Db = getDb()): Promise<number> {
  return db.intake.count();
}

export type IntakeForReview = IntakeSummary & {
  schemaVersion: number;
  answers: Partial<IntakeInput>;
  review: { note: string; createdAt: Date; reviewerName: string; acknowledged: string[]; precautionsVersion: number } | null;
};

export async function getIntakeForReview(id: string, db: Db = getDb()): Promise<IntakeForReview | null> {
  const row = await db.intake.findUnique({
    where: { id },
    select: {
      ...SUMMARY_FIELDS,
      schemaVersion: true,
      answers: true,
      review: {
        select: { note: true, createdAt: true, acknowledged: true, precautionsVersion: true, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!row) return null;
  const { review, answers, ...rest } = row;
  return {
    ...rest,
    status: rest.status as IntakeStatus,
    // Stored only after validation by intakeSchema (see createIntake).
    answers: (answers ?? {}) as Partial<IntakeInput>,
    review: review
      ? {
          note: review.note,
          createdAt: review.createdAt,
          reviewerName: review.reviewer.name,
          acknowledged: Array.isArray(review.acknowledged) ? review.acknowledged.map(String) : [],
          precautionsVersion: review.precautionsVersion,
        }
      : null,
  };
}

export type MarkReviewedResult = "reviewed" | "already-reviewed" | "not-found";

export type ReviewInput = {
  reviewerId: string;
  note: string;
  /** Ids of the precautions the reviewer acknowledged, and the rules version they came from. */
  acknowledged: string[];
  precautionsVersion: number;
};

/** Records who reviewed an intake, when, what they acknowledged and noted; an intake is reviewed once. */
export async function markIntakeReviewed(
  intakeId: string,
  review: ReviewInput,
  db: Db = getDb(),
): Promise<MarkReviewedResult> {
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.intake.updateMany({ where: { id: intakeId, status: "new" }, data: { status: "reviewed" } });
      if (updated.count === 0) {
        const exists = await tx.intake.findUnique({ where: { id: intakeId }, select: { id: true } });
        return exists ? "already-reviewed" : "not-found";
      }
      await tx.review.create({ data: { intakeId, ...review }, select: { id: true } });
      return "reviewed";
    });
  } catch (error) {
    if (uniqueViolationOn(error, "intakeId")) return "already-reviewed";
    throw error;
  }
}
