/**
 * A PostgreSQL server of our own for a while: a new cluster in a temporary folder, on a free port,
 * removed when stopped. Tests (`npm run test:pg`) and `npm run db:migration` (Prisma's CLI needs a
 * server to talk to, even to compare two schema files) use it; the app never does.
 *
 * Needs Debian's `postgresql` package (`apt-get install -y postgresql`); nothing else, and not the
 * system's own cluster. Run as root, the server runs as the `postgres` user, which PostgreSQL
 * requires.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type ThrowawayPostgres = {
  port: number;
  /** A connection URL to one of its databases (`postgres` unless named). */
  url: (database?: string) => string;
  /** Runs SQL on the `postgres` database with psql. */
  psql: (sql: string, database?: string) => string;
  stop: () => void;
};

const USER = "app";

/** The newest PostgreSQL installed from Debian: its programs (initdb, pg_ctl, pg_dump, pg_restore...). */
export function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql");
  return path.join(base, newest, "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  if (asRoot) {
    fs.chmodSync(dir, 0o700);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  let running = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      if (running) run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync"]);
    run(path.join(bin, "pg_ctl"), [
      "-D",
      data,
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "start",
    ]);
    running = true;
  } catch (error) {
    stop();
    throw error;
  }
  // Removed however this process ends: normally, or stopped by a signal (a CI timeout, Ctrl-C).
  process.once("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stop();
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
  return {
    port,
    url: (database = "postgres") => `postgresql://${USER}@127.0.0.1:${port}/${database}`,
    psql: (sql, database = "postgres") =>
      execFileSync(path.join(bin, "psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String(port), "-U", USER, "-d", database, "-c", sql], {
        encoding: "utf8",
      }),
    stop,
  };
}
