"use client";

import { useEffect, useRef } from "react";
import { questionnaire } from "@/lib/intake/questionnaire";
import { newIdempotencyKey, readDraft, writeDraft } from "./draft";
import { formSteps, type FormStep } from "./form-steps";
import type { QuestionnaireForm } from "./question";

/** Where a form starts when this tab has no draft: a personal link's answers and step (from the server). */
export type FormStart = { values: Record<string, unknown>; step: string | null };

/**
 * Keeps the answers in this tab's draft: brings a draft back when the form opens (or starts one
 * with a new idempotency key, from `start` when given), then saves it on every change and step
 * until the form is sent.
 */
export function useDraft(
  form: QuestionnaireForm,
  step: FormStep,
  setStep: (step: FormStep) => void,
  done: boolean,
  { storageKey, start }: { storageKey?: string; start?: FormStart } = {},
) {
  const idempotencyKey = useRef("");
  // Saving starts only once the draft was read: an empty form must not overwrite it first.
  const restored = useRef(false);

  useEffect(() => {
    // Once per form, even where React runs effects twice (development's strict mode): the save
    // below may already have written this render's step over the draft's.
    if (restored.current) return;
    const draft = readDraft(storageKey);
    if (draft) {
      form.reset({ ...questionnaire.defaults, ...draft.values });
      idempotencyKey.current = draft.idempotencyKey;
      if (formSteps(draft.values).includes(draft.step)) setStep(draft.step);
    } else {
      idempotencyKey.current = newIdempotencyKey();
      if (start) {
        form.reset({ ...questionnaire.defaults, ...start.values });
        const opening = formSteps(start.values).find((s) => s === start.step);
        if (opening) setStep(opening);
      }
    }
    restored.current = true;
    // Once, when the form opens (setStep is the form's state setter, which never changes).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form]);

  useEffect(() => {
    if (!restored.current || done) return;
    const save = () => writeDraft({ values: form.getValues(), step, idempotencyKey: idempotencyKey.current }, storageKey);
    save();
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, step, done, storageKey]);

  return idempotencyKey;
}
