import "server-only";
import { getDb, type Db } from "@/lib/db";

/**
 * The public form's drafts, for browsers that post each step to the server (before JavaScript has
 * loaded, or without it): found by the SHA-256 of the key in the browser's cookie, never by the
 * key itself (lib/submissions/public-draft.ts makes and hashes it). A personal link's drafts are
 * the appointment's (appointments.ts).
 */

export type FormDraftRow = { step: string; answers: Record<string, unknown>; idempotencyKey: string; savedAt: Date };

/** The draft, unless it has expired (an expired one waits for the sweep, unread). */
export async function readFormDraft(id: string, now: Date, db: Db = getDb()): Promise<FormDraftRow | null> {
  const row = await db.formDraft.findUnique({ where: { id }, select: { step: true, answers: true, idempotencyKey: true, expiresAt: true, updatedAt: true } });
  if (!row || row.expiresAt <= now) return null;
  return { step: row.step, answers: (row.answers ?? {}) as Record<string, unknown>, idempotencyKey: row.idempotencyKey, savedAt: row.updatedAt };
}

/** Keeps the answers so far (a later save replaces them; the idempotency key stays the first's). */
export async function saveFormDraft(
  id: string,
  draft: { step: string; answers: Record<string, unknown>; idempotencyKey: string; expiresAt: Date },
  db: Db = getDb(),
): Promise<Date> {
  const { step, answers, idempotencyKey, expiresAt } = draft;
  const saved = await db.formDraft.upsert({
    where: { id },
    create: { id, step, answers: answers as object, idempotencyKey, expiresAt },
    update: { step, answers: answers as object, expiresAt },
    select: { updatedAt: true },
  });
  return saved.updatedAt;
}

export async function deleteFormDraft(id: string, db: Db = getDb()): Promise<void> {
  await db.formDraft.deleteMany({ where: { id } });
}

/** Removes drafts a day after their last save: what a client left half-filled is not kept. */
export async function sweepExpiredFormDrafts(now: Date, db: Db = getDb()): Promise<number> {
  const swept = await db.formDraft.deleteMany({ where: { expiresAt: { lte: now } } });
  return swept.count;
}
