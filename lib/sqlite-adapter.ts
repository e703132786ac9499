import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

// Kept apart from lib/db.ts because prisma.config.ts needs it before the client is generated.

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * The adapter factory, and the connection it opened last (Prisma opens it at its first query), for
 * the one statement that runs on it without Prisma: see `lockedTransaction`.
 */
export type AdapterFactory = PrismaBetterSQLite3 & { opened: () => Adapter | undefined };

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
  const factory = new PrismaBetterSQLite3({ url: databasePath, timeout: BUSY_TIMEOUT_MS }) as AdapterFactory;
  const connect = factory.connect.bind(factory);
  let opened: Adapter | undefined;
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    opened = adapter;
    return adapter;
  };
  // A connection Prisma closed ($disconnect) is not handed out: its next query opens another.
  factory.opened = () => (opened && connectionOf(opened).open ? opened : undefined);
  return factory;
}

/**
 * A transaction on the adapter's connection, taken as Prisma takes one: behind the adapter's lock,
 * so it waits for a transaction of Prisma's in progress (a review) instead of running inside it,
 * and nothing of Prisma's runs inside it. `work` runs synchronously between BEGIN and COMMIT;
 * if it throws, the transaction is rolled back. The adapter's commit() and rollback() only release
 * the lock (Prisma sends COMMIT itself), so this sends its own.
 *
 * The commit is as durable as every other (synchronous=FULL: on disk before this resolves), but
 * its flush to disk does not hold the event loop: the COMMIT writes the WAL without flushing it
 * (synchronous=NORMAL for this one commit), and the WAL is then flushed with fsync, as SQLite
 * flushes it, in Node's thread pool. Under load, that flush held every other request for most of a
 * millisecond per commit (docs/decisions/015-wal-flush-off-the-event-loop.md). A connection not in
 * WAL mode commits with FULL, flush and all.
 */
export async function lockedTransaction<T>(adapter: Adapter, work: (connection: Database.Database) => T): Promise<T> {
  // The adapter's lock, and its BEGIN: ended at once, since the flush setting cannot change inside
  // a transaction. Nothing of Prisma's runs on the connection until the lock is released.
  const transaction = await adapter.startTransaction();
  const connection = connectionOf(transaction);
  let result: T;
  let disk: Disk;
  try {
    connection.prepare("COMMIT").run();
    disk = await diskOf(connection);
    if (disk.failed) throw flushFailed(disk.failed);
    if (disk.wal) connection.pragma("synchronous = NORMAL");
    try {
      connection.prepare("BEGIN IMMEDIATE").run();
      result = work(connection);
      connection.prepare("COMMIT").run();
    } catch (error) {
      if (connection.inTransaction) connection.prepare("ROLLBACK").run();
      throw error;
    } finally {
      if (disk.wal) connection.pragma("synchronous = FULL");
    }
  } finally {
    await transaction.commit();
  }
  if (disk.wal) {
    const before = disk.pending;
    const flushed = flush(disk, disk.wal);
    // Never rejects (a failure is kept in `failed`, and this commit's caller gets it).
    disk.pending = Promise.all([before, flushed]).then(
      () => undefined,
      () => undefined,
    );
    await flushed;
    // A commit is on disk only with every one before it (recovery stops at the first frame lost).
    await before;
    if (disk.failed) throw flushFailed(disk.failed);
  }
  return result;
}

/**
 * Resolves once every commit lockedTransaction made on the adapter's connection is on disk: for an
 * answer read back before its commit's flush ended (a second send of a personal link answered with
 * the first one's reference). Rejects if a flush failed.
 */
export async function committedToDisk(adapter: Adapter | undefined): Promise<void> {
  const disk = adapter && disks.get(connectionOf(adapter));
  if (!disk) return;
  await disk.pending;
  if (disk.failed) throw flushFailed(disk.failed);
}

/**
 * Per connection: its WAL, open for flushing (null when not in WAL mode, or when it could not be
 * opened: then commits flush themselves, with FULL), the flushes under way, and the error of a
 * flush that failed.
 */
type Disk = { wal: fs.promises.FileHandle | null; pending: Promise<void>; failed: string | null };
const disks = new WeakMap<Database.Database, Disk>();
/** A WAL's descriptor is closed when its connection is gone (Prisma reconnects with a new one). */
const closeWhenGone = new FinalizationRegistry<fs.promises.FileHandle>((wal) => void wal.close().catch(() => undefined));

/**
 * The WAL is opened once per connection, before its first commit without a flush, and kept open:
 * the kernel reports a failed write-back once to each descriptor open when it happened, so a
 * descriptor opened later (after SQLite's own flush was told) could report success for pages it
 * lost. Opened for writing, as Windows needs to flush; nothing is written. The database file
 * itself is never opened here: closing a descriptor of it would drop SQLite's locks on it.
 */
async function diskOf(connection: Database.Database): Promise<Disk> {
  let disk = disks.get(connection);
  if (!disk) {
    // A read makes SQLite open its WAL (creating the file if need be), as the first query would.
    connection.prepare("SELECT count(*) FROM sqlite_schema").pluck().get();
    // The file SQLite opened, symbolic links resolved: its WAL is beside it.
    const main = (connection.pragma("database_list") as { name: string; file: string }[]).find((d) => d.name === "main");
    const inWal = connection.pragma("journal_mode", { simple: true }) === "wal";
    const wal = inWal && main?.file ? await fs.promises.open(`${main.file}-wal`, "r+").catch(() => null) : null;
    if (wal) closeWhenGone.register(connection, wal);
    disk = { wal, pending: Promise.resolve(), failed: null };
    disks.set(connection, disk);
  }
  return disk;
}

/**
 * Flushes the WAL to disk (fsync, as SQLite flushes it). After a failed flush nothing more is
 * committed this way on that connection, and nothing read back from it is said to be on disk: the
 * failed commit is visible to readers, and a later flush may not report what the kernel already
 * gave up on (PostgreSQL stops for the same reason). The server must be restarted once the disk is
 * checked.
 */
async function flush(disk: Disk, wal: fs.promises.FileHandle): Promise<void> {
  try {
    await wal.sync();
  } catch (error) {
    disk.failed = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw flushFailed(disk.failed);
  }
}

/** The error a commit gets when its flush (or one before it) failed; `code` is the flush's errno. */
function flushFailed(errno: string): Error {
  return Object.assign(new Error("The database's write-ahead log could not be flushed to disk: check the disk, then restart the server"), {
    name: "WalFlushError",
    code: errno,
  });
}

/** The better-sqlite3 connection an adapter (or its transaction) runs on: a public field, not in its type. */
function connectionOf(queryable: object): Database.Database {
  return (queryable as { client: Database.Database }).client;
}

/** A better-sqlite3 error's kind, named as Prisma's adapter names it (e.g. "UniqueConstraintViolation"). */
export function sqliteErrorKind(error: unknown): string | undefined {
  if ((error as Error | null)?.name === "WalFlushError") return "FlushFailed";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "UniqueConstraintViolation";
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "ForeignKeyConstraintViolation";
  if (code === "SQLITE_CONSTRAINT_NOTNULL") return "NullConstraintViolation";
  if (code.startsWith("SQLITE_CONSTRAINT")) return "ConstraintViolation";
  return code;
}
