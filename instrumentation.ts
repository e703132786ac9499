import type { Instrumentation } from "next";

/**
 * Runs once when the server starts (Next's instrumentation hook), before it answers a request:
 * the environment is checked, then stored intakes are brought up to the current precaution rules.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/start-up");
    checkEnvironmentOrExit();
    await bringDataUpToDate();
  }
}

/** Intakes stored under an older precaution rules version get their counts again (once). */
async function bringDataUpToDate() {
  const { recomputePrecautionCounts } = await import("@/lib/data/intakes");
  const { log } = await import("@/lib/log");
  const started = performance.now();
  const result = await recomputePrecautionCounts();
  if (result.recomputed > 0) {
    log.info({ event: "precautions.recomputed", ...result, ms: Math.round(performance.now() - started) });
  }
}

/**
 * Every error Next catches while answering a request, into our log: the route's pattern (never the
 * path or query, which can hold a searched name) and the error's kind, never its message.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { errorKind, log } = await import("@/lib/log");
  log.error({
    event: "request.error",
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    err: errorKind(error, { withFrames: true }),
  });
};
