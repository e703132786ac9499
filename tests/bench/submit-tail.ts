/**
 * `npm run bench:tail`: where the submit route's slowest answers come from. Starts the production
 * build (run `npm run build` first) on a database of 100,000 intakes, with the Node options `npm
 * start` uses, and loads the do-nothing route and then the submit route at 50 connections, as
 * `npm run bench` does. Meanwhile it records:
 *   - every garbage collection's pause and the event loop's delay, as the server saw them
 *     (lib/bench-stats.ts, read through GET /api/baseline with BENCHMARK=1);
 *   - each time SQLite restarted its write-ahead log after a checkpoint (the WAL header's
 *     checkpoint sequence number, read every 5 ms);
 *   - each request's start and end.
 * Then, for the requests at or past the 99th percentile, what overlapped them.
 *
 *   npm run bench:tail                          the server as `npm start` runs it
 *   npm run bench:tail -- --node-options "--max-old-space-size=160 --max-semi-space-size=32"
 *   npm run bench:tail -- --intakes 1000 --rounds 3
 *   npm run bench:tail -- --cold                 connections opened inside the measured run
 *
 * Writes bench-results/submit-tail-<time>.json.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BenchStats, GcPause } from "@/lib/bench-stats";
import { intakeBody } from "../helpers/intake-fixtures";
import { createTherapistWithCli, freshDatabase, runLoad, startServer, type Server } from "../reliability/harness";
import { fillIntakes } from "./fill";

const root = path.resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    "node-options": { type: "string", default: process.env.BENCH_SERVER_NODE_OPTIONS ?? "--max-old-space-size=160" },
    intakes: { type: "string", default: "100000" },
    rounds: { type: "string", default: "1" },
    requests: { type: "string", default: "3000" },
    // Open the 50 connections inside the measured run, as the benchmark did before it warmed them.
    cold: { type: "boolean", default: false },
  },
});
const COUNT = Number(args.intakes);
const TOTAL = Number(args.requests);
const COLD = args.cold === true;

type Timed = { start: number; end: number; ms: number; status: number };

/** The checkpoint sequence number in the WAL's header (bytes 12-15): it changes when the log restarts. */
function walSequence(walPath: string): number | null {
  try {
    const fd = fs.openSync(walPath, "r");
    const header = Buffer.alloc(16);
    const read = fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    return read === 16 ? header.readUInt32BE(12) : null;
  } catch {
    return null;
  }
}

function watchWal(walPath: string) {
  const restarts: number[] = [];
  let last = walSequence(walPath);
  const timer = setInterval(() => {
    const now = walSequence(walPath);
    if (now !== null && last !== null && now !== last) restarts.push(Date.now());
    if (now !== null) last = now;
  }, 5);
  return { stop: () => (clearInterval(timer), restarts) };
}

async function serverStats(server: Server): Promise<BenchStats> {
  const response = await fetch(`${server.url}/api/baseline`);
  if (!response.ok) throw new Error(`GET /api/baseline answered ${response.status}: is this a BENCHMARK=1 server?`);
  return (await response.json()) as BenchStats;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(server: Server, route: string, tag: string) {
  const bodies = Array.from({ length: TOTAL }, (_, i) => JSON.stringify(intakeBody(i, tag)));
  await serverStats(server); // start the server's counts afresh
  const wal = watchWal(`${server.database}-wal`);
  const timed: Timed[] = new Array(TOTAL);
  const started = Date.now();
  const load = await runLoad({
    base: server.url,
    total: TOTAL,
    connections: 50,
    request: (i) => ({ path: route, body: bodies[i]!, headers: { "idempotency-key": `${tag}-key-${i}` } }),
    ...(COLD ? {} : { warmUp: { path: "/api/baseline", body: "{}" } }),
    onAnswer: (i, answer) => {
      const end = Date.now();
      timed[i] = { start: end - answer.ms, end, ms: answer.ms, status: answer.status };
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const walRestarts = wal.stop();
  const stats = await serverStats(server);
  if (load.statuses["201"] !== TOTAL) {
    const refused = load.answers.find((a) => a.status !== 201);
    throw new Error(`unexpected answers: ${JSON.stringify(load.statuses)}; one of them: ${refused && "body" in refused ? refused.body.slice(0, 300) : ""}`);
  }
  return { route, load, timed, seconds, walRestarts, stats, started };
}

type Measured = Awaited<ReturnType<typeof measure>>;

function explain(m: Measured) {
  const latencies = m.timed.map((t) => t.ms).sort((a, b) => a - b);
  const p99 = pct(latencies, 99);
  const slow = m.timed.filter((t) => t.ms >= p99);
  const overlaps = (t: Timed, from: number, to: number) => from < t.end && to > t.start;
  const pauseIn = (t: Timed, pauses: GcPause[]) => pauses.filter((g) => overlaps(t, g.at, g.at + g.ms)).reduce((sum, g) => sum + g.ms, 0);
  const major = m.stats.gc.filter((g) => g.kind === "major" || g.kind === "incremental");
  const byKind: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  for (const g of m.stats.gc) {
    const k = (byKind[g.kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    k.count++;
    k.totalMs = round(k.totalMs + g.ms);
    k.maxMs = round(Math.max(k.maxMs, g.ms));
  }
  const gcTotal = m.stats.gc.reduce((s, g) => s + g.ms, 0);
  return {
    route: m.route,
    throughput: round(TOTAL / m.seconds),
    p50Ms: round(pct(latencies, 50)),
    p99Ms: round(p99),
    maxMs: round(latencies.at(-1) ?? 0),
    gc: byKind,
    gcShareOfRun: `${round((100 * gcTotal) / (m.seconds * 1000))} %`,
    eventLoopDelayMs: m.stats.eventLoopDelayMs,
    serverRssMbAfter: m.stats.rssMb,
    walRestarts: m.walRestarts.length,
    slowest1Percent: {
      requests: slow.length,
      withAMajorGc: slow.filter((t) => major.some((g) => overlaps(t, g.at, g.at + g.ms))).length,
      meanGcPauseInsideMs: round(slow.reduce((s, t) => s + pauseIn(t, m.stats.gc), 0) / Math.max(1, slow.length)),
      withAWalRestart: slow.filter((t) => m.walRestarts.some((at) => at >= t.start && at <= t.end)).length,
    },
    allRequests: {
      meanGcPauseInsideMs: round(m.timed.reduce((s, t) => s + pauseIn(t, m.stats.gc), 0) / m.timed.length),
      // The same overlaps for every request, so the slowest ones' figures have something to be compared with.
      withAMajorGc: m.timed.filter((t) => major.some((g) => overlaps(t, g.at, g.at + g.ms))).length,
      withAWalRestart: m.timed.filter((t) => m.walRestarts.some((at) => at >= t.start && at <= t.end)).length,
      overOneSecond: m.timed.filter((t) => t.ms > 1000).length,
    },
    /** The ten slowest: when they started (ms into the run), how long they took, their place among the connection's requests. */
    slowest: [...m.timed]
      .map((t, i) => ({ ...t, i }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((t) => ({ startedAtMs: Math.round(t.start - m.started), ms: round(t.ms), request: t.i })),
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next/server.mjs"))) throw new Error("No production build: run `npm run build` first.");
  console.log(`[tail] filling a database with ${COUNT.toLocaleString("en")} intakes...`);
  const database = await freshDatabase(`tail-${COUNT}`);
  await fillIntakes(database, COUNT);
  createTherapistWithCli(database, { email: "tail@clinic.example", name: "Tail Bench", password: "tail-bench-password-long" });
  const server = await startServer(database, 3310, { BENCHMARK: "1", LOG_LEVEL: "warn", NODE_OPTIONS: args["node-options"]! });
  const rounds: ReturnType<typeof explain>[][] = [];
  try {
    for (let r = 0; r < Number(args.rounds); r++) {
      console.log(`[tail] round ${r + 1}: baseline, then submit, ${TOTAL} requests each at 50 connections...`);
      // Names are letters only (a name with digits is not a name to the schema): one letter per round.
      const round = String.fromCharCode(65 + r);
      await measure(server, "/api/baseline", `Warm${round}`);
      const baseline = explain(await measure(server, "/api/baseline", `Baseline${round}`));
      const submit = explain(await measure(server, "/api/intakes", `Tail${round}`));
      rounds.push([baseline, submit]);
      console.log(JSON.stringify({ baseline, submit }, null, 2));
    }
  } finally {
    await server.stop();
  }
  const out = path.join(root, "bench-results", `submit-tail-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ nodeOptions: args["node-options"], intakes: COUNT, requests: TOTAL, cold: COLD, rounds }, null, 2));
  console.log(`[tail] written to ${path.relative(root, out)}`);
}

await main();
