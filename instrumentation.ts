/**
 * Runs once when the server starts: a missing or malformed environment variable stops the start
 * with a message naming it, instead of failing later on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("@/lib/env");
    getEnv();
  }
}
