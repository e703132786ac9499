/**
 * `npm test`: every suite, then one closing line `tests: N passed, N failed` that CI reads.
 *   0. the TypeScript check, ESLint, then the production build the later suites run against;
 *   1. vitest: unit, component (jsdom), integration (real SQLite files) and reliability (load,
 *      crash and generated bad input against the production server, at reduced size);
 *   2. Playwright in Debian's Chromium against the production build, when Chromium is installed.
 * Exits non-zero if anything failed, or if a runner broke before reporting.
 *
 * `npm run test:pg` (this file with --database=postgresql): the same build, then the integration,
 * reliability and browser tests again on PostgreSQL, in a throwaway server started here (Debian's
 * postgresql package) and removed at the end. Unit and component tests do not touch a database.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startThrowawayPostgres } from "../prisma/throwaway-postgres";
import { CHROMIUM_PATH } from "./e2e/server-config";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".test-output");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
fs.mkdirSync(out, { recursive: true });

type Tally = { passed: number; failed: number; skipped: number };
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const onPostgres = process.argv.includes("--database=postgresql");
const tally = path.join(out, `tally-${onPostgres ? "postgresql" : "sqlite"}.json`);
fs.rmSync(tally, { force: true });
if (onPostgres) {
  const server = await startThrowawayPostgres();
  process.env.TEST_DATABASE = "postgresql";
  process.env.TEST_POSTGRES_URL = server.url();
  process.on("exit", server.stop);
  console.log(`PostgreSQL for the tests: ${server.url()}`);
}

// 0. Types: the build checks them too, but only when the browser tests build the app.
if (!onPostgres && run(bin("tsc"), ["--noEmit"]) !== 0) {
  console.error("\nThe type check failed (see above).");
  broken = true;
}

// ESLint: Next's and typescript-eslint's recommended rules (eslint.config.mjs).
if (!onPostgres && run(bin("eslint"), ["."]) !== 0) {
  console.error("\nESLint found problems (see above).");
  broken = true;
}

if (run("npm", ["run", "build"]) !== 0) {
  console.error("\nThe production build failed (see above).");
  broken = true;
}

// 1. vitest
const vitestReport = path.join(out, "vitest.json");
fs.rmSync(vitestReport, { force: true });
const projects = onPostgres ? ["--project", "integration", "--project", "reliability"] : [];
const vitestStatus = run(bin("vitest"), ["run", ...projects, "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(vitestReport);
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  total.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!vitest || (vitestStatus !== 0 && vitest.numFailedTests === 0)) {
  console.error("\nvitest stopped before reporting its results (see above).");
  broken = true;
}

// 2. Playwright
if (fs.existsSync(CHROMIUM_PATH)) {
  const report = path.join(out, "playwright.json");
  fs.rmSync(report, { force: true });
  const status = run(bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    // Built in step 0 already.
    E2E_SKIP_BUILD: "1",
  });
  const pw = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(report);
  if (pw) {
    total.passed += pw.stats.expected + pw.stats.flaky;
    total.failed += pw.stats.unexpected;
    total.skipped += pw.stats.skipped;
  }
  if (!pw || (status !== 0 && pw.stats.unexpected === 0)) {
    console.error("\nPlaywright stopped before reporting its results (see above).");
    broken = true;
  }
} else {
  console.log(
    `\nBrowser tests NOT run: no Chromium at ${CHROMIUM_PATH}.\n` +
      "Install Debian's Chromium (apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH,\n" +
      "then run npm test again. (.ci/run installs it, so CI always runs them.)",
  );
  if (process.env.CI) broken = true;
}

// For .ci/run, which adds the SQLite and PostgreSQL runs into one closing line.
fs.writeFileSync(tally, JSON.stringify({ ...total, broken }));

const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed > 0 || broken ? 1 : 0);
