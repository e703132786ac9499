import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/staff/sign-in-form";
import { getTherapist } from "@/lib/auth/session";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ ended?: string; password?: string }> }) {
  if (await getTherapist()) redirect("/dashboard");
  const { ended, password } = await searchParams;
  return (
    <div className="page narrow">
      <h1>Therapist sign-in</h1>
      {password === "set" ? (
        <p className="notice" role="status">
          Your password is set. Sign in with your email and the new password.
        </p>
      ) : ended === "expired" ? (
        <p className="notice" role="status">
          You were signed out 12 hours after signing in. Please sign in again.
        </p>
      ) : ended === "idle" ? (
        <p className="notice" role="status">
          You were signed out after 30 minutes without activity.
        </p>
      ) : (
        <p className="lede">Sign in to see your clients&apos; intakes.</p>
      )}
      <SignInForm action={signIn} />
    </div>
  );
}
