/**
 * The submission in words, as the PDF prints it: a review that did not acknowledge an item the
 * current rules raise is not shown as simply "Reviewed", and the card's items say whether a review
 * acknowledged them.
 */
import { describe, expect, it } from "vitest";
import { intakeDocument, type IntakeForDocument } from "@/lib/exports/intake-document";
import { mustAcknowledge, precautionsFor } from "@/lib/intake/precautions";
import { intakeSchema } from "@/lib/intake/schema";
import { neuropathyIntake } from "../helpers/intake-fixtures";

const answers = intakeSchema.parse(neuropathyIntake({ conditions: ["neuropathy", "diabetes", "feverToday"] }));
const toAcknowledge = mustAcknowledge(precautionsFor(answers));

const intake = (acknowledged: string[]): IntakeForDocument => ({
  reference: "K7Q-4M2P",
  fullName: "Maria Jensen",
  appointmentDate: "2026-12-09",
  createdAt: new Date("2026-12-01T10:00:00Z"),
  status: "reviewed",
  schemaVersion: 3,
  answers,
  reviews: [{ reviewerName: "Ada Byrne", createdAt: new Date("2026-12-02T08:00:00Z"), note: "", acknowledged }],
});

const status = (doc: ReturnType<typeof intakeDocument>) => doc.header.find((l) => l.label === "Status")!.value;

describe("the status and acknowledgements", () => {
  it("is Reviewed when the review acknowledged every item that needs it", () => {
    expect(toAcknowledge.length).toBeGreaterThan(1);
    const doc = intakeDocument(intake(toAcknowledge), "Clinic");
    expect(status(doc)).toBe("Reviewed");
    const serious = doc.precautions.filter((l) => ["stop", "refer", "avoid"].includes(l.level)).flatMap((l) => l.items);
    expect(serious.every((i) => i.acknowledged === true)).toBe(true);
  });

  it("says to review again when the rules now raise an item the review did not acknowledge", () => {
    const doc = intakeDocument(intake(toAcknowledge.slice(1)), "Clinic");
    expect(status(doc)).toBe("Reviewed, but the rules changed since: review again");
    const missed = doc.precautions.flatMap((l) => l.items).find((i) => i.id === toAcknowledge[0]);
    expect(missed?.acknowledged).toBe(false);
  });
});
