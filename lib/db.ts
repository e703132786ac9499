import "server-only";
import { databaseKindOf, type DatabaseKind } from "@/lib/database-kind";
import { getEnv } from "@/lib/env";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient, type Prisma } from "@/lib/generated/sqlite/client";
import { createPgAdapter } from "@/lib/pg-adapter";
import type Database from "better-sqlite3";
import { committedToDisk, createAdapter, lockedTransaction, sqliteErrorKind, type AdapterFactory } from "@/lib/sqlite-adapter";

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
      // PostgreSQL's driver quotes them ("idempotencyKey"); SQLite's does not.
      if (key === "target" || key === "fields") for (const v of value) if (typeof v === "string") found.add(v.replace(/^"(.*)"$/, "$1"));
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

/**
 * An error of the statements run without Prisma (lib/sqlite-adapter.ts): better-sqlite3's own and
 * a failed flush carry a code; the adapter's (its lock) go as any query's.
 */
function fromSqlite(error: unknown): DatabaseError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? new DatabaseError(code, sqliteErrorKind(error), []) : toDatabaseError(error);
}

/**
 * Prisma's client for one database. The generated client is specific to its database, so there
 * are two (lib/generated/sqlite, lib/generated/postgresql), made from the one model; their query
 * API is the same, and the rest of the app is typed against the SQLite one. This is the only
 * place that chooses.
 */
function baseClient(
  kind: DatabaseKind,
  location: string,
  onQuery?: (event: Prisma.QueryEvent) => void,
): { client: PrismaClient; sqlite?: AdapterFactory } {
  const log = onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  const sqlite = kind === "sqlite" ? createAdapter(location) : undefined;
  const client = sqlite
    ? new PrismaClient({ adapter: sqlite, log })
    : (new PostgresClient({ adapter: createPgAdapter(location), log }) as unknown as PrismaClient);
  // Only the log options differ from a plain client's type.
  if (onQuery) (client as unknown as { $on(e: "query", f: typeof onQuery): void }).$on("query", onQuery);
  return { client, sqlite };
}

/**
 * A client for a SQLite file path (or `file:` URL) or a `postgresql://` URL. `onQuery` sees every
 * SQL statement sent (tests read query plans with it).
 */
export function createPrismaClient(location: string, { onQuery }: { onQuery?: (event: Prisma.QueryEvent) => void } = {}) {
  const kind = databaseKindOf(location) ?? "sqlite";
  const { client, sqlite } = baseClient(kind, kind === "sqlite" ? location.replace(/^file:/, "") : location, onQuery);
  return client.$extends({
    name: "errors-without-values",
    client: {
      /** Which database this client speaks to, for the few queries written in each one's SQL. */
      $databaseKind: () => kind,
      /**
       * SQLite only: `work` on the connection Prisma's queries run on, in a transaction of its own
       * taken behind the adapter's lock (lib/sqlite-adapter.ts), without Prisma's query compiler
       * and result mapping. For the one statement on the public path where those cost more than
       * the statement itself (lib/data/intakes/create.ts). `sql` is what `onQuery` is shown.
       */
      async $sqliteTransaction<T>(sql: string, work: (connection: Database.Database) => T): Promise<T> {
        if (!sqlite) throw new Error("$sqliteTransaction is for SQLite only");
        // Prisma opens the connection at its first query: this may be the first.
        if (!sqlite.opened()) await client.$connect();
        const adapter = sqlite.opened();
        if (!adapter) throw new DatabaseError(undefined, "ConnectionClosed", []);
        const started = Date.now();
        try {
          return await lockedTransaction(adapter, work);
        } catch (error) {
          throw fromSqlite(error);
        } finally {
          onQuery?.({ timestamp: new Date(started), query: sql, params: "[]", duration: Date.now() - started, target: "sqlite" });
        }
      },
      /**
       * Resolves once every commit made so far is on disk. Only $sqliteTransaction's commits can be
       * visible before (for a millisecond or two); wait for this before answering a client from a
       * row they may have made, such as a personal link's intake sent from another device.
       */
      async $committedToDisk(): Promise<void> {
        try {
          await committedToDisk(sqlite?.opened());
        } catch (error) {
          throw fromSqlite(error);
        }
      },
    },
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
  const { database } = getEnv();
  globalForPrisma.prisma ??= createPrismaClient(database.kind === "sqlite" ? database.path : database.url);
  return globalForPrisma.prisma;
}
