"use server";

import { headers } from "next/headers";
import { APIError } from "better-auth/api";
import type { ActionResult } from "@/lib/action-result";
import { getAuth } from "@/lib/auth/auth";
import { requireSignedIn } from "@/lib/auth/session";
import { recordAudit } from "@/lib/data/audit";
import { endSessionsBefore } from "@/lib/data/sessions";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

/** What the first step of setting up gives: the key for the app, and the backup codes to keep. */
export type Enrolment = { totpURI: string; secret: string; backupCodes: string[] };

/**
 * Setting up two-factor sign-in, for the signed-in therapist (before it is required of them): the
 * password confirms it is them; better-auth makes the secret and ten backup codes. Nothing is
 * turned on until a code from the app is confirmed (confirmTwoFactor).
 */
export async function startTwoFactor(password: unknown): Promise<ActionResult<Enrolment>> {
  await requireSignedIn();
  if (typeof password !== "string" || password.length === 0 || password.length > 256) {
    return { ok: false, fieldErrors: { password: "Enter your password" } };
  }
  try {
    const result = await getAuth().api.enableTwoFactor({ body: { password }, headers: await headers() });
    if (!("totpURI" in result)) throw new Error("two-factor: no authenticator key");
    const secret = new URL(result.totpURI).searchParams.get("secret") ?? "";
    return { ok: true, data: { totpURI: result.totpURI, secret, backupCodes: result.backupCodes } };
  } catch (error) {
    if (error instanceof APIError) return { ok: false, fieldErrors: { password: "That password is not right" } };
    log.error({ event: "auth.two_factor_start_failed", err: errorKind(error) });
    return { ok: false, formError: "Two-factor sign-in cannot be set up just now. Please try again in a minute." };
  }
}

/** Confirms the app works (its current code), which turns two-factor sign-in on. */
export async function confirmTwoFactor(code: unknown): Promise<ActionResult<null>> {
  const therapist = await requireSignedIn();
  if (typeof code !== "string" || !/^\s*\d{6}\s*$/.test(code)) return { ok: false, fieldErrors: { code: "Enter the 6-digit code from your authenticator app" } };
  try {
    const requestHeaders = await headers();
    const confirmedAt = new Date();
    await getAuth().api.verifyTOTP({ body: { code: code.trim() }, headers: requestHeaders });
    // better-auth gives this browser a new session; every session opened with the password alone
    // before now (another browser, perhaps not the therapist's) ends.
    await endSessionsBefore(therapist.id, confirmedAt);
    await recordAudit({ action: "two_factor_enabled", actorId: therapist.id, ipAddress: clientAddress(requestHeaders) });
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof APIError) return { ok: false, fieldErrors: { code: "That code is not right. Enter the current code from your authenticator app." } };
    log.error({ event: "auth.two_factor_confirm_failed", err: errorKind(error) });
    return { ok: false, formError: "Two-factor sign-in cannot be turned on just now. Please try again in a minute." };
  }
}
