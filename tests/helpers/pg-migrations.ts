/**
 * PostgreSQL databases for tests: each one new, in the throwaway server that `npm run test:pg`
 * starts (tests/run.ts), migrated with the project's own PostgreSQL migrations, as `prisma migrate
 * deploy` would (each migration.sql sent whole, as the app's adapter sends it).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/postgresql/migrations");

/** The server's URL, set by tests/run.ts when the tests run on PostgreSQL. */
export function testPostgresServer(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set: run the PostgreSQL tests with `npm run test:pg`.");
  return url;
}

/** A new, empty database on the test server; its URL. */
export async function newPostgresDatabase(label: string): Promise<string> {
  const server = testPostgresServer();
  const name = `${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Applies prisma/postgresql/migrations in order. */
export async function applyPgMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const dir of fs.readdirSync(MIGRATIONS).filter((d) => /^\d{14}_/.test(d)).sort()) {
      await client.query(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
  } finally {
    await client.end();
  }
}

/** A new database with every migration applied; its URL. */
export async function migratedPostgresDatabase(label: string): Promise<string> {
  const url = await newPostgresDatabase(label);
  await applyPgMigrations(url);
  return url;
}
