import "server-only";
import { getDb, type Db } from "@/lib/db";
import type { IntakeInput } from "@/lib/intake/schema";
import { uniqueViolationOn } from "./create";
import { SUMMARY_FIELDS, type IntakeStatus, type IntakeSummary } from "./summary";

/** One intake for the therapist, and its review. */

export type IntakeForReview = IntakeSummary & {
  schemaVersion: number;
  answers: Partial<IntakeInput>;
  review: { note: string; createdAt: Date; reviewerName: string; acknowledged: string[]; precautionsVersion: number } | null;
};

export async function getIntakeForReview(id: string, db: Db = getDb()): Promise<IntakeForReview | null> {
  const row = await db.intake.findUnique({
    where: { id },
    select: {
      ...SUMMARY_FIELDS,
      schemaVersion: true,
      answers: true,
      review: {
        select: { note: true, createdAt: true, acknowledged: true, precautionsVersion: true, reviewer: { select: { name: true } } },
      },
    },
  });
  if (!row) return null;
  const { review, answers, ...rest } = row;
  return {
    ...rest,
    status: rest.status as IntakeStatus,
    // Stored only after validation by intakeSchema (see createIntake).
    answers: (answers ?? {}) as Partial<IntakeInput>,
    review: review
      ? {
          note: review.note,
          createdAt: review.createdAt,
          reviewerName: review.reviewer.name,
          acknowledged: Array.isArray(review.acknowledged) ? review.acknowledged.map(String) : [],
          precautionsVersion: review.precautionsVersion,
        }
      : null,
  };
}

export type MarkReviewedResult = "reviewed" | "already-reviewed" | "not-found";

export type ReviewInput = {
  reviewerId: string;
  note: string;
  /** Ids of the precautions the reviewer acknowledged, and the rules version they came from. */
  acknowledged: string[];
  precautionsVersion: number;
};

/** Records who reviewed an intake, when, what they acknowledged and noted; an intake is reviewed once. */
export async function markIntakeReviewed(
  intakeId: string,
  review: ReviewInput,
  db: Db = getDb(),
): Promise<MarkReviewedResult> {
  try {
    return await db.$transaction(async (tx) => {
      const updated = await tx.intake.updateMany({ where: { id: intakeId, status: "new" }, data: { status: "reviewed" } });
      if (updated.count === 0) {
        const exists = await tx.intake.findUnique({ where: { id: intakeId }, select: { id: true } });
        return exists ? "already-reviewed" : "not-found";
      }
      await tx.review.create({ data: { intakeId, ...review }, select: { id: true } });
      return "reviewed";
    });
  } catch (error) {
    if (uniqueViolationOn(error, "intakeId")) return "already-reviewed";
    throw error;
  }
}
