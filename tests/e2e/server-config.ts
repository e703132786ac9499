import path from "node:path";

/** Where the browser tests' production server listens, and the SQLite file it writes. */
export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.resolve(import.meta.dirname, "../../data/e2e.db");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** The therapist account the browser tests sign in with (made with the real CLI at start-up). */
export const E2E_THERAPIST = { email: "e2e.therapist@clinic.example", name: "Robin Hale", password: "e2e-password-for-tests-only" } as const;

/** Production settings for the test server. */
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";

/** Everything the test server prints, so a test can prove no health data reaches the logs. */
export const E2E_SERVER_LOG = path.resolve(import.meta.dirname, "../../data/e2e-server.log");

/** Intakes a test server takes per address per minute (tests give each API test its own address). */
export const E2E_SUBMIT_LIMIT = 30;
