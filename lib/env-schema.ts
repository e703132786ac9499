import path from "node:path";
import { z } from "zod";
import { isTimeZone } from "./appointments/clinic-time";
import { databaseKindOf } from "./database-kind";

/**
 * What the environment may hold, checked: the schema and its parser, with no state, so that tools
 * outside the app (prisma.config.ts) parse it the same way. The app reads it through lib/env.ts.
 * Development and tests need nothing set; every default below suits them. Each variable is
 * documented in .env.example.
 */
export const DEFAULT_DATABASE_URL = "file:./data/intake.db";

/** Signs session cookies in development and tests only; production must set its own. */
const DEVELOPMENT_AUTH_SECRET = "development-only-secret-not-for-production-use-0000";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => databaseKindOf(url) !== null, {
      message: 'must be a SQLite file URL such as "file:./data/intake.db", or a PostgreSQL URL such as "postgresql://user:password@host:5432/intake"',
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)").optional(),
  SUBMIT_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(10),
  /** "1" only under `npm run bench`: turns on /api/baseline, the route the benchmark compares against. */
  BENCHMARK: z.enum(["0", "1"]).default("0"),
  /** Set by Next itself; read only to tell a build from a running server. */
  NEXT_PHASE: z.string().optional(),
  /**
   * How many proxies in front of the app append the client's address to X-Forwarded-For (0: none,
   * the connection's own address is the client's). See lib/http/forwarding.ts.
   */
  TRUST_PROXY: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(10, "must be at most 10")
    .default(0),
  /** Where `npm start` listens (server.ts). */
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535, "must be a port number").default(3000),
  /** The interface `npm start` listens on; unset: every interface. */
  HOST: z.string().trim().min(1).optional(),
  BETTER_AUTH_URL: z.url("must be the app's public address, such as https://intake.example-clinic.com").default(
    "http://localhost:3000",
  ),
  /** The clinic's time zone: appointment times are entered and shown in it, links end with its day. */
  CLINIC_TIME_ZONE: z.string().trim().default("UTC").refine(isTimeZone, "must be an IANA time zone name, such as Europe/London"),
  /**
   * "1": a therapist without two-factor sign-in sets it up at the next sign-in, before seeing any
   * data. Unset: on in production, off in development and tests.
   */
  REQUIRE_TWO_FACTOR: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).optional(),
  /** The clinic's name, as emails to clients give it. */
  CLINIC_NAME: z.string().trim().min(1).max(100, "must be at most 100 characters").default("Your massage clinic"),
  /** The paper a submission's PDF is laid out for: "A4" or "Letter" (US); the page offers the other too. */
  PDF_PAPER_SIZE: z.enum(["A4", "Letter"], { error: 'must be "A4" or "Letter"' }).default("A4"),
  /** Where mail goes out, such as smtps://user:password@smtp.example.com:465; unset: printed and saved under data/mail. */
  SMTP_URL: z
    .url("must be an SMTP address, such as smtps://user:password@smtp.example.com:465")
    .refine((url) => /^smtps?:\/\//.test(url), "must start with smtp:// or smtps://")
    .optional(),
  /** The sender of every email, such as "Clinic <appointments@example-clinic.com>". */
  MAIL_FROM: z.string().trim().min(3).default("Clinic <appointments@localhost>"),
  /**
   * Client data older than this many months is deleted (daily by the server, or `npm run
   * data:purge`): intakes by when they were sent, appointments by when they were held.
   */
  RETENTION_MONTHS: z.coerce
    .number({ error: "must be a whole number of months" })
    .int("must be a whole number of months")
    .min(1, "must be at least 1")
    .max(1200, "must be at most 1200")
    .default(84),
  /** Where the server writes a backup of the SQLite database each day; unset: no daily backup. */
  BACKUP_DIR: z.string().trim().min(1).optional(),
  /** How many backups `db:backup` and the daily backup keep (the oldest go first). */
  BACKUP_KEEP: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(1000).default(14),
  /** How long before an appointment a client who has not sent the form is reminded, once. */
  REMINDER_HOURS_BEFORE: z.coerce
    .number({ error: "must be a whole number of hours" })
    .int("must be a whole number of hours")
    .min(1, "must be at least 1")
    .max(336, "must be at most 336 (two weeks)")
    .default(48),
}).superRefine((env, ctx) => {
  // `next build` loads server modules too, but a build needs no secrets: the server checks them when it starts.
  if (env.NODE_ENV !== "production" || env.NEXT_PHASE === "phase-production-build") return;
  if (!env.BETTER_AUTH_SECRET || env.BETTER_AUTH_SECRET === DEVELOPMENT_AUTH_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["BETTER_AUTH_SECRET"],
      message: "is required in production: a random secret of at least 32 characters (try: openssl rand -hex 32)",
    });
  }
});

export type Env = Omit<z.infer<typeof envSchema>, "BETTER_AUTH_SECRET"> & {
  BETTER_AUTH_SECRET: string;
  /** REQUIRE_TWO_FACTOR, with its default applied. */
  requireTwoFactor: boolean;
  /** The database DATABASE_URL names: a SQLite file (its absolute path), or PostgreSQL. */
  database: Database;
};

export type Database = { kind: "sqlite"; path: string } | { kind: "postgresql"; url: string };

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment; throws an EnvError naming every missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string in a shell or .env file means "not set", so the default applies.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment variables (see .env.example):\n${lines.join("\n")}`);
  }
  const url = result.data.DATABASE_URL;
  const database: Database =
    databaseKindOf(url) === "postgresql"
      ? { kind: "postgresql", url }
      : // Relative paths start at the project.
        { kind: "sqlite", path: path.resolve(/* turbopackIgnore: true */ process.cwd(), url.replace(/^file:/, "")) };
  const requireTwoFactor = (result.data.REQUIRE_TWO_FACTOR ?? (result.data.NODE_ENV === "production" ? "1" : "0")) === "1";
  return { ...result.data, BETTER_AUTH_SECRET: result.data.BETTER_AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET, database, requireTwoFactor };
}
