import path from "node:path";

/** Where the browser tests' production server listens, and the database it writes. */
export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.resolve(import.meta.dirname, "../../data/e2e.db");

/** Under `npm run test:pg`: the database "e2e" in the throwaway PostgreSQL server tests/run.ts started. */
export const E2E_ON_POSTGRES = process.env.TEST_DATABASE === "postgresql";
function e2ePostgresUrl(): string {
  const url = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://app@127.0.0.1:5432/postgres");
  url.pathname = "/e2e";
  return url.toString();
}
/** The test server's database, as tests/helpers/test-sql.ts takes it: a SQLite path or a PostgreSQL URL. */
export const E2E_DATABASE = E2E_ON_POSTGRES ? e2ePostgresUrl() : E2E_DATABASE_PATH;
export const E2E_DATABASE_URL = E2E_ON_POSTGRES ? E2E_DATABASE : `file:${E2E_DATABASE_PATH}`;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** The therapist account the browser tests sign in with (made with the real CLI at start-up). */
export const E2E_THERAPIST = { email: "e2e.therapist@clinic.example", name: "Robin Hale", password: "e2e-password-for-tests-only" } as const;

/** Production settings for the test server. */
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";

/** Everything the test server prints, so a test can prove no health data reaches the logs. */
export const E2E_SERVER_LOG = path.resolve(import.meta.dirname, "../../data/e2e-server.log");

/** Intakes a test server takes per address per minute (tests give each API test its own address). */
export const E2E_SUBMIT_LIMIT = 30;

/** Where the test server sends mail: a real SMTP server the appointment tests start (tests/helpers/mail-server.ts). */
export const E2E_SMTP_PORT = 3402;
/** The clinic's zone in the browser tests: one with summer time, to keep dates honest. */
export const E2E_TIME_ZONE = "Europe/London";
export const E2E_CLINIC_NAME = "Harbour Street Foot Clinic";
