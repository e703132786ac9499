import "server-only";
import { getDb, type Db } from "@/lib/db";
import type { IntakeInput } from "@/lib/intake/schema";
import { SUMMARY_FIELDS, type IntakeStatus, type IntakeSummary } from "./summary";

/** One intake for the therapist, and its reviews. */

export type ReviewRecord = {
  note: string;
  createdAt: Date;
  reviewerName: string;
  /** Ids of the stop, refer and avoid items this review acknowledged. */
  acknowledged: string[];
  precautionsVersion: number;
};

export type IntakeForReview = IntakeSummary & {
  schemaVersion: number;
  answers: Partial<IntakeInput>;
  /** Oldest first; a second review comes only when the rules changed since the first. */
  reviews: ReviewRecord[];
  /** Reviewed, but the current rules raise items no review acknowledged. */
  rulesChanged: boolean;
  /** The client it belongs to, if any (see previousIntakeOf). */
  clientId: string | null;
  /** What suggests a client for an intake sent without a link (lib/data/clients.ts). */
  email: string;
  dateOfBirth: string;
  fullNameSearch: string;
};

export async function getIntakeForReview(id: string, db: Db = getDb()): Promise<IntakeForReview | null> {
  const row = await db.intake.findUnique({
    where: { id },
    select: {
      ...SUMMARY_FIELDS,
      schemaVersion: true,
      answers: true,
      rulesChanged: true,
      clientId: true,
      // What suggests a client for an intake sent without a link.
      email: true,
      dateOfBirth: true,
      fullNameSearch: true,
      reviews: {
        orderBy: { createdAt: "asc" },
        select: { note: true, createdAt: true, acknowledged: true, precautionsVersion: true, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!row) return null;
  const { reviews, answers, ...rest } = row;
  return {
    ...rest,
    status: rest.status as IntakeStatus,
    // Stored only after validation by intakeSchema (see createIntake).
    answers: (answers ?? {}) as Partial<IntakeInput>,
    reviews: reviews.map((review) => ({
      note: review.note,
      createdAt: review.createdAt,
      reviewerName: review.reviewer.name,
      acknowledged: acknowledgedIds(review.acknowledged),
      precautionsVersion: review.precautionsVersion,
    })),
  };
}

/** The stored list of acknowledged ids, read defensively (it is JSON). */
export function acknowledgedIds(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.map(String) : [];
}

/** Every item acknowledged by any of an intake's reviews. */
export function acknowledgedByAny(reviews: readonly { acknowledged: readonly string[] }[]): string[] {
  return [...new Set(reviews.flatMap((r) => r.acknowledged))];
}

export type MarkReviewedResult = "reviewed" | "already-reviewed" | "not-found";

export type ReviewInput = {
  reviewerId: string;
  note: string;
  /** Ids of the precautions the reviewer acknowledged, and the rules version they came from. */
  acknowledged: string[];
  precautionsVersion: number;
};

/**
 * Records who reviewed an intake, when, what they acknowledged and noted. An intake is reviewed
 * once, and once more each time the rules change under its review (rulesChanged); a second
 * therapist pressing the button at the same moment gets "already-reviewed".
 */
export async function markIntakeReviewed(
  intakeId: string,
  review: ReviewInput,
  db: Db = getDb(),
): Promise<MarkReviewedResult> {
  return db.$transaction(async (tx) => {
    const updated = await tx.intake.updateMany({
      where: { id: intakeId, OR: [{ status: "new" }, { rulesChanged: true }] },
      data: { status: "reviewed", rulesChanged: false },
    });
    if (updated.count === 0) {
      const exists = await tx.intake.findUnique({ where: { id: intakeId }, select: { id: true } });
      return exists ? "already-reviewed" : "not-found";
    }
    await tx.review.create({ data: { intakeId, ...review }, select: { id: true } });
    return "reviewed";
  });
}

export type EarlierIntake = { id: string; appointmentDate: string; createdAt: Date; schemaVersion: number; answers: Record<string, unknown> };

/**
 * The same client's intake before this one (the last visit), to show what changed; null for an
 * intake with no client, or a client's first. Takes the intake as getIntakeForReview read it.
 */
export async function previousIntakeOf(
  intake: { clientId: string | null; createdAt: Date },
  db: Db = getDb(),
): Promise<EarlierIntake | null> {
  if (!intake.clientId) return null;
  const earlier = await db.intake.findFirst({
    where: { clientId: intake.clientId, createdAt: { lt: intake.createdAt } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, appointmentDate: true, createdAt: true, schemaVersion: true, answers: true },
  });
  return earlier ? { ...earlier, answers: (earlier.answers ?? {}) as Record<string, unknown> } : null;
}
