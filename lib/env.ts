import "server-only";
import { parseEnv, type Env } from "./env-schema";

/**
 * The validated environment: the only module of the app that reads process.env (the schema, with
 * every default, is lib/env-schema.ts). Development and tests need nothing set.
 */
export { DEFAULT_DATABASE_URL, EnvError, parseEnv, type Env } from "./env-schema";

let cached: Env | undefined;

/** The process's environment, validated once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
