/**
 * Shared by the reliability proofs (and the benchmark): a production server on a SQLite file of
 * its own, and a load generator over keep-alive HTTP connections.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { databaseKindOf } from "@/lib/database-kind";
import { migratedPostgresDatabase } from "../helpers/pg-migrations";
import { productionServer } from "../helpers/production-server";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

/** The proofs run at full size with RELIABILITY_FULL=1 (npm run test:reliability), smaller otherwise. */
export const FULL = process.env.RELIABILITY_FULL === "1";

export type Server = {
  url: string;
  port: number;
  /** The server's database: a SQLite file's path, or a PostgreSQL database's URL. */
  database: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

/** The database the servers of these tests run on (TEST_DATABASE, set by `npm run test:pg`). */
export const onPostgres = process.env.TEST_DATABASE === "postgresql";

/** DATABASE_URL for a database as these helpers name it: a SQLite path, or a PostgreSQL URL. */
export const databaseUrlOf = (database: string) => (databaseKindOf(database) === "postgresql" ? database : `file:${database}`);

/**
 * A new, migrated database: a SQLite file (migrated by `prisma migrate deploy`, as a clinic would),
 * or a PostgreSQL database in the test server (its migrations applied directly: the CLI on
 * WebAssembly takes seconds per run, and tests/integration/postgresql.pg.test.ts proves the two
 * agree). Its path or URL.
 */
export async function freshDatabase(name: string): Promise<string> {
  if (onPostgres) return migratedPostgresDatabase(name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `intake-${name}-`));
  const databasePath = path.join(dir, "intake.db");
  execFileSync(bin("prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return databasePath;
}

/** Makes a therapist account in a database, as a clinic would: the CLI, the password on standard input. */
export function createTherapistWithCli(database: string, account: { email: string; name: string; password: string }) {
  execFileSync(bin("tsx"), ["--conditions=react-server", "lib/cli/therapist.ts", "create", "--email", account.email, "--name", account.name], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrlOf(database), LOG_LEVEL: "silent" },
    input: account.password,
    stdio: ["pipe", "ignore", "inherit"],
  });
}

/**
 * Starts the production server as `npm start` does (server.ts in front of the existing build; npm
 * test builds first) and waits until it answers.
 */
export async function startServer(database: string, port: number, env: Record<string, string> = {}): Promise<Server> {
  if (!fs.existsSync(path.join(root, ".next/server.mjs"))) throw new Error("No production build: run `npm run build` first.");
  let output = "";
  const server = productionServer({ port });
  const child = spawn(server.command, server.args, {
    cwd: root,
    env: {
      ...process.env,
      ...server.env,
      DATABASE_URL: databaseUrlOf(database),
      BETTER_AUTH_SECRET: "reliability-secret-reliability-secret-0000",
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      SUBMIT_RATE_LIMIT_PER_MINUTE: "100000000",
      // Therapists here sign in with a password alone (two-factor sign-in has its own browser test).
      REQUIRE_TWO_FACTOR: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited at start:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    database,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

export type Answer = { status: number; body: string; ms: number } | { status: 0; error: string; ms: number };

/** POSTs JSON over a pool of keep-alive connections. */
export function makeClient(base: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(base);
  return {
    post(pathname: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
      const started = performance.now();
      return new Promise((resolve) => {
        const request = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: pathname,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
          },
          (response) => {
            let data = "";
            response.setEncoding("utf8");
            response.on("data", (c: string) => (data += c));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: data, ms: performance.now() - started }));
            response.on("error", (e) => resolve({ status: 0, error: e.message, ms: performance.now() - started }));
          },
        );
        request.on("error", (e) => resolve({ status: 0, error: e.message, ms: performance.now() - started }));
        request.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

export type LoadResult = {
  requests: number;
  statuses: Record<string, number>;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  answers: Answer[];
  /** Requests sent again (retryConnectionErrors, retryStatuses); `statuses` counts the last answers. */
  retried: number;
};

/** Sends `total` requests from `connections` concurrent workers; `stopWhen` may end it early. */
export async function runLoad(options: {
  base: string;
  total: number;
  connections: number;
  request: (i: number) => { path: string; body: string; headers?: Record<string, string> };
  onAnswer?: (i: number, answer: Answer) => void;
  /** Send a request again (same body, same headers) when the connection failed, as a careful client would. */
  retryConnectionErrors?: boolean;
  /** Statuses to send again the same way too: a load balancer's 502 when the instance behind it died. */
  retryStatuses?: number[];
  /**
   * Open every connection, with one request each to this path, before the clock starts. Node 20's
   * libuv accepts one new connection per turn of the event loop, so 50 connections opened in the
   * same millisecond at a busy server wait up to 50 turns for their first answer: a measure of
   * connection bursts, not of the route (docs/decisions/013-submit-tail.md).
   */
  warmUp?: { path: string; body: string };
}): Promise<LoadResult> {
  const client = makeClient(options.base, options.connections);
  if (options.warmUp) {
    const { path: warmPath, body } = options.warmUp;
    await Promise.all(Array.from({ length: options.connections }, () => client.post(warmPath, body)));
  }
  const answers: Answer[] = new Array(options.total);
  let next = 0;
  let retried = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      for (let i = next++; i < options.total; i = next++) {
        const r = options.request(i);
        let answer = await client.post(r.path, r.body, r.headers);
        const again = (a: Answer) =>
          (options.retryConnectionErrors && a.status === 0) || (options.retryStatuses?.includes(a.status) ?? false);
        for (let retry = 0; again(answer) && retry < 300; retry++) {
          retried++;
          await new Promise((wait) => setTimeout(wait, 100));
          answer = await client.post(r.path, r.body, r.headers);
        }
        answers[i] = answer;
        options.onAnswer?.(i, answer);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.close();
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { requests: options.total, statuses, seconds, throughput: options.total / seconds, p50: pct(50), p99: pct(99), answers, retried };
}

export function printFigures(title: string, figures: Record<string, string | number>) {
  const lines = Object.entries(figures).map(([k, v]) => `  ${k}: ${typeof v === "number" ? Math.round(v * 100) / 100 : v}`);
  console.log(`\n${title}\n${lines.join("\n")}`);
}
