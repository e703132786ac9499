import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { deleteDraft } from "@/lib/data/appointments";
import { createIntake, newIntakeId } from "@/lib/data/intakes";
import { createSubmitLimiter, isLimitReached } from "@/lib/data/submit-limits";
import { getEnv } from "@/lib/env";
import { intakeSchema, toValidationErrors, type FieldErrors } from "@/lib/intake/schema";
import { limitKeyOf } from "@/lib/http/client-address";
import { HONEYPOT_FIELD } from "@/lib/intake/honeypot";
import { newReference } from "@/lib/intake/reference";
import { seeDoctorTodaySigns, type UrgentSign } from "@/lib/intake/see-doctor-today";
import { log } from "@/lib/log";

/**
 * One path for every intake that arrives, from the web form (server action) or the JSON API:
 * rate limit per address, the honeypot, the shared schema, then lib/data.
 */

export type SubmitOutcome =
  | {
      kind: "created" | "duplicate";
      id: string;
      reference: string;
      /** Answers that must not wait for the appointment (lib/intake/see-doctor-today.ts). */
      seeDoctorToday: UrgentSign[];
    }
  | { kind: "invalid"; fieldErrors: FieldErrors; formError?: string }
  | { kind: "rate-limited"; retryAfterSeconds: number };


const globalForLimits = globalThis as unknown as { submitLimiter?: RateLimiterAbstract };

function limiter(): RateLimiterAbstract {
  globalForLimits.submitLimiter ??= createSubmitLimiter(getEnv().SUBMIT_RATE_LIMIT_PER_MINUTE);
  return globalForLimits.submitLimiter;
}

export async function submitIntakeAnswers(input: {
  values: unknown;
  idempotencyKey: string;
  address: string;
  /** Sent through a personal link: the intake belongs to that appointment and its client. */
  link?: { appointmentId: string; clientId: string };
}): Promise<SubmitOutcome> {
  try {
    await limiter().consume(limitKeyOf(input.address));
  } catch (refusal) {
    // A store that failed (the database) is an error like any other, not a refusal.
    if (!isLimitReached(refusal)) throw refusal;
    const ms = refusal.msBeforeNext;
    log.warn({ event: "intake.rate_limited" });
    return { kind: "rate-limited", retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
  }

  const values = input.values;
  if (typeof values === "object" && values !== null && HONEYPOT_FIELD in values) {
    const trap = (values as Record<string, unknown>)[HONEYPOT_FIELD];
    if (typeof trap === "string" && trap.trim() !== "") {
      // Answer like a success, with an id and reference shaped like real ones, so the bot learns
      // nothing; store nothing.
      log.info({ event: "intake.honeypot" });
      return { kind: "created", id: newIntakeId(), reference: newReference(), seeDoctorToday: [] };
    }
  }

  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) return { kind: "invalid", ...toValidationErrors(parsed.error) };

  const created = await createIntake(parsed.data, input.idempotencyKey, undefined, input.link ?? null);
  // The draft on the server has served its purpose (its answers are now the intake's).
  if (input.link) await deleteDraft(input.link.appointmentId);
  log.info({ event: "intake.submitted", intakeId: created.id, duplicate: created.duplicate, link: Boolean(input.link) });
  return {
    kind: created.duplicate ? "duplicate" : "created",
    id: created.id,
    reference: created.reference,
    seeDoctorToday: seeDoctorTodaySigns(parsed.data),
  };
}
