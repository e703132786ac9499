import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { deleteFormDraft, readFormDraft, saveFormDraft, type FormDraftRow } from "@/lib/data/form-drafts";
import { createSubmitLimiter, isLimitReached } from "@/lib/data/submit-limits";
import { clientCookieOptions } from "@/lib/http/client-cookie";
import { MAX_DRAFT_CHARS } from "@/lib/intake/form-steps";
import { clientAddress, limitKeyOf } from "@/lib/http/client-address";
import { submitFromForm } from "./from-form";
import { TOO_LONG, type DraftStore } from "./posted-steps";

/**
 * The public form's draft on the server, for a browser that posts its steps (posted-steps.ts): the
 * cookie holds a random key (httpOnly, this form's path only, gone when the browser closes, as the
 * enhanced form's copy in the tab is), the database the answers under the key's hash for a day.
 * Why not the answers in an encrypted cookie: a full questionnaire with its free text runs far past
 * the 4 KB a browser keeps per cookie (docs/decisions/014).
 */

export const FORM_DRAFT_COOKIE = "intake_form_draft";
export const POSTED_PARAM = "posted";
const DAY_MS = 24 * 3_600_000;
/** New drafts one address may start in a minute, and steps it may post: a waiting room's shared connection, not a script. */
const NEW_DRAFTS_PER_MINUTE = 20;
const SAVES_PER_MINUTE = 120;
const SLOW_DOWN = "Too many forms were sent from your connection. Please try again in a minute: your answers on this page are kept.";

const idOf = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");
const isKeyShaped = (key: string | undefined): key is string => typeof key === "string" && /^[A-Za-z0-9_-]{43}$/.test(key);

const globalForDrafts = globalThis as unknown as { draftLimiters?: Record<string, RateLimiterAbstract> };

/** This browser's draft of the public form, if it has one (the form's page draws from it). */
export async function readPublicDraft(now = new Date()): Promise<FormDraftRow | null> {
  const key = (await cookies()).get(FORM_DRAFT_COOKIE)?.value;
  return isKeyShaped(key) ? readFormDraft(idOf(key), now) : null;
}

/** Forgets this browser's draft: its intake was stored (by a post or by the enhanced form). */
export async function finishPublicDraft(): Promise<void> {
  const jar = await cookies();
  const key = jar.get(FORM_DRAFT_COOKIE)?.value;
  if (!isKeyShaped(key)) return;
  await deleteFormDraft(idOf(key));
  jar.delete({ name: FORM_DRAFT_COOKIE, path: "/intake" });
}

/** The public form's draft as the step action uses it; a new one is made (and its cookie set) at the first save. */
export function publicDraftStore(): DraftStore {
  return {
    // The mark says a step was posted: a page drawn with it but no draft means the cookie was not kept.
    page: `/intake?${POSTED_PARAM}=1`,
    read: () => readPublicDraft(),
    async save(step, answers, idempotencyKey) {
      if (JSON.stringify(answers).length > MAX_DRAFT_CHARS) return TOO_LONG;
      const jar = await cookies();
      let key = jar.get(FORM_DRAFT_COOKIE)?.value;
      if (!(await withinLimit("form-save", SAVES_PER_MINUTE))) return SLOW_DOWN;
      if (!isKeyShaped(key)) {
        if (!(await withinLimit("form-draft", NEW_DRAFTS_PER_MINUTE))) return SLOW_DOWN;
        key = randomBytes(32).toString("base64url");
      }
      await saveFormDraft(idOf(key), { step, answers, idempotencyKey, expiresAt: new Date(Date.now() + DAY_MS) });
      // No maxAge: a session cookie, so a shared device does not keep a half-typed form for the next person.
      jar.set(FORM_DRAFT_COOKIE, key, clientCookieOptions("/intake"));
      return null;
    },
    submit: (values, idempotencyKey) => submitFromForm(values, idempotencyKey),
    finish: finishPublicDraft,
  };
}

/** Counts one more against a per-address limit: false when it is reached. */
async function withinLimit(name: string, perMinute: number): Promise<boolean> {
  const limiters = (globalForDrafts.draftLimiters ??= {});
  limiters[name] ??= createSubmitLimiter(perMinute, undefined, name);
  try {
    await limiters[name].consume(limitKeyOf(clientAddress(await headers())));
    return true;
  } catch (refusal) {
    if (!isLimitReached(refusal)) throw refusal;
    return false;
  }
}
