import "server-only";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { createAdapter } from "@/lib/sqlite-adapter";

/**
 * A database error as the rest of the app sees it: what went wrong (Prisma's code, the driver's
 * error kind, the columns of a unique key), never the message. Prisma's messages and the driver's
 * can quote the values of a query, which are what a client typed; thrown on, they would be
 * printed by whatever catches them last.
 */
export class DatabaseError extends Error {
  override name = "DatabaseError";
  constructor(
    readonly code: string | undefined,
    /** The driver's kind of error, e.g. "UniqueConstraintViolation". */
    readonly kind: string | undefined,
    /** For a unique-key clash: the columns of the key. */
    readonly fields: string[],
  ) {
    super(`Database error${code ? ` ${code}` : ""}${kind ? ` (${kind})` : ""}`);
  }

  /**
   * Whether an error is one of these. Not `instanceof`: Next bundles instrumentation.ts apart from
   * the routes, each with its own copy of this module, and the one Prisma client (kept on
   * globalThis) may have been made by either copy, so its errors can come from the other's class.
   */
  static is(error: unknown): error is DatabaseError {
    return error instanceof Error && error.name === "DatabaseError" && "fields" in error && Array.isArray(error.fields);
  }
}

function fieldsOf(meta: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key?: string) => {
    if (Array.isArray(value)) {
      // `target` (a model query) and `fields` (the driver's constraint) list column names.
      if (key === "target" || key === "fields") for (const v of value) if (typeof v === "string") found.add(v);
      for (const v of value) visit(v);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(meta);
  return [...found];
}

function driverKind(meta: Record<string, unknown>): string | undefined {
  const adapter = (meta.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause?.kind;
  return typeof adapter === "string" ? adapter : undefined;
}

/** Any error a query threw, as a DatabaseError that carries none of the query's values. */
export function toDatabaseError(error: unknown): DatabaseError {
  if (DatabaseError.is(error)) return error;
  const e = (error ?? {}) as { code?: unknown; meta?: unknown; cause?: { kind?: unknown } };
  const meta = e.meta && typeof e.meta === "object" ? (e.meta as Record<string, unknown>) : {};
  const kind = driverKind(meta) ?? (typeof e.cause?.kind === "string" ? e.cause.kind : undefined);
  return new DatabaseError(typeof e.code === "string" ? e.code : (error as Error)?.name, kind, fieldsOf(meta));
}

function baseClient(databasePath: string, onQuery?: (event: Prisma.QueryEvent) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter: createAdapter(databasePath) });
  const logging = new PrismaClient({ adapter: createAdapter(databasePath), log: [{ emit: "event", level: "query" }] });
  logging.$on("query", onQuery);
  // Only the log options differ from a plain client's type.
  return logging as unknown as PrismaClient;
}

/** `onQuery` sees every SQL statement sent (tests read query plans with it). */
export function createPrismaClient(databasePath: string, { onQuery }: { onQuery?: (event: Prisma.QueryEvent) => void } = {}) {
  return baseClient(databasePath, onQuery).$extends({
    name: "errors-without-values",
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw toDatabaseError(error);
        }
      },
    },
  });
}

/** The app's database client: Prisma, with errors that never quote a query's values. */
export type Db = ReturnType<typeof createPrismaClient>;

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: Db };

export function getDb(): Db {
  globalForPrisma.prisma ??= createPrismaClient(getEnv().databasePath);
  return globalForPrisma.prisma;
}
