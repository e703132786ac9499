import pino from "pino";
import { getEnv } from "@/lib/env";

/**
 * Structured JSON logs. Health data must never reach them: log events, ids and error kinds, not
 * what a client typed. The redact list is a second line of defence for fields a caller might pass
 * by mistake.
 */
export const log = pino({
  level: getEnv().LOG_LEVEL,
  base: undefined,
  redact: {
    paths: ["answers", "input", "values", "body", "*.answers", "*.input", "*.values", "*.body", "err.message", "err.stack"],
    censor: "[redacted]",
  },
});

/**
 * What may be logged of an unexpected error: its kind and code. Messages are left out on purpose:
 * database and validation errors can quote the values they were given.
 */
export function errorKind(error: unknown): { name: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, ...(typeof code === "string" ? { code } : {}) };
  }
  return { name: typeof error };
}
