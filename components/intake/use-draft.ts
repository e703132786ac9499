"use client";

import { useCallback, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";
import { formSteps, type FormStep } from "@/lib/intake/form-steps";
import { questionnaire } from "@/lib/intake/questionnaire";
import { newIdempotencyKey, readDraft, writeDraft } from "./draft";
import type { QuestionnaireForm } from "./question";

/** Where a form starts: the draft on the server (a personal link's, or the steps posted so far). */
export type FormStart = {
  values: Record<string, unknown>;
  step: string | null;
  /** When the server saved it (ms), or null when there is none. */
  savedAt?: number | null;
};

/**
 * Keeps the answers in this tab's draft: brings a draft back when the form opens (or starts one
 * with a new idempotency key), then saves it on every change and step until the form is sent.
 *
 * Which copy wins when the form opens: this tab's, unless the server's is newer (saved after the
 * last save this tab saw, or drawn by a post this tab made before its JavaScript ran). Whichever
 * wins, what was typed into the page before the JavaScript ran is kept on top, and the server's
 * answers fill in what this tab's copy lacks (steps posted before the JavaScript ran).
 */
export function useDraft(
  form: QuestionnaireForm,
  step: FormStep,
  setStep: (step: FormStep) => void,
  done: boolean,
  {
    storageKey,
    server,
    typed,
  }: {
    storageKey?: string;
    server: { values: Record<string, unknown>; savedAt: number | null; isLatest: boolean };
    typed: Record<string, unknown>;
  },
) {
  const idempotencyKey = useRef("");
  /** The server's save this tab's copy is as new as. */
  const serverSavedAt = useRef<number | null>(server.savedAt);
  // Saving starts only once the draft was read: an empty form must not overwrite it first.
  const restored = useRef(false);

  useEffect(() => {
    // Once per form, even where React runs effects twice (development's strict mode): the save
    // below may already have written this render's step over the draft's.
    if (restored.current) return;
    const draft = readDraft(storageKey);
    idempotencyKey.current = draft?.idempotencyKey ?? newIdempotencyKey();
    const tabIsLatest =
      draft !== null && !server.isLatest && (server.savedAt === null || (draft.serverSavedAt ?? 0) >= server.savedAt);
    if (draft && tabIsLatest) {
      form.reset({ ...questionnaire.defaults, ...server.values, ...draft.values, ...typed });
      serverSavedAt.current = draft.serverSavedAt ?? server.savedAt;
      if (Object.keys(typed).length === 0 && formSteps(draft.values).includes(draft.step)) setStep(draft.step);
    } else if (draft) {
      form.reset({ ...questionnaire.defaults, ...draft.values, ...server.values, ...typed });
    }
    restored.current = true;
    // Once, when the form opens (setStep is the form's state setter, which never changes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form]);

  useEffect(() => {
    if (!restored.current || done) return;
    const save = () =>
      writeDraft({ values: form.getValues(), step, idempotencyKey: idempotencyKey.current, serverSavedAt: serverSavedAt.current }, storageKey);
    save();
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, step, done, storageKey]);

  /** A save on the server went through: this tab's copy is as new as it. */
  const savedOnServer = useCallback(
    (result: ActionResult<{ savedAt: number }>) => {
      if (!result.ok) return;
      serverSavedAt.current = result.data.savedAt;
      const draft = readDraft(storageKey);
      if (draft) writeDraft({ ...draft, serverSavedAt: result.data.savedAt }, storageKey);
    },
    [storageKey],
  );

  return { idempotencyKey, savedOnServer };
}
