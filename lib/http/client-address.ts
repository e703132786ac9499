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

/**
 * What the per-address limits count by: an IPv4 address, or an IPv6 address's /64 network (one
 * host is usually given a whole /64, and could otherwise take a new address for every request).
 */
export function limitKeyOf(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
