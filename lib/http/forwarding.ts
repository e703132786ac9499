import { isIP } from "node:net";

/**
 * Who is asking: decided once per request by our server (server.ts) before Next sees it, from the
 * connection itself. Nothing here trusts what the client says about itself unless TRUST_PROXY
 * names how many proxies in front of the app add to X-Forwarded-For.
 */

/** Headers through which a client can claim an address, host or scheme of its choice. */
const CLAIMING_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-cluster-client-ip",
] as const;

/** What a trusted proxy sets besides the address; kept only when TRUST_PROXY trusts one. */
const PROXY_SET = new Set(["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]);

/** "::ffff:127.0.0.1" (an IPv4 connection on a dual-stack socket) is 127.0.0.1. */
function normalise(address: string): string {
  const bare = address.trim();
  return bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
}

/**
 * The client's address. With `trustedHops` = 0 it is the connection's. With N > 0, each of the N
 * proxies nearest the app is trusted to have appended the address it saw to X-Forwarded-For, so
 * the client is the Nth entry from the right. An entry that is not an address stops the walk: the
 * hop before it is the last one we can vouch for.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  let address = socketAddress ? normalise(socketAddress) : "unknown";
  if (trustedHops === 0 || forwardedFor === undefined) return address;
  const list = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let hop = 1; hop <= trustedHops && hop <= list.length; hop++) {
    const entry = normalise(list[list.length - hop]!);
    if (isIP(entry) === 0) break;
    address = entry;
  }
  return address;
}

/**
 * Rewrites a request's headers in place before Next handles it: removes every address header the
 * client sent (and the forwarded host, scheme and port, unless a proxy is trusted to set them),
 * then sets X-Forwarded-For to the one address the app will use. Returns that address.
 */
export function applyForwarding(
  headers: Record<string, string | string[] | undefined>,
  socketAddress: string | undefined,
  trustedHops: number,
): string {
  const address = resolveClientAddress(socketAddress, headers["x-forwarded-for"], trustedHops);
  for (const name of CLAIMING_HEADERS) {
    if (trustedHops > 0 && PROXY_SET.has(name)) continue;
    delete headers[name];
  }
  headers["x-forwarded-for"] = address;
  return address;
}
