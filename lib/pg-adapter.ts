import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Kept apart from lib/db.ts because prisma.config.ts needs it before the client is generated.

/** pg's type ids: `name` (PostgreSQL's type for identifiers in its catalog) and `text`. */
export const NAME_TYPE_ID = 19;
const TEXT_TYPE_ID = 25;

type WithFields = { fields?: { dataTypeID: number }[] };

/** Marks `name` columns of a result (or of each result of a multi-statement query) as text. */
function nameAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as WithFields | undefined)?.fields ?? []) {
      if (field.dataTypeID === NAME_TYPE_ID) field.dataTypeID = TEXT_TYPE_ID;
    }
  }
  return result;
}

const PATCHED = Symbol("names read as text");

/** Patches a pooled client once: the pool hands the same client out again and again. */
function readNamesAsText(client: pg.PoolClient): pg.PoolClient {
  const marked = client as pg.PoolClient & { [PATCHED]?: true };
  if (marked[PATCHED]) return client;
  marked[PATCHED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const out = query(...args);
    return out instanceof Promise ? out.then(nameAsText) : out;
  };
  return client;
}

/**
 * A pg Pool whose results give `name` columns as text. @prisma/adapter-pg 6.19 has no mapping for
 * the `name` type, and Prisma's migration engine reads catalog columns of that type: without this,
 * `prisma migrate deploy` fails with "Column type 'name' could not be deserialized from the
 * database". Results of `query()` are rewritten, on the pool and on clients handed out by the
 * promise-style `connect()` (the adapter's transactions); callback-style `connect(cb)` is left as
 * pg wrote it. tests/integration/postgresql.pg.test.ts fails the day the adapter reads `name` on
 * its own, so this can go.
 */
export class NamesAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(nameAsText) : out) as never;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect(callback);
    return super.connect().then(readNamesAsText);
  }
}

/** How many connections each app instance keeps open to PostgreSQL. */
export const POOL_SIZE = 10;
/** How long a query waits for a connection (the server unreachable, the pool full) before it fails. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * The PostgreSQL adapter, on a pool that reads `name` columns as text. Its `executeScript` (what
 * `prisma migrate deploy` runs a migration with) splits the script at every ";", which breaks a
 * function body such as the audit trail's trigger; here the script goes to the server whole, as
 * one multi-statement query, which PostgreSQL also runs as one transaction.
 *
 * `$disconnect()` ends the pool: a client is not used again afterwards (the app keeps one for its
 * whole life; command-line tools disconnect as they exit).
 */
export function createPgAdapter(connectionString: string): PrismaPg {
  const pool = new NamesAsTextPool({ connectionString, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return adapter;
  };
  return factory;
}
