import "server-only";
import { randomBytes } from "node:crypto";
import { hashLinkToken, isLinkTokenShaped } from "@/lib/appointments/link-token";
import { recordAudit } from "@/lib/data/audit";
import { replaceSetPasswordLink, takeSetPasswordLink } from "@/lib/data/team";
import { getEnv } from "@/lib/env";
import { sendEmail, type SendOutcome } from "@/lib/mail/mailer";
import { newAccountEmail } from "@/lib/mail/messages";
import { createTherapist } from "./accounts";
import { getAuth } from "./auth";

/**
 * The owner adds a therapist by email: the account is made with a random password nobody knows,
 * and the therapist sets their own from a one-time link (72 hours), sent like appointment emails.
 */
export const SET_PASSWORD_HOURS = 72;

export async function addTherapist(
  input: { name: string; email: string },
  by: { ownerId: string; ipAddress: string },
): Promise<{ userId: string; link: string; email: SendOutcome }> {
  const created = await createTherapist({ ...input, password: randomBytes(32).toString("base64url") });
  await recordAudit({ action: "team_added", actorId: by.ownerId, subjectUserId: created.id, ipAddress: by.ipAddress });
  return { userId: created.id, ...(await sendSetPasswordLink({ id: created.id, name: input.name, email: created.email })) };
}

/**
 * A new one-time link for an account (a link that expired, or a forgotten password): earlier links
 * of the account stop working; the password is unchanged until the link is used.
 */
export async function sendSetPasswordLink(account: { id: string; name: string; email: string }): Promise<{ link: string; email: SendOutcome }> {
  const token = randomBytes(32).toString("base64url");
  await replaceSetPasswordLink(hashLinkToken(token), account.id, new Date(Date.now() + SET_PASSWORD_HOURS * 3_600_000));
  const env = getEnv();
  const link = new URL(`/set-password/${token}`, env.BETTER_AUTH_URL).toString();
  const { subject, text } = newAccountEmail({ clinicName: env.CLINIC_NAME, name: account.name, link, hours: SET_PASSWORD_HOURS });
  return { link, email: await sendEmail({ to: account.email, subject, text, kind: "account" }) };
}

/** Sets an account's password from its one-time link; the link is used up either way once valid-shaped. */
export async function setPasswordFromLink(token: unknown, password: string, ipAddress: string): Promise<"set" | "link-not-valid"> {
  if (!isLinkTokenShaped(token)) return "link-not-valid";
  const userId = await takeSetPasswordLink(hashLinkToken(token), new Date());
  if (!userId) return "link-not-valid";
  const context = await getAuth().$context;
  await context.internalAdapter.updatePassword(userId, await context.password.hash(password));
  await recordAudit({ action: "password_set", actorId: userId, ipAddress });
  return "set";
}
