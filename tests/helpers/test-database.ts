/**
 * Integration tests run against a real database, a fresh one per test file, migrated with the
 * project's own migrations and named in DATABASE_URL before the app's modules read it: a SQLite
 * file (`npm test`), or a PostgreSQL database (`npm run test:pg`, which starts the server).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { applyMigrations } from "./migrations";
import { migratedPostgresDatabase } from "./pg-migrations";

/** Which database these tests run on. */
export const testDatabaseKind = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-test-"));
const sqlitePath = path.join(dir, "test.db");

/** What createPrismaClient takes: the SQLite file's path, or the PostgreSQL database's URL. */
export const testDatabaseUrl =
  testDatabaseKind === "postgresql" ? await migratedPostgresDatabase("integration") : (applyMigrations(sqlitePath), sqlitePath);

process.env.DATABASE_URL = testDatabaseKind === "postgresql" ? testDatabaseUrl : `file:${sqlitePath}`;
process.env.LOG_LEVEL = "silent";
// Tests submit many intakes from one address; the limit itself is tested over HTTP.
process.env.SUBMIT_RATE_LIMIT_PER_MINUTE = "100000";

const globalForPrisma = globalThis as unknown as { prisma?: { $disconnect(): Promise<void> } };
globalForPrisma.prisma = undefined;

afterAll(async () => {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});
