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

export type ErrorKind = { name: string; code?: string; digest?: string; frames?: string[] };

/**
 * What may be logged of an unexpected error: its kind, its code, Next's digest (the number the
 * error page shows) and where it was thrown. Messages are left out on purpose: database and
 * validation errors can quote the values they were given, and so can the first line of a stack.
 */
export function errorKind(error: unknown, { withFrames = false } = {}): ErrorKind {
  if (!(error instanceof Error)) return { name: typeof error };
  const { code, digest } = error as { code?: unknown; digest?: unknown };
  // The stack starts with the message, which may span lines and quote input: skip those lines.
  const messageLines = `${error.name}: ${error.message}`.split("\n").length;
  const frames = withFrames
    ? (error.stack ?? "")
        .split("\n")
        .slice(messageLines)
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 12)
        .map((line) => line.trim())
    : undefined;
  return {
    name: error.name,
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof digest === "string" ? { digest } : {}),
    ...(frames ? { frames } : {}),
  };
}

/**
 * Next prints the errors it catches (a page that failed to render, an action that threw) with
 * console.error, message and all, and a database error's message can quote what a client typed.
 * The server (server.ts) sends console.error and console.warn here instead: an error keeps its
 * kind, code, digest and frames; any other argument, which may be text built from a request (a
 * URL with a search in it), is counted, not printed.
 */
export function routeConsoleThroughLog(): void {
  const forward = (level: "error" | "warn") => (...args: unknown[]) => {
    const error = args.find((a) => a instanceof Error);
    log[level]({
      event: "server.console",
      ...(error ? { err: errorKind(error, { withFrames: true }) } : {}),
      withheld: args.filter((a) => a !== error).map((a) => typeof a),
    });
  };
  console.error = forward("error");
  console.warn = forward("warn");
}
