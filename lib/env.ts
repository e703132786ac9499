import path from "node:path";
import { z } from "zod";

/**
 * The validated environment: the only module that reads process.env.
 * Development and tests need nothing set; every default below suits them. Each variable is
 * documented in .env.example.
 */
export const DEFAULT_DATABASE_URL = "file:./data/intake.db";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => /^file:.+/.test(url), {
      message: 'must be a SQLite file URL such as "file:./data/intake.db"',
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema> & {
  /** Absolute path of the SQLite file named by DATABASE_URL (relative paths start at the project). */
  databasePath: string;
};

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
  const filePath = result.data.DATABASE_URL.replace(/^file:/, "");
  return { ...result.data, databasePath: path.resolve(/* turbopackIgnore: true */ process.cwd(), filePath) };
}

let cached: Env | undefined;

/** The process's environment, validated once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
