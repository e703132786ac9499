import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * A client's personal link carries a token of 256 bits (well past the 128 an unguessable link
 * needs), written in base64url (43 characters). The database keeps only the token's SHA-256, which
 * finds the appointment, and a random seed (32 bytes) from which the server, with its secret, can
 * make the same token again for the reminder email. Neither opens anyone's form without the
 * secret: a copy of the database alone holds no link. (Decision 010.)
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token a seed stands for under the server's secret: HMAC-SHA256, so unguessable without it. */
export function linkTokenOf(seed: string, secret: string): string {
  return createHmac("sha256", secret).update(`personal-link\u0000${seed}`, "utf8").digest("base64url");
}

/** A new link: its seed (stored), token (sent, never stored) and the token's hash (stored). */
export function newLinkToken(secret: string): { seed: string; token: string; hash: string } {
  const seed = randomBytes(32).toString("base64url");
  const token = linkTokenOf(seed, secret);
  return { seed, token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string from a URL has a token's shape (checked before any database look-up). */
export function isLinkTokenShaped(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
