import "server-only";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { getDb } from "@/lib/db";

/** Where better-auth keeps accounts and sessions: our database, through its Prisma adapter. */
export function authStore() {
  const db = getDb();
  return prismaAdapter(db, { provider: db.$databaseKind() });
}

/** Closes the database connection (command-line tools, when they are done). */
export async function closeDatabase(): Promise<void> {
  await getDb().$disconnect();
}
