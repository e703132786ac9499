import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * Between the password and the authenticator code, which account is signing in: a cookie signed
 * with the server's secret, so the code step counts its attempts against the right account (the
 * limits of lib/auth/sign-in-limits.ts). better-auth's own two-factor cookie carries the proof.
 */
export const PENDING_SIGN_IN_COOKIE = "intake_sign_in_pending";
export const PENDING_SIGN_IN_SECONDS = 600;

const mac = (payload: string) => createHmac("sha256", getEnv().BETTER_AUTH_SECRET).update(`pending-sign-in\u0000${payload}`).digest("base64url");

/** The cookie's value: the email and when the password was accepted, signed. */
export function pendingSignInValue(email: string, now = new Date()): string {
  const payload = Buffer.from(JSON.stringify([email, now.getTime()]), "utf8").toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/**
 * The email the cookie was made for, or null when it is missing, was not made by this server, or
 * is older than the ten minutes the code step lasts (whatever the browser kept).
 */
export function pendingSignInEmail(value: string | undefined, now = new Date()): string | null {
  if (!value) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [email, issuedAt] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof email !== "string" || typeof issuedAt !== "number") return null;
    if (now.getTime() - issuedAt > PENDING_SIGN_IN_SECONDS * 1000 || issuedAt > now.getTime() + 60_000) return null;
    return email;
  } catch {
    return null;
  }
}
