import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/staff/set-password-form";
import { hashLinkToken, isLinkTokenShaped } from "@/lib/appointments/link-token";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/auth";
import { setPasswordLinkIsOpen } from "@/lib/data/team";
import { setPassword } from "./actions";

export const metadata: Metadata = { title: "Set your password", robots: { index: false, follow: false } };

/** A new therapist's one-time link: set a password, then sign in. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const open = isLinkTokenShaped(token) && (await setPasswordLinkIsOpen(hashLinkToken(token), new Date()));
  return (
    <div className="page narrow">
      <h1>Set your password</h1>
      {open ? (
        <>
          <p className="lede">Choose a password of at least {MIN_PASSWORD_LENGTH} characters. You then sign in with your email and this password.</p>
          <SetPasswordForm action={setPassword.bind(null, token)} minLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <p className="lede">This link has expired or was used already. Ask the clinic&apos;s owner for a new one.</p>
      )}
    </div>
  );
}
