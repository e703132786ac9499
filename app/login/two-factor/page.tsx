import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CodeForm } from "@/components/staff/code-form";
import { getTherapist } from "@/lib/auth/session";
import { signInWithCode } from "../actions";

export const metadata: Metadata = { title: "Sign in: authenticator code" };

/** The second step of signing in, for an account with two-factor sign-in. */
export default async function TwoFactorSignInPage() {
  if (await getTherapist()) redirect("/dashboard");
  return (
    <div className="page narrow">
      <h1>Enter your authenticator code</h1>
      <p className="lede">Open the authenticator app on your phone and enter the 6-digit code it shows for this clinic.</p>
      <CodeForm action={signInWithCode} kind="totp" label="Authentication code" button="Verify" />
      <h2>Lost your phone?</h2>
      <CodeForm
        action={signInWithCode}
        kind="backup"
        label="Backup code"
        button="Use backup code"
        hint="Each of the backup codes you saved when you set up two-factor sign-in works once."
      />
      <p>
        <Link href="/login">Start again</Link>
      </p>
    </div>
  );
}
