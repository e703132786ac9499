"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { SignInState } from "@/components/staff/sign-in-form";
import { clientAddress } from "@/lib/http/client-address";
import { signInWithPassword } from "@/lib/auth/sign-in";
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
    if (outcome.reason === "blocked") return { formError: blockedMessage(outcome.limit, outcome.retryAfterSeconds), email };
    return { formError: "That email and password do not match an account.", email };
  }
  redirect("/dashboard");
}
