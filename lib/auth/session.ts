import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { checkAndTouchSession, type SessionCheck } from "@/lib/data/sessions";
import { isOwner, type Therapist } from "@/lib/data/therapists";
import { getEnv } from "@/lib/env";
import { getAuth } from "./auth";

export type SignedInTherapist = Therapist & { sessionId: string; twoFactorEnabled: boolean };

/**
 * The signed-in therapist of this request, or null. Checks the session in the database on every
 * request (no cookie cache), ends it after 30 minutes idle or when the account was disabled.
 * Cached for the length of one request.
 */
const resolveSession = cache(async (): Promise<{ therapist: SignedInTherapist | null; ended?: SessionCheck }> => {
  const result = await getAuth().api.getSession({ headers: await headers() });
  if (!result) return { therapist: null };
  const state = await checkAndTouchSession(result.session.id);
  if (state !== "active") return { therapist: null, ended: state };
  const { user, session } = result;
  const twoFactorEnabled = (user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled === true;
  return { therapist: { id: user.id, name: user.name, email: user.email, sessionId: session.id, twoFactorEnabled } };
});

export async function getTherapist(): Promise<SignedInTherapist | null> {
  return (await resolveSession()).therapist;
}

/**
 * Every staff page, server action and route handler starts with this. A server action is a public
 * POST endpoint, so a layout's check is not enough: each one checks for itself.
 */
export async function requireTherapist(): Promise<SignedInTherapist> {
  const therapist = await requireSignedIn();
  // With REQUIRE_TWO_FACTOR (on in production), no data before an authenticator app is set up.
  if (getEnv().requireTwoFactor && !therapist.twoFactorEnabled) redirect("/two-factor");
  return therapist;
}

/** A signed-in therapist, with or without two-factor sign-in: only for setting it up. */
export async function requireSignedIn(): Promise<SignedInTherapist> {
  const { therapist, ended } = await resolveSession();
  if (!therapist) redirect(ended === "idle" || ended === "expired" ? `/login?ended=${ended}` : "/login");
  return therapist;
}

/**
 * The owner's pages and actions (erasing a client's data, the team) start with this: no session
 * goes to sign in, a therapist who is not an owner gets 403.
 */
export async function requireOwner(): Promise<SignedInTherapist> {
  const therapist = await requireTherapist();
  if (!(await isOwner(therapist.id))) forbidden();
  return therapist;
}
