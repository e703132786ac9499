import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PAGE_SIZE,
  listIntakes,
  type IntakeFilters,
  type IntakeListItem,
  type PageCursor,
} from "@/lib/data/intakes";
import { newReference } from "@/lib/intake/reference";
import { createPrismaClient } from "@/lib/db";
import { testDatabaseKind, testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";
import { daysFromToday } from "../helpers/intake-fixtures";

const ROWS = 320;
const FIRST_NAMES = ["Ana", "Björn", "Chloé", "Dev", "Ewa", "Femi", "Gus", "Hana"];
const LAST_NAMES = ["Marsh", "Okafor", "Lindqvist", "Núñez", "Patel"];

// A client of its own, logging the SQL Prisma sends, so the query plans can be checked.
const queries: { query: string; params: string }[] = [];
const db = createPrismaClient(testDatabaseUrl, { onQuery: (e) => queries.push({ query: e.query, params: e.params }) });
const sql = sqlFor(testDatabaseUrl);

type Seeded = { id: string; reference: string; fullName: string; appointmentDate: string; status: string };
let seeded: Seeded[] = [];

beforeAll(async () => {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const fullName = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[i % LAST_NAMES.length]} ${i}`;
    return {
      id: `c${String(i).padStart(6, "0")}x${(i * 7919) % 1000}`,
      reference: newReference(),
      idempotencyKey: `key-${i}`,
      status: i % 3 === 0 ? "reviewed" : "new",
      fullName,
      fullNameSearch: fullName.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase(),
      email: `client${i}@example.com`,
      // Several intakes share each date, so the id breaks ties across page boundaries.
      appointmentDate: daysFromToday((i * 37) % 60),
      dateOfBirth: "1960-01-01",
      schemaVersion: 1,
      answers: {},
    };
  });
  await db.intake.createMany({ data: rows });
  seeded = rows.map(({ id, reference, fullName, appointmentDate, status }) => ({ id, reference, fullName, appointmentDate, status }));
});

afterAll(async () => {
  await sql.close();
  await db.$disconnect();
});

const byDateThenId = (a: { appointmentDate: string; id: string }, b: { appointmentDate: string; id: string }) =>
  a.appointmentDate.localeCompare(b.appointmentDate) || a.id.localeCompare(b.id);

async function allPages(filters: IntakeFilters) {
  const pages: IntakeListItem[][] = [];
  let cursor: PageCursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listIntakes(filters, cursor, db);
    pages.push(page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return pages;
}

describe("listIntakes", () => {
  it("pages through every intake once, soonest appointment first, 25 at a time", async () => {
    const pages = await allPages({});
    expect(pages).toHaveLength(Math.ceil(ROWS / PAGE_SIZE));
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(PAGE_SIZE);
    expect(pages.flat().map((r) => r.id)).toEqual([...seeded].sort(byDateThenId).map((r) => r.id));
  });

  it("goes back a page to exactly the page before", async () => {
    const first = await listIntakes({}, null, db);
    const second = await listIntakes({}, first.next, db);
    const third = await listIntakes({}, second.next, db);
    expect(first.previous).toBeNull();
    const back = await listIntakes({}, third.previous, db);
    expect(back.items.map((r) => r.id)).toEqual(second.items.map((r) => r.id));
    const backAgain = await listIntakes({}, back.previous, db);
    expect(backAgain.items.map((r) => r.id)).toEqual(first.items.map((r) => r.id));
    expect(backAgain.previous).toBeNull();
    expect(backAgain.next).not.toBeNull();
  });

  it("filters by status", async () => {
    const items = (await allPages({ status: "reviewed" })).flat();
    expect(items.length).toBe(seeded.filter((r) => r.status === "reviewed").length);
    expect(items.every((r) => r.status === "reviewed")).toBe(true);
  });

  it("filters by appointment date range, both ends included", async () => {
    const from = daysFromToday(10);
    const to = daysFromToday(12);
    const items = (await allPages({ from, to })).flat();
    const expected = seeded.filter((r) => r.appointmentDate >= from && r.appointmentDate <= to);
    expect(expected.length).toBeGreaterThan(0);
    expect(items.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it("finds a client by any part of the name, whatever the case or accents", async () => {
    const items = (await allPages({ search: "  NUNEZ " })).flat();
    expect(items.length).toBe(seeded.filter((r) => r.fullName.includes("Núñez")).length);
    expect(items.every((r) => r.fullName.includes("Núñez"))).toBe(true);
    const exact = (await allPages({ search: "chloé lindqvist 2" })).flat();
    expect(exact.map((r) => r.fullName)).toEqual(expect.arrayContaining(["Chloé Lindqvist 2"]));
  });

  it("finds an intake by its reference code", async () => {
    const target = seeded[123]!;
    // As a client might read it out: lower case, no dash.
    const typed = target.reference.toLowerCase().replace("-", " ");
    const items = (await allPages({ search: typed })).flat();
    expect(items.map((r) => r.id)).toEqual([target.id]);
  });

  // SQLite's query plans and its FTS5 name index. PostgreSQL's planner chooses by statistics, which
  // a few hundred rows do not represent: its list is measured at 100,000 intakes by `npm run bench`,
  // and postgresql.pg.test.ts checks only that the trigram index serves a name search.
  if (testDatabaseKind === "sqlite") {
    it("walks an index in order for every filter, never sorting in a temporary table", async () => {
      const plans: string[] = [];
      const cursor: PageCursor = { direction: "after", appointmentDate: daysFromToday(30), id: "c000100x0" };
      for (const filters of [{}, { status: "new" as const }, { from: daysFromToday(5), to: daysFromToday(40) }]) {
        for (const c of [null, cursor, { ...cursor, direction: "before" as const }]) {
          queries.length = 0;
          await listIntakes(filters, c, db);
          const q = queries.find((x) => x.query.includes('FROM `main`.`Intake`') || x.query.includes('FROM "main"."Intake"'));
          expect(q, "the list query was logged").toBeDefined();
          const plan = (await sql.rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${q!.query}`, ...JSON.parse(q!.params)));
          plans.push(plan.map((p) => p.detail).join(" | "));
          const detail = plans.at(-1)!;
          expect(detail).toMatch(/USING (COVERING )?INDEX Intake_(status_)?appointmentDate_id_idx/);
          expect(detail).not.toMatch(/TEMP B-TREE/);
          // From a cursor, the index is entered at the cursor (SEARCH on appointmentDate), not read
          // from its start: that is what keeps page 400 as cheap as page 1.
          if (c) expect(detail).toMatch(/SEARCH .*appointmentDate[<>]/);
        }
      }
    });

    it("finds a name through the trigram index, reading only the matching intakes", async () => {
      queries.length = 0;
      const items = (await listIntakes({ search: "lindqvist 27" }, null, db)).items;
      expect(items.map((r) => r.fullName).sort()).toEqual(seeded.filter((r) => r.fullName.includes("Lindqvist 27")).map((r) => r.fullName).sort());
      expect(queries.some((q) => q.query.includes("IntakeNameSearch") && q.query.includes("MATCH"))).toBe(true);
      const q = queries.find((x) => x.query.includes('FROM `main`.`Intake`') || x.query.includes('FROM "main"."Intake"'));
      const plan = ((await sql.rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${q!.query}`, ...JSON.parse(q!.params))))
        .map((p) => p.detail)
        .join(" | ");
      // Looked up by id, not a walk of the whole list checking every name.
      expect(plan).toMatch(/SEARCH (main\.)?Intake USING INDEX sqlite_autoindex_Intake_1 \(id=\?\)/);
      expect(plan).not.toMatch(/SCAN (main\.)?Intake/);
    });
  }

  it("reads a search as text, not as index query syntax, and still finds names shorter than the index's three letters", async () => {
    for (const typed of ['"', 'ana" OR "marsh', "ana*", "NEAR(ana marsh)", "^ana", "(", "ana AND"]) {
      const page = await listIntakes({ search: typed }, null, db);
      const expected = seeded.filter((r) => r.fullName.toLowerCase().includes(typed.toLowerCase()));
      expect(page.items.length, typed).toBe(Math.min(PAGE_SIZE, expected.length));
    }
    const short = (await allPages({ search: "ew" })).flat();
    expect(short.length).toBe(seeded.filter((r) => r.fullName.toLowerCase().includes("ew")).length);
    expect(short.length).toBeGreaterThan(0);
  });
  it("walks the list in order for a name found more than 500 times, and still finds every one", async () => {
    const common = Array.from({ length: 501 }, (_, i) => ({
      id: `m${String(i).padStart(6, "0")}`,
      reference: newReference(),
      idempotencyKey: `many-${i}`,
      fullName: `Many Samename ${i}`,
      fullNameSearch: `many samename ${i}`,
      email: `many${i}@example.com`,
      appointmentDate: daysFromToday(i % 60),
      dateOfBirth: "1960-01-01",
      schemaVersion: 1,
      answers: {},
    }));
    await db.intake.createMany({ data: common });
    try {
      queries.length = 0;
      const items = (await allPages({ search: "samename" })).flat();
      expect(items.map((r) => r.id).sort()).toEqual(common.map((r) => r.id).sort());
      // Past the id look-up's limit, the list query compares names itself instead of taking ids.
      const listed = queries.filter((x) => /[`"]fullNameSearch[`"](::text)? LIKE/.test(x.query));
      expect(listed.length).toBeGreaterThan(0);
    } finally {
      await db.intake.deleteMany({ where: { idempotencyKey: { startsWith: "many-" } } });
    }
  });
});

describe("the name index", () => {
  it("follows every intake stored, renamed or removed, whatever writes it", async () => {
    const { createIntake } = await import("@/lib/data/intakes");
    const { validIntake } = await import("../helpers/intake-fixtures");
    const { intakeSchema } = await import("@/lib/intake/schema");
    const answers = intakeSchema.parse(validIntake({ fullName: "Oona Vantongeren", signature: "Oona Vantongeren" }));
    const created = await createIntake(answers, "name-index-1", db);
    const find = async (search: string) => (await listIntakes({ search }, null, db)).items.map((r) => r.id);
    expect(await find("vantonger")).toEqual([created.id]);

    // Written outside the app, as a data fix would: the triggers keep the index in step.
    await db.$executeRaw`UPDATE "Intake" SET "fullName" = 'Oona Berglund', "fullNameSearch" = 'oona berglund' WHERE "id" = ${created.id}`;
    expect(await find("vantonger")).toEqual([]);
    expect(await find("berglund")).toEqual([created.id]);
    await db.$executeRaw`DELETE FROM "Intake" WHERE "id" = ${created.id}`;
    expect(await find("berglund")).toEqual([]);
    if (testDatabaseKind === "sqlite") {
      expect(await sql.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM "IntakeNameSearch" WHERE "intakeId" = ?`, created.id)).toEqual([{ n: 0 }]);
    }
  });
});
