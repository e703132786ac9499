import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteFormDraft, readFormDraft, saveFormDraft, sweepExpiredFormDrafts } from "@/lib/data/form-drafts";

/**
 * The public form's drafts (lib/data/form-drafts.ts), on the database the tests run on: what a
 * browser posting its steps without JavaScript keeps between them.
 */

const NOW = new Date("2026-12-01T12:00:00Z");
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const id = () => randomUUID().replace(/-/g, "").padEnd(64, "0");

describe("a posted form's draft", () => {
  it("keeps the latest step and answers under its first idempotency key, until it expires", async () => {
    const draft = id();
    const key = randomUUID();
    expect(await readFormDraft(draft, NOW)).toBeNull();
    const first = await saveFormDraft(draft, { step: "about", answers: { fullName: "Åsa Berg" }, idempotencyKey: key, expiresAt: later(24) });
    const second = await saveFormDraft(draft, {
      step: "health",
      answers: { fullName: "Åsa Berg", conditions: ["neuropathy"] },
      idempotencyKey: randomUUID(),
      expiresAt: later(25),
    });
    expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime());
    expect(await readFormDraft(draft, NOW)).toEqual({
      step: "health",
      answers: { fullName: "Åsa Berg", conditions: ["neuropathy"] },
      idempotencyKey: key,
      savedAt: second,
    });
    // Past its expiry it is not read, and the sweep removes it (and only expired ones).
    expect(await readFormDraft(draft, later(25))).toBeNull();
    const fresh = id();
    await saveFormDraft(fresh, { step: "about", answers: {}, idempotencyKey: randomUUID(), expiresAt: later(48) });
    expect(await sweepExpiredFormDrafts(later(25))).toBeGreaterThanOrEqual(1);
    expect(await readFormDraft(draft, NOW)).toBeNull();
    expect(await readFormDraft(fresh, NOW)).not.toBeNull();
    await deleteFormDraft(fresh);
    expect(await readFormDraft(fresh, NOW)).toBeNull();
  });
});
