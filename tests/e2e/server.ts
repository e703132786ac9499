/**
 * Starts the app as production runs it, for the browser tests: a fresh SQLite file, migrations
 * applied with the real CLI, `next build` (unless E2E_SKIP_BUILD=1), then `next start`.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_DATABASE_PATH, E2E_PORT } from "./server-config";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const env = { ...process.env, DATABASE_URL: `file:${E2E_DATABASE_PATH}`, NODE_ENV: "production" as const };

for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(E2E_DATABASE_PATH + suffix, { force: true });
execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: "inherit" });
if (process.env.E2E_SKIP_BUILD !== "1") execFileSync(bin("next"), ["build"], { cwd: root, env, stdio: "inherit" });

const server = spawn(bin("next"), ["start", "-p", String(E2E_PORT), "-H", "127.0.0.1"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
