import type { Instrumentation } from "next";

/**
 * Runs once when the server starts (Next's instrumentation hook), and Next awaits it before it
 * answers any request: see lib/on-server-start.ts. Each import sits inside the runtime check, so
 * the Edge build of this file, which Next also makes, carries none of the Node.js-only code.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("@/lib/on-server-start");
    await onServerStart();
  }
}

/**
 * Every error Next catches while answering a request, into our log: the route's pattern (never the
 * path or query, which can hold a searched name) and the error's kind, never its message.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { errorKind, log } = await import("@/lib/log");
    log.error({
      event: "request.error",
      method: request.method,
      route: context.routePath,
      routeType: context.routeType,
      err: errorKind(error, { withFrames: true }),
    });
  }
};
