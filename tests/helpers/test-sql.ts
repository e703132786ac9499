/**
 * Reads (and, rarely, writes) the test database in SQL, beside the app, whichever database it is.
 * Write the SQL for both: identifiers in double quotes, `?` for each value, CAST(count(*) AS
 * INTEGER) for a count. A boolean is true or false on PostgreSQL and 1 or 0 on SQLite.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKindOf } from "@/lib/database-kind";

export type Sql = {
  rows: <T>(query: string, ...params: unknown[]) => Promise<T[]>;
  run: (query: string, ...params: unknown[]) => Promise<void>;
  close: () => Promise<void>;
};

/** For a SQLite path or a PostgreSQL URL (what test-database.ts exports as testDatabaseUrl). */
export function sqlFor(location: string): Sql {
  if (databaseKindOf(location) === "postgresql") {
    const pool = new pg.Pool({ connectionString: location, max: 2 });
    const numbered = (query: string) => {
      let n = 0;
      return query.replace(/\?/g, () => `$${++n}`);
    };
    // Without values pg sends the text as a simple query, which may hold several statements.
    const send = (query: string, params: unknown[]) => (params.length > 0 ? pool.query(numbered(query), params) : pool.query(query));
    return {
      rows: async <T>(query: string, ...params: unknown[]) => (await send(query, params)).rows as T[],
      run: async (query, ...params) => void (await send(query, params)),
      close: () => pool.end(),
    };
  }
  const db = new Database(location);
  return {
    rows: async <T>(query: string, ...params: unknown[]) => db.prepare(query).all(...(params as never[])) as T[],
    run: async (query, ...params) => void db.prepare(query).run(...(params as never[])),
    close: async () => void db.close(),
  };
}
