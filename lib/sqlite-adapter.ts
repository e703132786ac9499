import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Kept apart from lib/db.ts because prisma.config.ts needs it before the client is generated.

type AdapterFactory = PrismaBetterSQLite3;

/**
 * Settings applied to every connection. WAL lets the dashboard read while an intake is written;
 * synchronous=FULL makes each commit durable across power loss (WAL's usual NORMAL can lose the
 * last commits, which is not acceptable for health data); secure_delete zeroes what is deleted.
 */
export const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL;",
  "PRAGMA synchronous = FULL;",
  "PRAGMA foreign_keys = ON;",
  // Deleted rows (purged or erased client data) are overwritten with zeros, not left in free pages.
  "PRAGMA secure_delete = ON;",
].join("\n");

/** How long a writer waits for a lock held by another process before giving up, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

/** The better-sqlite3 adapter, with our pragmas run on each connection it opens. */
export function createAdapter(databasePath: string): AdapterFactory {
  // Health data: the folder and the file are its owner's alone (SQLite gives its WAL files the
  // database file's mode). A folder or file made earlier keeps its mode; start-up warns of it.
  fs.mkdirSync(path.dirname(databasePath), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(databasePath, "", { flag: "wx", mode: 0o600 });
  } catch {
    // It exists already: an empty file is a new database, so only a missing one is made here.
  }
  // better-sqlite3's `timeout` option is SQLite's busy timeout.
  const factory = new PrismaBetterSQLite3({ url: databasePath, timeout: BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  };
  return factory;
}
