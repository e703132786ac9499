"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SignInState } from "@/components/staff/sign-in-form";
import { clientAddress } from "@/lib/http/client-address";
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_SECONDS, pendingSignInEmail, pendingSignInValue } from "@/lib/auth/pending-sign-in";
import { signInWithPassword, signInWithSecondFactor } from "@/lib/auth/sign-in";
import { getEnv } from "@/lib/env";
import { errorKind, log } from "@/lib/log";


const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(254).pipe(z.email("Enter an email address like name@clinic.com")),
  password: z.string().min(1, "Enter your password").max(256, "That password is too long"),
});

function blockedMessage(limit: "address" | "account", seconds: number): string {
  if (limit === "account") {
    const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : "a minute";
    return `Too many failed attempts for this account. Wait ${wait}, then try again.`;
  }
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed attempts from this connection. Sign-in is paused for ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/** Public by nature: the one staff action that runs without a session. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  // A public endpoint: a hand-made request can send anything in place of the form.
  if (!(formData instanceof FormData)) return { formError: "The form could not be read. Reload the page and try again." };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")).slice(0, 254) : "";
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as "email" | "password";
      fieldErrors[key] ??= issue.message;
    }
    return { fieldErrors, email };
  }

  let outcome: Awaited<ReturnType<typeof signInWithPassword>>;
  try {
    const requestHeaders = await headers();
    outcome = await signInWithPassword({ ...parsed.data, ipAddress: clientAddress(requestHeaders), requestHeaders });
  } catch (error) {
    log.error({ event: "auth.sign_in_error", err: errorKind(error) });
    return { formError: "Signing in is not possible just now. Please try again in a minute.", email };
  }
  if (!outcome.ok) {
    if (outcome.reason === "second-factor") {
      (await cookies()).set(PENDING_SIGN_IN_COOKIE, pendingSignInValue(parsed.data.email.trim().toLowerCase()), {
        httpOnly: true,
        sameSite: "lax",
        secure: getEnv().BETTER_AUTH_URL.startsWith("https:"),
        path: "/login",
        maxAge: PENDING_SIGN_IN_SECONDS,
      });
      redirect("/login/two-factor");
    }
    if (outcome.reason === "blocked") return { formError: blockedMessage(outcome.limit, outcome.retryAfterSeconds), email };
    return { formError: "That email and password do not match an account.", email };
  }
  redirect("/dashboard");
}

/** What the code step answers: what to fix. */
export type CodeState = { formError?: string; fieldError?: string };

const codeSchema = z.object({
  code: z.string().trim().min(1, "Enter the code").max(40, "That code is too long"),
  kind: z.enum(["totp", "backup"]),
});

/** Public too: the second step of signing in, with the authenticator's code or a backup code. */
export async function signInWithCode(_previous: CodeState, formData: FormData): Promise<CodeState> {
  if (!(formData instanceof FormData)) return { formError: "The form could not be read. Reload the page and try again." };
  const parsed = codeSchema.safeParse({ code: formData.get("code") ?? "", kind: formData.get("kind") });
  if (!parsed.success) return { fieldError: parsed.error.issues[0]?.message ?? "Enter the code" };
  const jar = await cookies();
  const email = pendingSignInEmail(jar.get(PENDING_SIGN_IN_COOKIE)?.value);
  if (!email) return { formError: "This sign-in has timed out. Go back and enter your email and password again." };
  let outcome: Awaited<ReturnType<typeof signInWithSecondFactor>>;
  try {
    const requestHeaders = await headers();
    outcome = await signInWithSecondFactor({ email, code: parsed.data.code, kind: parsed.data.kind, ipAddress: clientAddress(requestHeaders), requestHeaders });
  } catch (error) {
    log.error({ event: "auth.second_factor_error", err: errorKind(error) });
    return { formError: "Signing in is not possible just now. Please try again in a minute." };
  }
  if (!outcome.ok) {
    if (outcome.reason === "blocked") return { formError: blockedMessage(outcome.limit, outcome.retryAfterSeconds) };
    if (outcome.reason === "expired") return { formError: "This sign-in has timed out. Go back and enter your email and password again." };
    return { fieldError: parsed.data.kind === "totp" ? "That code is not right. Enter the current code from your authenticator app." : "That backup code is not right, or was used already." };
  }
  jar.delete({ name: PENDING_SIGN_IN_COOKIE, path: "/login" });
  redirect("/dashboard");
}
