import { createHash, randomBytes } from "node:crypto";

/**
 * A client's personal link carries a token: 32 random bytes (256 bits, well past the 128 an
 * unguessable link needs), written in base64url (43 characters). The database keeps only its
 * SHA-256, so a copy of the database opens no one's form.
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string from a URL has a token's shape (checked before any database look-up). */
export function isLinkTokenShaped(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}
