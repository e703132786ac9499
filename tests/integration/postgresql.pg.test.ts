/**
 * What is PostgreSQL's alone (run by `npm run test:pg`): the adapter's gap the pool shim fills,
 * the migrations against the schema they must build, the hand-written parts of the first
 * migration (the append-only audit trail, the trigram name index).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { createPgAdapter } from "@/lib/pg-adapter";
import { newPostgresDatabase } from "../helpers/pg-migrations";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

const root = path.resolve(import.meta.dirname, "../..");
const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());

/** Tables, columns, indexes and constraints of a database, in a form two can be compared by. */
async function structure(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    // The trigram index is written by hand: the model cannot express it (checked below).
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
       AND indexname <> 'Intake_fullNameSearch_trgm_idx' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       AND conname NOT LIKE '_prisma_migrations%' ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL adapter", () => {
  it("cannot read a `name` column by itself, which is why NamesAsTextPool exists (remove it when this fails)", async () => {
    const plain = new PostgresClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl }) });
    try {
      await expect(plain.$queryRaw`SELECT current_user AS who`).rejects.toThrow(/name/);
    } finally {
      await plain.$disconnect();
    }
  });

  it("reads it through NamesAsTextPool, on the pool and in a transaction", async () => {
    const shimmed = new PostgresClient({ adapter: createPgAdapter(testDatabaseUrl) });
    try {
      expect(await shimmed.$queryRaw`SELECT current_user AS who`).toEqual([{ who: "app" }]);
      const inTransaction = await shimmed.$transaction(async (tx) => tx.$queryRaw`SELECT current_user AS who`);
      expect(inTransaction).toEqual([{ who: "app" }]);
    } finally {
      await shimmed.$disconnect();
    }
  });
});

describe("prisma/postgresql/migrations", () => {
  it("build exactly the database that prisma/postgresql/schema.prisma describes, through `prisma migrate deploy`", async () => {
    const migrated = await newPostgresDatabase("migrated");
    const fromSchema = await newPostgresDatabase("from_schema");
    const prisma = (args: string[], url: string) =>
      execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    prisma(["migrate", "deploy"], migrated);
    const script = prisma(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--script"], fromSchema);
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(script);
    await client.end();

    const a = await structure(migrated);
    expect(a.columns.some((c) => c.table_name === "Intake" && c.column_name === "answers" && c.data_type === "jsonb")).toBe(true);
    expect(a).toEqual(await structure(fromSchema));
    expect(prisma(["migrate", "status"], migrated)).toMatch(/Database schema is up to date/);
  });

  it("make the audit trail append-only", async () => {
    await sql.run(`INSERT INTO "AuditEvent" ("action") VALUES ('sign_in')`);
    await expect(sql.run(`UPDATE "AuditEvent" SET "action" = 'intake_view'`)).rejects.toThrow(/append-only/);
    await expect(sql.run(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(sql.run(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await sql.rows(`SELECT "action" FROM "AuditEvent"`)).toEqual([{ action: "sign_in" }]);
  });

  it("find any part of a name through the trigram index", async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      // The table is nearly empty here, so tell the planner to prefer an index, as it does at scale.
      await client.query("SET enable_seqscan = off");
      const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN SELECT "id" FROM "Intake" WHERE "fullNameSearch" LIKE '%ndqvi%'`);
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Intake_fullNameSearch_trgm_idx/);
    } finally {
      await client.end();
    }
  });
});
