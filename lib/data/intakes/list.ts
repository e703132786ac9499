import "server-only";
import { type Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Db } from "@/lib/db";
import { parseReference } from "@/lib/intake/reference";
import { searchableName } from "./create";
import { SUMMARY_FIELDS, type IntakeStatus, type IntakeSummary } from "./summary";

/** The dashboard's list: filters, a name search, and pages found by keyset. */

export const PAGE_SIZE = 25;

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

export type IntakeListItem = IntakeSummary & {
  stopCount: number;
  referCount: number;
  avoidCount: number;
  /** Reviewed, but the rules changed since and raise items the review did not acknowledge. */
  rulesChanged: boolean;
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
  // PostgreSQL's trigram index (pg_trgm, see its init migration) serves the LIKE of `contains`
  // itself, so there the list is always walked with it.
  if (db.$databaseKind() === "postgresql") return null;
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
  const and = [...(await filterConditions(filters, db)), ...cursorConditions(cursor)];
  const backwards = cursor?.direction === "before";
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
      rulesChanged: true,
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

/** The dashboard's filters as conditions on Intake (the CSV export reads the same list). */
export async function filterConditions(filters: IntakeFilters, db: Db): Promise<Prisma.IntakeWhereInput[]> {
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
  return and;
}

/** The rows after (or before) a cursor, in the list's order: appointment date, then id. */
export function cursorConditions(cursor: PageCursor | null): Prisma.IntakeWhereInput[] {
  if (!cursor) return [];
  const backwards = cursor.direction === "before";
  const op = backwards ? "lt" : "gt";
  return [
    // Redundant with the OR below, but it is what lets SQLite seek straight to the cursor in the
    // index instead of scanning from its start (it cannot seek on an OR).
    { appointmentDate: { [backwards ? "lte" : "gte"]: cursor.appointmentDate } },
    {
      OR: [
        { appointmentDate: { [op]: cursor.appointmentDate } },
        { appointmentDate: cursor.appointmentDate, id: { [op]: cursor.id } },
      ],
    },
  ];
}

export async function countIntakes(db: Db = getDb()): Promise<number> {
  return db.intake.count();
}
