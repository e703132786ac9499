/**
 * The address a request came from, for rate limits and the audit trail. `next start` fills
 * X-Forwarded-For with the connection's address only when the request has none, so a client that
 * sends its own header can choose what is seen here; behind a proxy that overwrites the header,
 * the last entry is the proxy's view of the client. Per-account limits do not depend on it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
