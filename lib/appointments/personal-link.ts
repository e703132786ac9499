import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import {
  lastIntakeOfClient,
  markOpened,
  openLink,
  readDraft,
  recordWrongDateOfBirth,
  releaseDateOfBirthTry,
  reserveDateOfBirthTry,
  saveDraft,
  wrongDatesOfBirthFrom,
} from "@/lib/data/appointments";
import { getEnv } from "@/lib/env";
import { isCalendarDate } from "@/lib/intake/dates";
import { MAX_DRAFT_CHARS } from "@/lib/intake/form-steps";
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
  /** When the draft was last saved on the server (ms), or null: the form compares its tab's copy. */
  savedAt: number | null;
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
  if (draft) return { values: { ...fromAppointment, ...draft.answers }, step: draft.step, prefilledSteps, savedAt: draft.savedAt.getTime() };
  // The last visit's name and email beat the appointment's only if the client typed them: the
  // appointment's are the clinic's latest.
  return { values: { ...prefilled, ...fromAppointment }, step: null, prefilledSteps, savedAt: null };
}

export type DobCheck = { ok: true; appointmentId: string } | { ok: false; error: string; field?: "dateOfBirth" };

/**
 * A returning client's date of birth, against their last intake's. Each try is taken from the
 * link's allowance before the date is compared (given back when it is right), so parallel guesses
 * cannot pass the limit; a wrong one is in the audit trail with the address.
 */
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
  if (!(await reserveDateOfBirthTry(opened.appointmentId, DOB_TRIES_PER_LINK))) return { ok: false, error: LOCKED };
  const last = await lastIntakeOfClient(opened.client.id);
  if (!last || last.dateOfBirth === dateOfBirth.trim()) {
    await releaseDateOfBirthTry(opened.appointmentId);
    await markOpened(opened.appointmentId, now);
    return { ok: true, appointmentId: opened.appointmentId };
  }
  await recordWrongDateOfBirth(opened.appointmentId, ipAddress);
  if (opened.dobFailures + 1 >= DOB_TRIES_PER_LINK) return { ok: false, error: LOCKED };
  return {
    ok: false,
    field: "dateOfBirth",
    error: "This date of birth does not match the one the clinic has. Check it and try again, or contact the clinic.",
  };
}

const LOCKED = "This link is locked after too many wrong dates of birth. Please contact the clinic to get a new one.";


/**
 * A draft's answers as the form can take them back: the questionnaire's own questions only, each
 * of its kind's type (text, a list of ids, a box ticked or not, one choice's id, a number).
 */
function draftAnswers(values: Record<string, unknown>): Record<string, unknown> {
  const kinds = new Map<string, string>(questionnaire.registry.questions.map((q) => [q.id, q.kind]));
  const fits = (kind: string | undefined, value: unknown): boolean => {
    switch (kind) {
      case undefined:
        return false;
      case "multipleChoice":
      case "bodyRegions":
        return Array.isArray(value) && value.length <= 100 && value.every((v) => typeof v === "string");
      case "tick":
      case "consent":
        return typeof value === "boolean";
      case "scale":
        return value === null || typeof value === "number" || typeof value === "string";
      default:
        // Text, dates and single choices (an option's id), or a choice not made yet.
        return typeof value === "string" || value === null;
    }
  };
  return Object.fromEntries(Object.entries(values).filter(([id, value]) => fits(kinds.get(id), value)));
}

/**
 * The link an action may act on: open, and, for a returning client, opened in a browser that
 * confirmed their date of birth (and not locked), so a forwarded link cannot send or overwrite
 * answers in their name.
 */
async function actionableLink(token: unknown, dobCookie: string | undefined, now: Date) {
  const opened = await openByToken(token, now);
  if (opened.kind !== "open") return opened;
  if (await lastIntakeOfClient(opened.client.id)) {
    if (opened.dobFailures >= DOB_TRIES_PER_LINK) return { kind: "locked" as const };
    if (!isDobProof(opened.appointmentId, dobCookie)) return { kind: "needs-date-of-birth" as const };
  }
  return opened;
}

/** Why a link's draft was not saved. */
export type DraftRefusal = "invalid" | "too-large" | "needs-date-of-birth" | "closed";

/**
 * Keeps what the client has filled in so far, so the link continues on another device. Only the
 * questionnaire's own questions are kept, and only while the link is open: when it was saved, or
 * why it was not.
 */
export async function saveLinkDraft(
  token: unknown,
  step: unknown,
  values: unknown,
  dobCookie: string | undefined,
  now = new Date(),
): Promise<{ ok: true; savedAt: Date } | { ok: false; why: DraftRefusal }> {
  const stepOk = typeof step === "string" && ([...questionnaire.stepIds, "review"] as string[]).includes(step);
  if (!stepOk || typeof values !== "object" || values === null || Array.isArray(values)) return { ok: false, why: "invalid" };
  const kept = draftAnswers(values as Record<string, unknown>);
  if (JSON.stringify(kept).length > MAX_DRAFT_CHARS) return { ok: false, why: "too-large" };
  const link = await actionableLink(token, dobCookie, now);
  if (link.kind === "needs-date-of-birth") return { ok: false, why: "needs-date-of-birth" };
  if (link.kind !== "open") return { ok: false, why: "closed" };
  const savedAt = await saveDraft(link.appointmentId, step, kept);
  await markOpened(link.appointmentId, now);
  return { ok: true, savedAt };
}

/** The appointment and client an intake sent through this link belongs to, while the link may be used. */
export async function linkForSubmit(token: unknown, dobCookie: string | undefined, now = new Date()) {
  const link = await actionableLink(token, dobCookie, now);
  if (link.kind !== "open") return link;
  return { kind: "open" as const, appointmentId: link.appointmentId, clientId: link.client.id };
}
