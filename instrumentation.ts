import type { Instrumentation } from "next";

/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("@/lib/start-up");
    checkEnvironmentOrExit();
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
