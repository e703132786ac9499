import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  lastIntakeOfClient,
  openLink,
  readDraft,
  recordWrongDateOfBirth,
  saveDraft,
  wrongDatesOfBirthFrom,
} from "@/lib/data/appointments";
import { getEnv } from "@/lib/env";
import { isCalendarDate } from "@/lib/intake/dates";
import { questionnaire, type StepId } from "@/lib/intake/questionnaire";
import { hashLinkToken, isLinkTokenShaped } from "./link-token";

/**
 * What a client's personal link does, from its token: which page it opens (nothing for an
 * unknown or expired link, the reference of a used one, the date-of-birth check of a returning
 * client, or the form and what it starts from), the date-of-birth check with its limits, and the
 * draft kept on the server as the client moves from step to step.
 */

/** Wrong dates of birth a link takes before it asks no more (the client then calls the clinic). */
export const DOB_TRIES_PER_LINK = 5;
/** Wrong dates of birth one address may type in an hour, on any link. */
export const DOB_TRIES_PER_ADDRESS_PER_HOUR = 10;

/** The cookie that says this browser confirmed the date of birth for one appointment's link. */
export const DOB_COOKIE = "intake_link_dob";

/** The cookie's value for an appointment: an HMAC under the server's secret, so it cannot be made up. */
export function dobProofOf(appointmentId: string): string {
  return createHmac("sha256", getEnv().BETTER_AUTH_SECRET).update(`dob-confirmed\u0000${appointmentId}`, "utf8").digest("base64url");
}

function isDobProof(appointmentId: string, cookie: string | undefined): boolean {
  if (!cookie) return false;
  const expected = Buffer.from(dobProofOf(appointmentId));
  const given = Buffer.from(cookie);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type FormStart = {
  /** The answers the form opens with (over its defaults). */
  values: Record<string, unknown>;
  /** The step to open on (a draft's), or null for the first. */
  step: string | null;
  /** Steps whose answers come from the last visit: each says so. */
  prefilledSteps: StepId[];
};

export type LinkPage =
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "used"; reference: string }
  | { kind: "locked" }
  | { kind: "confirm-date-of-birth"; appointmentId: string; startsAt: Date }
  | { kind: "form"; appointmentId: string; clientId: string; startsAt: Date; start: FormStart };

type Open = Extract<Awaited<ReturnType<typeof openLink>>, { kind: "open" }>;

async function openByToken(token: unknown, now: Date): Promise<Awaited<ReturnType<typeof openLink>>> {
  if (!isLinkTokenShaped(token)) return { kind: "unknown" };
  return openLink(hashLinkToken(token), now);
}

/** The page a link opens, for a browser with (or without) the date-of-birth cookie. */
export async function linkPage(token: unknown, dobCookie: string | undefined, now = new Date()): Promise<LinkPage> {
  const opened = await openByToken(token, now);
  if (opened.kind !== "open") return opened;
  const last = await lastIntakeOfClient(opened.client.id);
  if (last) {
    // A returning client's earlier answers (and the draft made from them) wait behind the date of birth.
    if (!isDobProof(opened.appointmentId, dobCookie)) {
      if (opened.dobFailures >= DOB_TRIES_PER_LINK) return { kind: "locked" };
      return { kind: "confirm-date-of-birth", appointmentId: opened.appointmentId, startsAt: opened.startsAt };
    }
  }
  return { kind: "form", appointmentId: opened.appointmentId, clientId: opened.client.id, startsAt: opened.startsAt, start: await formStart(opened, last) };
}

async function formStart(opened: Open, last: Awaited<ReturnType<typeof lastIntakeOfClient>>): Promise<FormStart> {
  const fromAppointment = { fullName: opened.client.fullName, email: opened.client.email, appointmentDate: opened.localDate };
  const prefilled = last ? (questionnaire.prefillFrom(last.answers) as Record<string, unknown>) : {};
  const prefilledSteps = [...new Set(Object.keys(prefilled).flatMap((id) => questionnaire.stepOf(id) ?? []))];
  const draft = await readDraft(opened.appointmentId);
  if (draft) return { values: { ...fromAppointment, ...draft.answers }, step: draft.step, prefilledSteps };
  // The last visit's name and email beat the appointment's only if the client typed them: the
  // appointment's are the clinic's latest.
  return { values: { ...prefilled, ...fromAppointment }, step: null, prefilledSteps };
}

export type DobCheck = { ok: true; appointmentId: string } | { ok: false; error: string; field?: "dateOfBirth" };

/** A returning client's date of birth, against their last intake's; wrong ones are counted and audited. */
export async function checkDateOfBirth(token: unknown, dateOfBirth: unknown, ipAddress: string, now = new Date()): Promise<DobCheck> {
  const opened = await openByToken(token, now);
  if (opened.kind !== "open") return { ok: false, error: "This link cannot be used any more. Please contact the clinic." };
  if (opened.dobFailures >= DOB_TRIES_PER_LINK) return { ok: false, error: LOCKED };
  if (typeof dateOfBirth !== "string" || !isCalendarDate(dateOfBirth.trim())) {
    return { ok: false, field: "dateOfBirth", error: "Enter your date of birth, such as 1956-03-21" };
  }
  const since = new Date(now.getTime() - 3_600_000);
  if ((await wrongDatesOfBirthFrom(ipAddress, since)) >= DOB_TRIES_PER_ADDRESS_PER_HOUR) {
    return { ok: false, error: "Too many dates of birth were tried from your connection. Please try again in an hour, or contact the clinic." };
  }
  const last = await lastIntakeOfClient(opened.client.id);
  if (!last || last.dateOfBirth === dateOfBirth.trim()) return { ok: true, appointmentId: opened.appointmentId };
  const failures = await recordWrongDateOfBirth(opened.appointmentId, ipAddress);
  if (failures >= DOB_TRIES_PER_LINK) return { ok: false, error: LOCKED };
  return {
    ok: false,
    field: "dateOfBirth",
    error: "This date of birth does not match the one the clinic has. Check it and try again, or contact the clinic.",
  };
}

const LOCKED = "This link is locked after too many wrong dates of birth. Please contact the clinic to get a new one.";

/** The largest draft kept: far above a full questionnaire's answers, far below a nuisance. */
const MAX_DRAFT_BYTES = 64 * 1024;

/**
 * Keeps what the client has filled in so far, so the link continues on another device. Only the
 * questionnaire's own questions are kept, and only while the link is open.
 */
export async function saveLinkDraft(token: unknown, step: unknown, values: unknown, now = new Date()): Promise<boolean> {
  const stepOk = typeof step === "string" && ([...questionnaire.stepIds, "review"] as string[]).includes(step);
  if (!stepOk || typeof values !== "object" || values === null || Array.isArray(values)) return false;
  const known = new Set<string>(questionnaire.registry.questions.map((q) => q.id));
  const kept = Object.fromEntries(Object.entries(values).filter(([id]) => known.has(id)));
  if (JSON.stringify(kept).length > MAX_DRAFT_BYTES) return false;
  const opened = await openByToken(token, now);
  if (opened.kind !== "open") return false;
  await saveDraft(opened.appointmentId, step, kept);
  return true;
}

/** The appointment and client an intake sent through this link belongs to, while the link is open. */
export async function linkForSubmit(
  token: unknown,
  now = new Date(),
): Promise<{ kind: "open"; appointmentId: string; clientId: string } | Exclude<Awaited<ReturnType<typeof openLink>>, { kind: "open" }>> {
  const opened = await openByToken(token, now);
  if (opened.kind !== "open") return opened;
  return { kind: "open", appointmentId: opened.appointmentId, clientId: opened.client.id };
}
