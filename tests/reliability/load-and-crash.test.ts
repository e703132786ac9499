/**
 * Load and crash, against a production build on a real database (SQLite, or PostgreSQL under
 * `npm run test:pg`):
 *  - load: many API submissions over 100 concurrent connections: no 5xx, and the database holds
 *    exactly one row per 201 answer and no other;
 *  - crash: the server is killed with SIGKILL in the middle of the load and started again; every
 *    submission answered 201 is in the database, the app serves, and on SQLite (the file the
 *    killed process was writing) PRAGMA integrity_check says ok.
 * Full size (10,000 requests each) with `npm run test:reliability`; smaller within `npm test`.
 */
import { afterAll, describe, expect, it } from "vitest";
import { sqlFor } from "../helpers/test-sql";
import { FULL, freshDatabase, onPostgres, printFigures, runLoad, startServer, type Server } from "./harness";
import { intakeBody } from "../helpers/intake-fixtures";

const TOTAL = FULL ? 10_000 : 2_000;
const CONNECTIONS = 100;
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop("SIGKILL");
});

async function rowsOf(database: string) {
  const sql = sqlFor(database);
  try {
    const references = new Set((await sql.rows<{ reference: string }>(`SELECT "reference" FROM "Intake"`)).map((r) => r.reference));
    // PostgreSQL's own server was never killed; SQLite's file was being written by the killed process.
    const integrity = onPostgres ? "not applicable" : (await sql.rows<{ integrity_check: string }>("PRAGMA integrity_check"))[0]!.integrity_check;
    return { references, integrity };
  } finally {
    await sql.close();
  }
}

const referencesOf201 = (answers: { status: number; body?: string }[]) =>
  answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.body!) as { reference: string }).reference);

describe("under load", () => {
  it(`stores exactly one row per 201 for ${TOTAL} submissions over ${CONNECTIONS} connections`, async () => {
    const databasePath = await freshDatabase("load");
    const server = await startServer(databasePath, 3201);
    servers.push(server);
    const result = await runLoad({
      base: server.url,
      total: TOTAL,
      connections: CONNECTIONS,
      request: (i) => ({
        path: "/api/intakes",
        body: JSON.stringify(intakeBody(i, "Load")),
        headers: { "idempotency-key": `load-key-${i}` },
      }),
    });
    const fiveHundreds = Object.entries(result.statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
    const refs = referencesOf201(result.answers as { status: number; body?: string }[]);
    const stored = await rowsOf(databasePath);
    printFigures("Load proof", {
      requests: result.requests,
      connections: CONNECTIONS,
      statuses: JSON.stringify(result.statuses),
      "5xx": fiveHundreds,
      "rows stored": stored.references.size,
      "throughput (req/s)": result.throughput,
      "p50 (ms)": result.p50,
      "p99 (ms)": result.p99,
    });
    expect(fiveHundreds).toBe(0);
    expect(result.statuses["201"]).toBe(TOTAL);
    expect(stored.references.size).toBe(refs.length);
    expect([...stored.references].sort()).toEqual([...refs].sort());
  });
});

describe("a crash in the middle of the load", () => {
  it("loses no answered submission, keeps the database whole, and serves again", async () => {
    const databasePath = await freshDatabase("crash");
    const port = 3202;
    let server = await startServer(databasePath, port);
    servers.push(server);
    let answered = 0;
    let killedAt = -1;
    let restarted: Promise<void> | null = null;

    const result = await runLoad({
      base: server.url,
      total: TOTAL,
      connections: CONNECTIONS,
      retryConnectionErrors: true,
      request: (i) => ({
        path: "/api/intakes",
        body: JSON.stringify(intakeBody(i, "Crash")),
        headers: { "idempotency-key": `crash-key-${i}` },
      }),
      onAnswer: (_i, answer) => {
        if (answer.status === 201) answered++;
        if (answered === Math.floor(TOTAL / 3) && killedAt < 0) {
          killedAt = answered;
          const victim = server;
          restarted = (async () => {
            await victim.stop("SIGKILL");
            server = await startServer(databasePath, port);
            servers.push(server);
          })();
        }
      },
    });
    await restarted;

    const refs = referencesOf201(result.answers as { status: number; body?: string }[]);
    const stored = await rowsOf(databasePath);
    const missing = refs.filter((r) => !stored.references.has(r));
    const health = await fetch(`${server.url}/api/health`);
    const fiveHundreds = Object.entries(result.statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
    printFigures("Crash proof", {
      requests: result.requests,
      "killed (SIGKILL) after 201s": killedAt,
      statuses: JSON.stringify(result.statuses),
      "5xx": fiveHundreds,
      "201 answers": refs.length,
      "rows stored": stored.references.size,
      "answered but missing": missing.length,
      integrity_check: stored.integrity,
      "health after restart": health.status,
      "p99 (ms, including the restart)": result.p99,
    });
    expect(killedAt).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    // Retries reuse their Idempotency-Key, so even requests cut off by the kill are stored once.
    expect(stored.references.size).toBe(new Set(refs).size);
    if (!onPostgres) expect(stored.integrity).toBe("ok");
    expect(health.status).toBe(200);
    expect(fiveHundreds).toBe(0);
    expect(result.statuses["201"]).toBe(TOTAL);
  });
});
