import type { IntakeFormValues } from "@/lib/intake/questionnaire";
import type { FormStep } from "@/lib/intake/form-steps";

/**
 * The answers in progress, kept in this tab's sessionStorage so a reload or a slip of the finger
 * loses nothing. sessionStorage ends with the tab, and the draft is removed once submitted. A
 * personal link's form keeps its own (one key per appointment) beside the copy on the server.
 */
export const DRAFT_KEY = "intake-draft-v1";

export type Draft = {
  values: Partial<IntakeFormValues>;
  step: FormStep;
  idempotencyKey: string;
  /** The last save on the server this copy is as new as (ms; a personal link's, or a posted step's). */
  serverSavedAt?: number | null;
};

export function readDraft(key = DRAFT_KEY): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<Draft>;
    if (typeof draft !== "object" || !draft || typeof draft.idempotencyKey !== "string" || typeof draft.values !== "object") {
      return null;
    }
    return draft as Draft;
  } catch {
    // Storage blocked (private mode) or a damaged entry: start afresh rather than fail.
    return null;
  }
}

export function writeDraft(draft: Draft, key = DRAFT_KEY): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still works, it just won't survive a reload.
  }
}

export function clearDraft(key = DRAFT_KEY): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/** A random UUID; crypto.randomUUID exists only on secure origins, so fall back to getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
