/**
 * The address a request came from, for rate limits and the audit trail. Our server (server.ts)
 * writes X-Forwarded-For itself on every request: the connection's address, or, with TRUST_PROXY
 * set, the address its trusted proxies report (lib/http/forwarding.ts). Whatever a client sent in
 * that header is gone by the time the app reads it.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  // One entry from our server; `next dev` passes the client's list on, and its last entry is the
  // nearest hop.
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || "unknown";
}
