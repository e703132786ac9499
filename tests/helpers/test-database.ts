/**
 * Integration tests run against a real SQLite file: a fresh one per test file, migrated with the
 * project's own migrations, and named in DATABASE_URL before the app's modules read it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { applyMigrations } from "./migrations";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-test-"));
export const testDatabasePath = path.join(dir, "test.db");
applyMigrations(testDatabasePath);
process.env.DATABASE_URL = `file:${testDatabasePath}`;
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
