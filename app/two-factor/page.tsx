import type { Metadata } from "next";
import Link from "next/link";
import { TwoFactorSetup } from "@/components/staff/two-factor-setup";
import { requireSignedIn } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { signOut } from "../(staff)/actions";
import { confirmTwoFactor, startTwoFactor } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/**
 * Setting up two-factor sign-in. Outside the dashboard's frame on purpose: with REQUIRE_TWO_FACTOR
 * every staff page sends a therapist without it here, and this page must not send them back.
 */
export default async function TwoFactorPage() {
  const therapist = await requireSignedIn();
  const required = getEnv().requireTwoFactor;
  return (
    <div className="page narrow">
      <h1>Two-factor sign-in</h1>
      {therapist.twoFactorEnabled ? (
        <p className="lede" role="status">
          Two-factor sign-in is on for your account. <Link href="/dashboard">Back to the dashboard</Link>
        </p>
      ) : (
        <>
          <p className="lede">
            {required ? "This clinic asks every therapist to sign in with a code from their phone as well as a password. " : ""}
            Set it up once: confirm your password, add the clinic to an authenticator app, keep the backup codes, and enter
            one code.
          </p>
          <TwoFactorSetup start={startTwoFactor} confirm={confirmTwoFactor} />
        </>
      )}
      <form action={signOut}>
        <button type="submit" className="secondary small">
          Sign out
        </button>
      </form>
    </div>
  );
}
