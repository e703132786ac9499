import "server-only";
import { getDb } from "@/lib/db";

/** Whether the database answers a trivial query (for /api/health and load balancers). */
export async function databaseAnswers(): Promise<void> {
  await getDb().$queryRawUnsafe("SELECT 1");
}
