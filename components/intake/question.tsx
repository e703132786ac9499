"use client";

import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Checkbox, ChoiceGroup, SelectField, TextField } from "@/components/ui/fields";
import { MAX_TEXT, type IntakeFormValues, type Options, type Question, type QuestionId } from "@/lib/intake/questionnaire";
import type { IntakeAnswers } from "@/lib/intake/questionnaire";

/** The questionnaire's react-hook-form instance. */
export type QuestionnaireForm = UseFormReturn<IntakeFormValues, unknown, IntakeAnswers>;

/** An empty select means "not answered" (undefined), anything else the number chosen. */
const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

/** A value as the HTML attribute that draws it before JavaScript runs: text, or the ids chosen. */
const asText = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const asIds = (v: unknown): readonly string[] => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v ? [v] : []);

/**
 * One question, drawn by its kind: a labelled control with its hint and its error. The server
 * draws it with its answer so far (the page works before and without JavaScript); react-hook-form
 * then keeps the control's value.
 */
export function QuestionField({ question: q, form, error: given }: { question: Question; form: QuestionnaireForm; error?: string }) {
  const name = q.id as QuestionId;
  // The answer when the field appeared: only the HTML's starting value, so read once.
  const [initial] = useState(() => form.getValues(name) as unknown);
  const registration = form.register(name, q.kind === "scale" ? { setValueAs: asNumber } : undefined);
  const error = given ?? (form.formState.errors[name]?.message as string | undefined);
  const common = { label: q.label, hint: q.hint, registration, error };
  const text = { ...common, defaultValue: asText(initial) };
  switch (q.kind) {
    case "shortText":
      return <TextField {...text} autoComplete={q.autoComplete} maxLength={q.maxLength} />;
    case "longText":
      return <TextField {...text} multiline maxLength={MAX_TEXT} />;
    case "email":
      return <TextField {...text} type="email" autoComplete={q.autoComplete} inputMode="email" />;
    case "phone":
      return <TextField {...text} type="tel" inputMode="tel" autoComplete={q.autoComplete} />;
    case "date":
      return <TextField {...text} type="date" autoComplete={q.autoComplete} />;
    case "singleChoice":
    case "yesNo":
      return (
        <ChoiceGroup legend={q.label} hint={q.hint} type="radio" options={q.options} registration={registration} error={error} chosen={asIds(initial)} />
      );
    case "multipleChoice":
      return (
        <ChoiceGroup legend={q.label} hint={q.hint} type="checkbox" options={q.options} registration={registration} error={error} chosen={asIds(initial)} />
      );
    case "tick":
    case "consent":
      return <Checkbox label={q.label} registration={registration} error={error} defaultChecked={initial === true} />;
    case "scale":
      return (
        <SelectField
          {...text}
          options={Array.from({ length: q.max - q.min + 1 }, (_, i) => {
            const n = q.min + i;
            return { value: String(n), label: n === q.min ? `${n} (none)` : n === q.max ? `${n} (worst)` : String(n) };
          })}
        />
      );
    case "bodyRegions":
      return <RegionQuestion question={q} registration={registration} error={error} chosen={asIds(initial)} />;
  }
}

/** Body regions: the labelled checkboxes, left side and right side (the drawing is step-questions.tsx). */
function RegionQuestion({
  question: q,
  registration,
  error,
  chosen,
}: {
  question: { id: string; label: string; options: Options };
  registration: ReturnType<QuestionnaireForm["register"]>;
  error?: string;
  chosen: readonly string[];
}) {
  const side = (prefix: string) => ({ ids: q.options.ids.filter((id) => id.startsWith(prefix)), labels: q.options.labels });
  return (
    <fieldset className={`field regions${error ? " has-error" : ""}`}>
      <legend>{q.label}</legend>
      <p className="hint">Tick each place that applies, on either side. Leave all unticked if none.</p>
      <div className="region-sides">
        <ChoiceGroup legend="Left foot and leg" type="checkbox" options={side("left")} registration={registration} error={error} chosen={chosen} />
        <ChoiceGroup id={`field-${q.id}-right`} legend="Right foot and leg" type="checkbox" options={side("right")} registration={registration} chosen={chosen} />
      </div>
    </fieldset>
  );
}
