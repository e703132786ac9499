/**
 * Starts the app as production runs it, for the browser tests: a fresh SQLite file (or, under
 * `npm run test:pg`, a fresh PostgreSQL database), migrations applied with the real CLI, a therapist made with `therapist:create`, `next build` (unless
 * E2E_SKIP_BUILD=1), then the server `npm start` runs (server.ts).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  E2E_AUTH_SECRET,
  E2E_BASE_URL,
  E2E_DATABASE,
  E2E_DATABASE_PATH,
  E2E_DATABASE_URL,
  E2E_ON_POSTGRES,
  E2E_PORT,
  E2E_SERVER_LOG,
  E2E_SMTP_PORT,
  E2E_SUBMIT_LIMIT,
  E2E_THERAPIST,
  E2E_TIME_ZONE,
  E2E_CLINIC_NAME,
} from "./server-config";
import { productionServer } from "../helpers/production-server";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const env = {
  ...process.env,
  DATABASE_URL: E2E_DATABASE_URL,
  NODE_ENV: "production" as const,
  BETTER_AUTH_SECRET: E2E_AUTH_SECRET,
  BETTER_AUTH_URL: E2E_BASE_URL,
  SUBMIT_RATE_LIMIT_PER_MINUTE: String(E2E_SUBMIT_LIMIT),
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  MAIL_FROM: "Harbour Street Foot Clinic <appointments@clinic.example>",
  CLINIC_NAME: E2E_CLINIC_NAME,
  CLINIC_TIME_ZONE: E2E_TIME_ZONE,
  // Production requires two-factor sign-in by default; the browser tests sign in with a password
  // alone, and two-factor.spec.ts sets it up for an account of its own.
  REQUIRE_TWO_FACTOR: "0",
};

if (E2E_ON_POSTGRES) {
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  const name = new URL(E2E_DATABASE).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
} else {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(E2E_DATABASE_PATH + suffix, { force: true });
}
execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: "inherit" });
// The therapist account, made the way a clinic would: the CLI, the password on standard input.
execFileSync(
  bin("tsx"),
  ["--conditions=react-server", "lib/cli/therapist.ts", "create", "--email", E2E_THERAPIST.email, "--name", E2E_THERAPIST.name],
  { cwd: root, env, input: E2E_THERAPIST.password, stdio: ["pipe", "inherit", "inherit"] },
);
if (process.env.E2E_SKIP_BUILD !== "1") execFileSync("npm", ["run", "build"], { cwd: root, env, stdio: "inherit" });

const log = fs.createWriteStream(E2E_SERVER_LOG, { flags: "w" });
const production = productionServer({ port: E2E_PORT });
const server = spawn(production.command, production.args, {
  cwd: root,
  // The tests play the proxy in front of the app: each may say which client it speaks for in
  // X-Forwarded-For (tests of the address itself start servers of their own, without a proxy).
  env: { ...env, ...production.env, TRUST_PROXY: "1" },
  stdio: ["ignore", "pipe", "pipe"],
});
for (const stream of [server.stdout, server.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    log.write(chunk);
    process.stdout.write(chunk);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
