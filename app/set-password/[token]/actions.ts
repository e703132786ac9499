"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/auth";
import { setPasswordFromLink } from "@/lib/auth/team";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

export type SetPasswordState = { formError?: string; fieldErrors?: { password?: string; repeat?: string } };

/** Public: the token (bound by the page) is the only key, and it works once. */
export async function setPassword(token: string, _previous: SetPasswordState, formData: FormData): Promise<SetPasswordState> {
  if (!(formData instanceof FormData)) return { formError: "The form could not be read. Reload the page and try again." };
  const password = formData.get("password");
  const repeat = formData.get("repeat");
  if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH) {
    return { fieldErrors: { password: `Use at least ${MIN_PASSWORD_LENGTH} characters` } };
  }
  if (password.length > 256) return { fieldErrors: { password: "Use at most 256 characters" } };
  if (repeat !== password) return { fieldErrors: { repeat: "The two passwords are not the same" } };
  try {
    const outcome = await setPasswordFromLink(token, password, clientAddress(await headers()));
    if (outcome !== "set") return { formError: "This link has expired or was used already. Ask the clinic's owner for a new one." };
  } catch (error) {
    log.error({ event: "auth.set_password_failed", err: errorKind(error) });
    return { formError: "The password could not be set just now. Please try again in a minute." };
  }
  redirect("/login?password=set");
}
