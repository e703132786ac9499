import path from "node:path";

/** Where the browser tests' production server listens, and the SQLite file it writes. */
export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.resolve(import.meta.dirname, "../../data/e2e.db");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
