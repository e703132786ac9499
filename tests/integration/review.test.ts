import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { listAuditForIntake, recordAudit } from "@/lib/data/audit";
import { createIntake, getIntakeForReview, markIntakeReviewed } from "@/lib/data/intakes";
import { intakeSchema } from "@/lib/intake/schema";
import { validIntake } from "../helpers/intake-fixtures";

async function newIntake() {
  return createIntake(intakeSchema.parse(validIntake()), randomUUID());
}

describe("reviewing an intake", () => {
  it("records who reviewed it, when and their note, and marks it reviewed", async () => {
    const therapist = await createTherapist({ email: "rev@clinic.example", name: "Rae Evans", password: "a-long-enough-password" });
    const { id } = await newIntake();
    const before = Date.now();
    expect(await markIntakeReviewed(id, { reviewerId: therapist.id, note: "Light pressure only.", acknowledged: [], precautionsVersion: 1 })).toBe("reviewed");

    const intake = await getIntakeForReview(id);
    expect(intake?.status).toBe("reviewed");
    expect(intake?.reviews).toHaveLength(1);
    expect(intake?.reviews[0]).toMatchObject({ note: "Light pressure only.", reviewerName: "Rae Evans" });
    expect(intake!.reviews[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(intake?.rulesChanged).toBe(false);
  });

  it("is done once: a second review changes nothing", async () => {
    const first = await createTherapist({ email: "one@clinic.example", name: "One", password: "a-long-enough-password" });
    const second = await createTherapist({ email: "two@clinic.example", name: "Two", password: "a-long-enough-password" });
    const { id } = await newIntake();
    await markIntakeReviewed(id, { reviewerId: first.id, note: "first", acknowledged: [], precautionsVersion: 1 });
    expect(await markIntakeReviewed(id, { reviewerId: second.id, note: "second", acknowledged: [], precautionsVersion: 1 })).toBe("already-reviewed");
    const reviews = (await getIntakeForReview(id))?.reviews;
    expect(reviews).toHaveLength(1);
    expect(reviews?.[0]).toMatchObject({ note: "first", reviewerName: "One" });
  });

  it("says so for an intake that does not exist", async () => {
    const therapist = await createTherapist({ email: "ghost@clinic.example", name: "G", password: "a-long-enough-password" });
    expect(await markIntakeReviewed("no-such-intake", { reviewerId: therapist.id, note: "", acknowledged: [], precautionsVersion: 1 })).toBe("not-found");
  });
});

describe("the audit trail of an intake", () => {
  it("lists views and reviews in order, with the therapist's name", async () => {
    const therapist = await createTherapist({ email: "aud@clinic.example", name: "Ari Dunn", password: "a-long-enough-password" });
    const { id } = await newIntake();
    const { id: other } = await newIntake();
    await recordAudit({ action: "intake_view", actorId: therapist.id, intakeId: id });
    await recordAudit({ action: "intake_view", actorId: therapist.id, intakeId: other });
    await recordAudit({ action: "intake_review", actorId: therapist.id, intakeId: id });
    const trail = await listAuditForIntake(id);
    expect(trail.map((e) => [e.action, e.actorName])).toEqual([
      ["intake_view", "Ari Dunn"],
      ["intake_review", "Ari Dunn"],
    ]);
  });
});
