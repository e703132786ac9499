/**
 * `npm run bench`: measures the app against its own baselines, on this machine, in one run.
 * A benchmark, not a test: it reports each budget as met or not met and never fails CI.
 *
 *   1. submit: POST /api/intakes at 50 connections beside /api/baseline (a route that only answers),
 *      in three rounds, and both again at 5 connections
 *   2. dashboard at 100,000 and at 1,000 intakes: page 1, a late page, a status filter, a name
 *      search; the query alone (lib/data) and the whole page over HTTP, median of several runs
 *   3. page weight: compressed JavaScript first loaded by /intake and /dashboard, beside the
 *      framework's not-found page
 *   4. Lighthouse (mobile) on /intake and on the sign-in page, three runs each
 *   5. the server's peak resident memory over the run, and the CSV export of all 100,000 intakes
 *      (its time, and the server's peak memory while it streams)
 *   6. PostgreSQL, when Debian's postgresql package is installed (a throwaway server started here):
 *      submit beside the baseline route, the dashboard at 100,000 intakes, and submit through nginx
 *      to two instances beside one
 *
 * Writes bench-results/results.json, results.md and chart.svg (git ignores the folder).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { startThrowawayPostgres } from "../../prisma/throwaway-postgres";
import { migratedPostgresDatabase } from "../helpers/pg-migrations";
import { sqlFor } from "../helpers/test-sql";
import { startBalancer } from "../reliability/balancer";
import { createTherapistWithCli, databaseUrlOf, freshDatabase, runLoad, startServer, type Server } from "../reliability/harness";
import { intakeBody } from "../helpers/intake-fixtures";
import { RARE_NAME, fillIntakes } from "./fill";

const root = path.resolve(import.meta.dirname, "../..");
const out = path.join(root, "bench-results");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const THERAPIST = { email: "bench@clinic.example", name: "Bench Therapist", password: "bench-password-long-enough" };
const RUNS = 9;
/** Rounds of the noisy measures (submit at 50 connections, Lighthouse): each budget must hold in all. */
const SUBMIT_ROUNDS = 3;
const LIGHTHOUSE_RUNS = 3;
/** As `npm start` runs the server (package.json): a 160 MB old-space heap keeps peak memory in budget. */
const SERVER_NODE_OPTIONS = process.env.BENCH_SERVER_NODE_OPTIONS ?? "--max-old-space-size=160";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function log(line: string) {
  console.log(`[bench] ${line}`);
}

// ------------------------------------------------------------------ memory of the server process tree
function treeRssKb(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    } catch {
      // the process ended
    }
  };
  visit(pid);
  return total;
}

function watchMemory(server: Server) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKb(server.process.pid!))), 100);
  return { stop: () => (clearInterval(timer), peak / 1024) };
}

// ------------------------------------------------------------------ signing in through the real form
async function signedInContext(server: Server, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(THERAPIST.email);
  await page.getByLabel("Password", { exact: true }).fill(THERAPIST.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.close();
  return context;
}


// ------------------------------------------------------------------ 2. dashboard
type DashboardCase = { name: string; query: string };

async function dashboardCases(database: string, count: number): Promise<DashboardCase[]> {
  const lastPage = Math.min(400, Math.ceil(count / 25));
  // The cursor of page N is the row before it in dashboard order (soonest appointment first).
  const sql = sqlFor(database);
  const [row] = await sql.rows<{ appointmentDate: string; id: string }>(
    `SELECT "appointmentDate", "id" FROM "Intake" ORDER BY "appointmentDate", "id" LIMIT 1 OFFSET ?`,
    (lastPage - 1) * 25 - 1,
  );
  await sql.close();
  if (!row) throw new Error("no intake at the late page");
  return [
    { name: "page 1", query: "" },
    { name: `page ${lastPage}`, query: `after=${row.appointmentDate}_${row.id}` },
    { name: "status filter", query: "status=reviewed" },
    { name: "name search", query: `q=${encodeURIComponent(RARE_NAME.split(" ")[1]!)}` },
  ];
}

async function timeQueries(database: string, cases: DashboardCase[]) {
  // In this process, through lib/data, on its own connection to the same database.
  process.env.DATABASE_URL = databaseUrlOf(database);
  const { createPrismaClient } = await import("@/lib/db");
  const { listIntakes, decodeCursor } = await import("@/lib/data/intakes");
  const { earliestToday } = await import("@/lib/intake/dates");
  const db = createPrismaClient(database);
  const result: Record<string, number> = {};
  for (const c of cases) {
    const params = new URLSearchParams(c.query);
    const filters = {
      from: earliestToday(),
      status: (params.get("status") as "reviewed" | null) ?? undefined,
      search: params.get("q") ?? undefined,
    };
    const cursor = decodeCursor("after", params.get("after") ?? undefined);
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      await listIntakes(filters, cursor, db);
      if (i >= 2) times.push(performance.now() - t);
    }
    result[c.name] = round(median(times), 2);
  }
  await db.$disconnect();
  return result;
}

async function timePages(server: Server, context: BrowserContext, cases: DashboardCase[]) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const result: Record<string, number> = {};
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      const response = await fetch(`${server.url}/dashboard?${c.query}`, { headers: { cookie } });
      const html = await response.text();
      if (!response.ok || !html.includes("Intakes")) throw new Error(`dashboard ${c.name}: ${response.status}`);
      if (i >= 2) times.push(performance.now() - t);
    }
    result[c.name] = round(median(times), 1);
  }
  return result;
}

// ------------------------------------------------------------------ 3. page weight
async function firstLoadJsKb(context: BrowserContext, url: string): Promise<number> {
  // Each script the page loads, gzip-compressed here at level 6 (what the server sends is gzip;
  // compressing ourselves gives the same measure for every page, cache or no cache).
  const page = await context.newPage();
  const bodies: Promise<Buffer | null>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => null));
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const bytes = (await Promise.all(bodies)).reduce((sum, body) => sum + (body ? gzipSync(body, { level: 6 }).length : 0), 0);
  await page.close();
  return round(bytes / 1024, 1);
}

// ------------------------------------------------------------------ 4. Lighthouse
async function lighthouseOn(url: string) {
  const { launch } = await import("chrome-launcher");
  const lighthouse = (await import("lighthouse")).default;
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
    const lhr = result!.lhr;
    return {
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0),
      tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? 0),
      cls: round(lhr.audits["cumulative-layout-shift"]?.numericValue ?? 0, 3),
    };
  } finally {
    await chrome.kill();
  }
}

// ------------------------------------------------------------------ the run
async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    // Page weight and Lighthouse need a browser; say so before the five-minute run, not after the build.
    throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\` (as root), or set CHROMIUM_PATH.`);
  }
  fs.mkdirSync(out, { recursive: true });
  log("building the app (next build)...");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version },
  };

  // Dashboard at two sizes, each on its own server; memory is watched on the large one, which also serves the rest.
  const sizes = [1_000, 100_000];
  const dashboard: Record<string, { query: Record<string, number>; page: Record<string, number> }> = {};
  let big: Server | undefined;
  let memory: ReturnType<typeof watchMemory> | undefined;
  let bigContext: BrowserContext | undefined;
  for (const count of sizes) {
    log(`filling a database with ${count.toLocaleString("en")} intakes...`);
    const databasePath = await freshDatabase(`bench-${count}`);
    await fillIntakes(databasePath, count);
    createTherapistWithCli(databasePath, THERAPIST);
    const server = await startServer(databasePath, count === 100_000 ? 3301 : 3300, {
      BENCHMARK: "1",
      LOG_LEVEL: "warn",
      // The server runs with the Node options `npm start` gives it (see package.json).
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
    });
    if (count === 100_000) memory = watchMemory(server);
    const context = await signedInContext(server, browser);
    const cases = await dashboardCases(databasePath, count);
    log(`timing the dashboard at ${count.toLocaleString("en")} intakes...`);
    dashboard[count] = { query: await timeQueries(databasePath, cases), page: await timePages(server, context, cases) };
    if (count === 100_000) {
      big = server;
      bigContext = context;
    } else {
      await context.close();
      await server.stop();
    }
  }
  results.dashboard = dashboard;
  results.csvExport = await timeCsvExport(big!, bigContext!);

  // Submit beside the baseline route, same server, same loader, 50 connections; then the same at 5
  // connections, a busy clinic's burst rather than a flood, for the latency a person would see.
  // Bodies are made before the clock starts, so the loader's own work is the same for both routes.
  log("submit and baseline at 50 and at 5 connections...");
  const load = (pathname: string, tag: string, connections: number, total: number) => {
    const bodies = Array.from({ length: total }, (_, i) => JSON.stringify(intakeBody(i, tag)));
    return runLoad({
      base: big!.url,
      total,
      connections,
      request: (i) => ({ path: pathname, body: bodies[i]!, headers: { "idempotency-key": `${tag}-key-${i}` } }),
      // The 50 connections are open before the clock starts: see docs/decisions/013-submit-tail.md.
      warmUp: { path: "/api/baseline", body: "{}" },
    });
  };
  type Loaded = Awaited<ReturnType<typeof load>>;
  const checked = (name: string, r: Loaded) => {
    if (r.statuses["201"] !== r.requests) throw new Error(`unexpected answers from ${name}: ${JSON.stringify(r.statuses)}`);
    return r;
  };
  // Both routes run once before the clock, as a server does before its first busy hour: the first
  // thousand submits compile the submit path (schema, statements, the batching), which the baseline
  // route never needs. Without it, the first measured round had submit's worst p99 in the two runs before.
  await load("/api/baseline", "Warm", 50, 3_000);
  checked("submit warm-up", await load("/api/intakes", "WarmSubmit", 50, 1_000));
  const summary = (r: Loaded) => ({ requests: r.requests, throughput: round(r.throughput), p50Ms: round(r.p50), p99Ms: round(r.p99) });
  // Three rounds at 50 connections: the machine is noisy, and the budgets hold in every round or not at all.
  const rounds = [];
  for (let i = 0; i < SUBMIT_ROUNDS; i++) {
    const baseline = checked("baseline", await load("/api/baseline", `Baseline${i}`, 50, 3_000));
    const submit = checked("submit", await load("/api/intakes", `Submit${i}`, 50, 3_000));
    rounds.push({
      baseline: summary(baseline),
      submit: summary(submit),
      ratio: round(submit.throughput / baseline.throughput, 2),
      p99Ratio: round(submit.p99 / baseline.p99, 2),
    });
  }
  const baselineLight = checked("baseline, 5 connections", await load("/api/baseline", "BaselineLight", 5, 1_000));
  const submitLight = checked("submit, 5 connections", await load("/api/intakes", "SubmitLight", 5, 1_000));
  results.submit = {
    // The first round's figures, for the tables; every round's in `rounds`.
    ...rounds[0]!,
    rounds,
    fiveConnections: { baseline: summary(baselineLight), submit: summary(submitLight) },
  };

  log("page weight...");
  // A fresh context for each page, so nothing comes from the browser's cache.
  const fresh = () => browser.newContext({ baseURL: big!.url });
  results.pageWeightKb = {
    intake: await firstLoadJsKb(await fresh(), "/intake"),
    dashboard: await firstLoadJsKb(bigContext!, "/dashboard"),
    notFoundBaseline: await firstLoadJsKb(await fresh(), "/no-such-page"),
  };

  log("Lighthouse (mobile), three runs each on /intake and on the sign-in page...");
  const intakeRuns = [];
  const signInRuns = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    intakeRuns.push(await lighthouseOn(`${big!.url}/intake`));
    signInRuns.push(await lighthouseOn(`${big!.url}/login`));
  }
  // The slowest /intake run stands for the page: a budget holds in every run or not at all.
  results.lighthouse = [...intakeRuns].sort((a, b) => a.performance - b.performance)[0]!;
  results.lighthouseRuns = { intake: intakeRuns, signIn: signInRuns };
  results.peakMemoryMb = round(memory!.stop());
  await big!.stop();
  results.postgresql = await postgresColumn(browser);
  await browser.close();

  const report = budgets(results);
  fs.writeFileSync(path.join(out, "results.json"), JSON.stringify({ ...results, budgets: report }, null, 2));
  const markdown = toMarkdown(results, report);
  fs.writeFileSync(path.join(out, "results.md"), markdown);
  fs.writeFileSync(path.join(out, "chart.svg"), chart(results));
  console.log(`\n${markdown}`);
  log(`written to ${path.relative(root, out)}/`);
}

// ------------------------------------------------------------------ 5. the CSV of every intake
/**
 * "Download CSV" with every date: all 100,000 intakes, read by the signed-in browser context. The
 * server's memory is watched on its own for the download: the export streams batches of 500, so
 * its peak should be the server's usual, not grow with the list.
 */
async function timeCsvExport(server: Server, context: BrowserContext) {
  log("the CSV export of 100,000 intakes...");
  const memory = watchMemory(server);
  const started = performance.now();
  const response = await context.request.get(`${server.url}/api/exports/intakes.csv?from=`, { timeout: 600_000 });
  const body = await response.body();
  const seconds = (performance.now() - started) / 1000;
  const peakMemoryMb = memory.stop();
  if (response.status() !== 200) throw new Error(`CSV export answered ${response.status()}`);
  // Records end with CRLF; the answers hold bare line feeds at most. One line is the header.
  const rows = body.toString("utf8").split("\r\n").filter(Boolean).length - 1;
  return { rows, megabytes: round(body.length / 2 ** 20), seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds), peakMemoryMb: round(peakMemoryMb) };
}

// ------------------------------------------------------------------ 6. PostgreSQL
/**
 * The same measures on PostgreSQL, in a throwaway server (skipped, and said so, without Debian's
 * postgresql package). Each submission comes from an address of its own (the loader plays a proxy,
 * TRUST_PROXY=1): on PostgreSQL the submit limit per address is counted in the database, and one
 * address for every request would measure a single row's lock instead of a clinic's traffic.
 */
async function postgresColumn(browser: Awaited<ReturnType<typeof chromium.launch>>) {
  let server: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  try {
    server = await startThrowawayPostgres();
  } catch (error) {
    log(`PostgreSQL skipped: ${(error as Error).message}`);
    return { skipped: (error as Error).message };
  }
  const started: { stop: () => Promise<void> }[] = [];
  try {
    process.env.TEST_POSTGRES_URL = server.url();
    const count = 100_000;
    log(`PostgreSQL: filling a database with ${count.toLocaleString("en")} intakes...`);
    const database = await migratedPostgresDatabase("bench");
    await fillIntakes(database, count);
    createTherapistWithCli(database, THERAPIST);
    const env = { BENCHMARK: "1", LOG_LEVEL: "warn", NODE_OPTIONS: SERVER_NODE_OPTIONS, TRUST_PROXY: "1" };
    const first = await startServer(database, 3302, env);
    started.push(first);
    const context = await signedInContext(first, browser);
    const cases = await dashboardCases(database, count);
    log("PostgreSQL: timing the dashboard at 100,000 intakes...");
    const dashboard = { query: await timeQueries(database, cases), page: await timePages(first, context, cases) };
    await context.close();

    const load = (base: string, pathname: string, tag: string) => {
      const bodies = Array.from({ length: 3_000 }, (_, i) => JSON.stringify(intakeBody(i, tag)));
      return runLoad({
        base,
        total: bodies.length,
        connections: 50,
        request: (i) => ({
          path: pathname,
          body: bodies[i]!,
          headers: { "idempotency-key": `${tag}-key-${i}`, "x-forwarded-for": `198.18.${(i >> 8) & 255}.${i & 255}` },
        }),
        warmUp: { path: "/api/baseline", body: "{}" },
      });
    };
    const summary = (r: Awaited<ReturnType<typeof load>>, name: string) => {
      if (r.statuses["201"] !== r.requests) throw new Error(`unexpected answers from ${name}: ${JSON.stringify(r.statuses)}`);
      return { requests: r.requests, throughput: round(r.throughput), p50Ms: round(r.p50), p99Ms: round(r.p99) };
    };
    log("PostgreSQL: submit and baseline at 50 connections...");
    await load(first.url, "/api/baseline", "PgWarm");
    const baseline = summary(await load(first.url, "/api/baseline", "PgBaseline"), "baseline");
    const submit = summary(await load(first.url, "/api/intakes", "PgSubmit"), "submit");

    // Through nginx: one instance behind it, then two (the balancer adds one proxy: TRUST_PROXY=2).
    log("PostgreSQL: submit through nginx to one instance, then two...");
    await first.stop();
    started.length = 0;
    const behind = { ...env, TRUST_PROXY: "2" };
    const a = await startServer(database, 3302, behind);
    const b = await startServer(database, 3303, behind);
    started.push(a, b);
    const one = await startBalancer(3304, [3302]);
    started.push(one);
    const oneInstance = summary(await load(one.url, "/api/intakes", "PgOne"), "one instance");
    await one.stop();
    const two = await startBalancer(3305, [3302, 3303]);
    started.push(two);
    const twoInstances = summary(await load(two.url, "/api/intakes", "PgTwo"), "two instances");
    return {
      dashboard,
      submit: { baseline, submit, ratio: round(submit.throughput / baseline.throughput, 2) },
      throughNginx: { oneInstance, twoInstances, ratio: round(twoInstances.throughput / oneInstance.throughput, 2) },
    };
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    server.stop();
    delete process.env.TEST_POSTGRES_URL;
  }
}

type Budget = { budget: string; value: string; met: boolean };

/**
 * results.json as this script wrote it a few lines earlier: read loosely, since every figure is
 * printed as it is and a missing one shows as "undefined" in the report rather than failing it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the comment above
type Results = Record<string, any>;

function budgets(r: Results): Budget[] {
  const big = r.dashboard["100000"];
  const pages = Object.keys(big.page);
  const late = pages.find((p) => p.startsWith("page ") && p !== "page 1")!;
  const worstQuery = Math.max(...Object.values(big.query as Record<string, number>));
  const rounds = r.submit.rounds as { ratio: number; p99Ratio: number; submit: { p99Ms: number }; baseline: { p99Ms: number } }[];
  const each = (f: (x: (typeof rounds)[number]) => string) => rounds.map(f).join(" / ");
  const lh = r.lighthouseRuns as { intake: { performance: number; tbtMs: number; accessibility: number }[]; signIn: { tbtMs: number }[] };
  const worstIntakeTbt = Math.max(...lh.intake.map((x) => x.tbtMs));
  const worstSignInTbt = Math.max(...lh.signIn.map((x) => x.tbtMs));
  return [
    {
      budget: `submit throughput ≥ 0.6 × baseline, in each of ${rounds.length} rounds`,
      value: `${each((x) => String(x.ratio))} ×`,
      met: rounds.every((x) => x.ratio >= 0.6),
    },
    {
      // With 50 requests always in flight, each waits behind the others: the do-nothing route's
      // own p99, in the same round, is the measure of that queue.
      budget: `submit p99 ≤ 1.5 × the baseline route's, in each of ${rounds.length} rounds`,
      value: `${each((x) => `${x.submit.p99Ms} ms (${x.p99Ratio} ×)`)}`,
      met: rounds.every((x) => x.submit.p99Ms <= 1.5 * x.baseline.p99Ms),
    },
    {
      budget: `dashboard ${late} ≤ 1.5 × page 1 (100,000 intakes)`,
      value: `${round(big.page[late] / big.page["page 1"], 2)} ×`,
      met: big.page[late] <= 1.5 * big.page["page 1"],
    },
    { budget: "every dashboard query < 50 ms median (100,000 intakes)", value: `${worstQuery} ms (slowest)`, met: worstQuery < 50 },
    {
      budget: "/intake first-load JS ≤ 1.25 × not-found page",
      value: `${round(r.pageWeightKb.intake / r.pageWeightKb.notFoundBaseline, 2)} ×`,
      met: r.pageWeightKb.intake <= 1.25 * r.pageWeightKb.notFoundBaseline,
    },
    {
      budget: `Lighthouse performance ≥ 95 (/intake, mobile), the slowest of ${lh.intake.length} runs`,
      value: lh.intake.map((x) => x.performance).join(" / "),
      met: Math.min(...lh.intake.map((x) => x.performance)) >= 95,
    },
    {
      budget: "Lighthouse total blocking time on /intake ≤ 1.5 × the sign-in page's (slowest runs)",
      value: `${lh.intake.map((x) => x.tbtMs).join(" / ")} ms (sign-in ${lh.signIn.map((x) => x.tbtMs).join(" / ")} ms)`,
      met: worstIntakeTbt <= 1.5 * worstSignInTbt,
    },
    {
      budget: "Lighthouse accessibility = 100 (/intake, every run)",
      value: lh.intake.map((x) => x.accessibility).join(" / "),
      met: lh.intake.every((x) => x.accessibility === 100),
    },
    { budget: "peak server memory < 300 MB", value: `${r.peakMemoryMb} MB`, met: r.peakMemoryMb < 300 },
    {
      budget: "CSV of 100,000 intakes: every row, server peak memory < 300 MB",
      value: `${r.csvExport.rows.toLocaleString("en")} rows in ${r.csvExport.seconds} s, ${r.csvExport.peakMemoryMb} MB`,
      met: r.csvExport.rows >= 100_000 && r.csvExport.peakMemoryMb < 300,
    },
    ...postgresBudgets(r.postgresql),
  ];
}

function postgresBudgets(pg: Results | undefined): Budget[] {
  if (!pg || pg.skipped) return [];
  const pages = Object.keys(pg.dashboard.page);
  const late = pages.find((p) => p.startsWith("page ") && p !== "page 1")!;
  const worstQuery = Math.max(...Object.values(pg.dashboard.query as Record<string, number>));
  return [
    { budget: "PostgreSQL: submit throughput ≥ 0.5 × baseline", value: `${pg.submit.ratio} ×`, met: pg.submit.ratio >= 0.5 },
    {
      budget: "PostgreSQL: submit p99 < 100 ms (50 connections)",
      value: `${pg.submit.submit.p99Ms} ms (baseline route ${pg.submit.baseline.p99Ms} ms)`,
      met: pg.submit.submit.p99Ms < 100,
    },
    {
      budget: `PostgreSQL: dashboard ${late} ≤ 1.5 × page 1 (100,000 intakes)`,
      value: `${round(pg.dashboard.page[late] / pg.dashboard.page["page 1"], 2)} ×`,
      met: pg.dashboard.page[late] <= 1.5 * pg.dashboard.page["page 1"],
    },
    { budget: "PostgreSQL: every dashboard query < 50 ms median (100,000 intakes)", value: `${worstQuery} ms (slowest)`, met: worstQuery < 50 },
  ];
}

function toMarkdown(r: Results, report: Budget[]): string {
  const d = r.dashboard;
  const cases = Object.keys(d["100000"].query);
  const lines = [
    `Benchmark of ${r.date.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memoryGb} GiB, Node ${r.machine.node}.`,
    "",
    "| Submit (50 connections unless said) | req/s | p50 ms | p99 ms |",
    "| --- | ---: | ---: | ---: |",
    `| baseline route (answers only) | ${r.submit.baseline.throughput} | ${r.submit.baseline.p50Ms} | ${r.submit.baseline.p99Ms} |`,
    `| POST /api/intakes | ${r.submit.submit.throughput} | ${r.submit.submit.p50Ms} | ${r.submit.submit.p99Ms} |`,
    ...(r.submit.rounds as { baseline: Record<string, number>; submit: Record<string, number> }[]).slice(1).flatMap((x, i) => [
      `| baseline route, round ${i + 2} | ${x.baseline.throughput} | ${x.baseline.p50Ms} | ${x.baseline.p99Ms} |`,
      `| POST /api/intakes, round ${i + 2} | ${x.submit.throughput} | ${x.submit.p50Ms} | ${x.submit.p99Ms} |`,
    ]),
    `| baseline route, 5 connections | ${r.submit.fiveConnections.baseline.throughput} | ${r.submit.fiveConnections.baseline.p50Ms} | ${r.submit.fiveConnections.baseline.p99Ms} |`,
    `| POST /api/intakes, 5 connections | ${r.submit.fiveConnections.submit.throughput} | ${r.submit.fiveConnections.submit.p50Ms} | ${r.submit.fiveConnections.submit.p99Ms} |`,
    "",
    "| Dashboard, median ms | query, 1,000 | query, 100,000 | page, 1,000 | page, 100,000 |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...cases.map((c, i) => {
      const small = Object.keys(d["1000"].query)[i]!;
      return `| ${c.replace(/^page \d+$/, (m) => (m === "page 1" ? m : `late page (${small} of 1,000 / ${m} of 100,000)`))} | ${d["1000"].query[small]} | ${d["100000"].query[c]} | ${d["1000"].page[small]} | ${d["100000"].page[c]} |`;
    }),
    "",
    `| First-load JS, KB compressed | /intake ${r.pageWeightKb.intake} | /dashboard ${r.pageWeightKb.dashboard} | not-found (framework baseline) ${r.pageWeightKb.notFoundBaseline} |`,
    "| --- | --- | --- | --- |",
    "",
    `Lighthouse (mobile) on /intake, slowest of ${r.lighthouseRuns.intake.length} runs: performance ${r.lighthouse.performance}, accessibility ${r.lighthouse.accessibility}, LCP ${r.lighthouse.lcpMs} ms, TBT ${r.lighthouse.tbtMs} ms, CLS ${r.lighthouse.cls}; every run's performance ${r.lighthouseRuns.intake.map((x: { performance: number }) => x.performance).join(" / ")}, the sign-in page's ${r.lighthouseRuns.signIn.map((x: { performance: number }) => x.performance).join(" / ")}. Peak server memory: ${r.peakMemoryMb} MB.`,
    "",
    `CSV export of every intake: ${r.csvExport.rows.toLocaleString("en")} rows, ${r.csvExport.megabytes} MB in ${r.csvExport.seconds} s (${r.csvExport.rowsPerSecond.toLocaleString("en")} rows/s); server peak memory meanwhile ${r.csvExport.peakMemoryMb} MB.`,
    "",
    ...postgresMarkdown(r),
    "| Budget | Measured | |",
    "| --- | --- | --- |",
    ...report.map((b) => `| ${b.budget} | ${b.value} | ${b.met ? "met" : "**not met**"} |`),
  ];
  return `${lines.join("\n")}\n`;
}

function postgresMarkdown(r: Results): string[] {
  const pg = r.postgresql;
  if (!pg || pg.skipped) return [`PostgreSQL: not measured (${pg?.skipped ?? "no figures"}).`, ""];
  const sqlite = r.dashboard["100000"];
  const cases = Object.keys(pg.dashboard.query);
  const row = (name: string, x: { throughput: number; p50Ms: number; p99Ms: number }) => `| ${name} | ${x.throughput} | ${x.p50Ms} | ${x.p99Ms} |`;
  return [
    "| PostgreSQL, 50 connections | req/s | p50 ms | p99 ms |",
    "| --- | ---: | ---: | ---: |",
    row("baseline route (answers only)", pg.submit.baseline),
    row("POST /api/intakes", pg.submit.submit),
    row("POST /api/intakes through nginx, one instance", pg.throughNginx.oneInstance),
    row("POST /api/intakes through nginx, two instances", pg.throughNginx.twoInstances),
    "",
    "| Dashboard at 100,000 intakes, median ms | query, SQLite | query, PostgreSQL | page, SQLite | page, PostgreSQL |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...cases.map((c) => `| ${c} | ${sqlite.query[c]} | ${pg.dashboard.query[c]} | ${sqlite.page[c]} | ${pg.dashboard.page[c]} |`),
    "",
    `Submit on PostgreSQL: ${pg.submit.ratio} × its baseline route (SQLite: ${r.submit.ratio} ×); two instances behind nginx: ${pg.throughNginx.ratio} × one.`,
    "",
  ];
}

/** Two small bar charts: dashboard page time at both sizes, and submit beside the baseline. */
function chart(r: Results): string {
  const d = r.dashboard;
  const cases = Object.keys(d["100000"].page);
  const smallCases = Object.keys(d["1000"].page);
  const max = Math.max(...cases.map((c) => d["100000"].page[c]), ...smallCases.map((c) => d["1000"].page[c]), 1);
  const bars = cases
    .map((c, i) => {
      const y = 40 + i * 46;
      const w1 = (d["1000"].page[smallCases[i]!] / max) * 300;
      const w2 = (d["100000"].page[c] / max) * 300;
      return `<text x="10" y="${y + 12}">${c.startsWith("page") && c !== "page 1" ? "late page" : c}</text>
<rect x="120" y="${y}" width="${w1}" height="16" fill="#7aa6a2"/><text x="${125 + w1}" y="${y + 12}">${d["1000"].page[smallCases[i]!]} ms (1k)</text>
<rect x="120" y="${y + 18}" width="${w2}" height="16" fill="#1f5f5b"/><text x="${125 + w2}" y="${y + 30}">${d["100000"].page[c]} ms (100k)</text>`;
    })
    .join("\n");
  const tMax = Math.max(r.submit.baseline.throughput, r.submit.submit.throughput);
  const sy = 40 + cases.length * 46 + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="${sy + 90}" font-family="sans-serif" font-size="12">
<text x="10" y="20" font-weight="bold">Dashboard page, median server time</text>
${bars}
<text x="10" y="${sy}" font-weight="bold">Submit throughput, 50 connections (req/s)</text>
<text x="10" y="${sy + 28}">baseline</text><rect x="120" y="${sy + 16}" width="${(r.submit.baseline.throughput / tMax) * 300}" height="16" fill="#7aa6a2"/><text x="${125 + (r.submit.baseline.throughput / tMax) * 300}" y="${sy + 28}">${r.submit.baseline.throughput}</text>
<text x="10" y="${sy + 52}">/api/intakes</text><rect x="120" y="${sy + 40}" width="${(r.submit.submit.throughput / tMax) * 300}" height="16" fill="#1f5f5b"/><text x="${125 + (r.submit.submit.throughput / tMax) * 300}" y="${sy + 52}">${r.submit.submit.throughput}</text>
</svg>
`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // Exit at once: an open browser or server would otherwise keep the process alive.
    console.error(error);
    process.exit(1);
  },
);
