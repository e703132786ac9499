import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { createAdapter } from "@/lib/sqlite-adapter";

export function createPrismaClient(databasePath: string): PrismaClient {
  return new PrismaClient({ adapter: createAdapter(databasePath) });
}

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(getEnv().databasePath);
  return globalForPrisma.prisma;
}
