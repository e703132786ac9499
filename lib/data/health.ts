import "server-only";
import { getDb, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/sqlite/client";

/** Whether the database answers a trivial query (for /api/health and load balancers). */
export async function databaseAnswers(): Promise<void> {
  await getDb().$queryRawUnsafe("SELECT 1");
}

/** PostgreSQL's settings that make a commit survive a crash or power cut, and their durable value. */
const DURABLE_SETTINGS = { synchronous_commit: "on", fsync: "on", full_page_writes: "on" } as const;

/**
 * The durability settings this PostgreSQL server has turned off (empty when none, and always on
 * SQLite, whose connections set synchronous=FULL themselves). Checked when the server starts.
 */
export async function settingsNotDurable(db: Db = getDb()): Promise<string[]> {
  if (db.$databaseKind() !== "postgresql") return [];
  return notDurable(await db.$queryRaw<Setting[]>(DURABILITY_QUERY));
}

type Setting = { name: string; setting: string };
export const DURABILITY_QUERY = Prisma.sql`
  SELECT "name", "setting" FROM pg_settings WHERE "name" IN ('synchronous_commit', 'fsync', 'full_page_writes')`;

/** The settings among these rows of pg_settings that are not at their durable value, as "name=value". */
export function notDurable(rows: Setting[]): string[] {
  return rows.filter((r) => r.setting !== DURABLE_SETTINGS[r.name as keyof typeof DURABLE_SETTINGS]).map((r) => `${r.name}=${r.setting}`);
}
