"use client";

import { useEffect, useRef, useState } from "react";
import { questionnaire } from "@/lib/intake/questionnaire";
import { newIdempotencyKey, readDraft, writeDraft } from "./draft";
import { formSteps, type FormStep } from "./form-steps";
import type { QuestionnaireForm } from "./question";

/**
 * Keeps the answers in this tab's draft: brings a draft back when the form opens (or starts one
 * with a new idempotency key), then saves it on every change and step until the form is sent.
 */
export function useDraft(form: QuestionnaireForm, step: FormStep, setStep: (step: FormStep) => void, done: boolean) {
  const [restored, setRestored] = useState(false);
  const idempotencyKey = useRef("");

  useEffect(() => {
    const draft = readDraft();
    if (draft) {
      form.reset({ ...questionnaire.defaults, ...draft.values });
      idempotencyKey.current = draft.idempotencyKey;
      if (formSteps(draft.values).includes(draft.step)) setStep(draft.step);
    } else {
      idempotencyKey.current = newIdempotencyKey();
    }
    setRestored(true);
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form]);

  useEffect(() => {
    if (!restored || done) return;
    const save = () => writeDraft({ values: form.getValues(), step, idempotencyKey: idempotencyKey.current });
    save();
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, restored, step, done]);

  return idempotencyKey;
}
