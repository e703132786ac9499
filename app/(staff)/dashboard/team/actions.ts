"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { newTherapistSchema } from "@/lib/auth/accounts";
import { requireOwner } from "@/lib/auth/session";
import { addTherapist, sendSetPasswordLink } from "@/lib/auth/team";
import { recordAudit } from "@/lib/data/audit";
import { disableAccount, findAccount, resetTwoFactor } from "@/lib/data/team";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

/** What "Add therapist" answers: the one-time link, and whether the email went. */
export type AddedTherapist = { link: string; email: string; emailed: boolean; emailProblem: string | null };

const addSchema = newTherapistSchema.pick({ name: true, email: true });

/** Owner only, as every action here: a therapist who is not the owner gets 403. */
export async function addTeamMember(values: unknown): Promise<ActionResult<AddedTherapist>> {
  const owner = await requireOwner();
  const parsed = addSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  try {
    const added = await addTherapist(parsed.data, { ownerId: owner.id, ipAddress: clientAddress(await headers()) });
    revalidatePath("/dashboard/team");
    return { ok: true, data: { link: added.link, email: parsed.data.email, emailed: added.email.sent, emailProblem: added.email.sent ? null : added.email.problem } };
  } catch (error) {
    if (error instanceof Error && /already exists/.test(error.message)) return { ok: false, fieldErrors: { email: "An account with this email already exists" } };
    log.error({ event: "team.add_failed", err: errorKind(error) });
    return { ok: false, formError: "The account could not be made just now. Please try again." };
  }
}

const memberSchema = z.object({ userId: z.string().min(1).max(64) });

async function changeMember(formData: FormData, change: "disable" | "reset-two-factor"): Promise<void> {
  const owner = await requireOwner();
  if (!(formData instanceof FormData)) return;
  const parsed = memberSchema.safeParse({ userId: formData.get("userId") });
  // The owner cannot lock themselves out from here.
  if (!parsed.success || (change === "disable" && parsed.data.userId === owner.id)) return;
  const { userId } = parsed.data;
  try {
    const changed = change === "disable" ? await disableAccount(userId) : await resetTwoFactor(userId);
    if (changed) {
      await recordAudit({
        action: change === "disable" ? "team_disabled" : "team_two_factor_reset",
        actorId: owner.id,
        subjectUserId: userId,
        ipAddress: clientAddress(await headers()),
      });
    }
  } catch (error) {
    log.error({ event: "team.change_failed", err: errorKind(error) });
  }
  revalidatePath("/dashboard/team");
}

/** Disables a therapist's account: they cannot sign in, and their sessions end at once. */
export async function disableTeamMember(formData: FormData): Promise<void> {
  await changeMember(formData, "disable");
}

/** A lost phone: the account's authenticator and backup codes are forgotten; they set it up again. */
export async function resetTeamMemberTwoFactor(formData: FormData): Promise<void> {
  await changeMember(formData, "reset-two-factor");
}

/** A new one-time link for an account whose link expired or whose password is forgotten; emailed. */
export async function sendNewPasswordLink(formData: FormData): Promise<void> {
  const owner = await requireOwner();
  if (!(formData instanceof FormData)) return;
  const parsed = memberSchema.safeParse({ userId: formData.get("userId") });
  if (!parsed.success || parsed.data.userId === owner.id) return;
  try {
    const account = await findAccount(parsed.data.userId);
    if (!account || account.disabled) return;
    await sendSetPasswordLink(account);
    await recordAudit({ action: "team_password_link", actorId: owner.id, subjectUserId: account.id, ipAddress: clientAddress(await headers()) });
  } catch (error) {
    log.error({ event: "team.link_failed", err: errorKind(error) });
  }
  revalidatePath("/dashboard/team");
}
