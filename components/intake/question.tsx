"use client";

import type { UseFormReturn } from "react-hook-form";
import { Checkbox, ChoiceGroup, SelectField, TextField } from "@/components/ui/fields";
import { MAX_TEXT, type IntakeFormValues, type Options, type Question, type QuestionId } from "@/lib/intake/questionnaire";
import type { IntakeInput } from "@/lib/intake/schema";

/** The questionnaire's react-hook-form instance. */
export type QuestionnaireForm = UseFormReturn<IntakeFormValues, unknown, IntakeInput>;

/** An empty select means "not answered" (undefined), anything else the number chosen. */
const asNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

/** One question, drawn by its kind: a labelled control with its hint and its error. */
export function QuestionField({ question: q, form }: { question: Question; form: QuestionnaireForm }) {
  const name = q.id as QuestionId;
  const registration = form.register(name, q.kind === "scale" ? { setValueAs: asNumber } : undefined);
  const error = form.formState.errors[name]?.message as string | undefined;
  const common = { label: q.label, hint: q.hint, registration, error };
  switch (q.kind) {
    case "shortText":
      return <TextField {...common} autoComplete={q.autoComplete} maxLength={q.maxLength} />;
    case "longText":
      return <TextField {...common} multiline maxLength={MAX_TEXT} />;
    case "email":
      return <TextField {...common} type="email" autoComplete={q.autoComplete} inputMode="email" />;
    case "phone":
      return <TextField {...common} type="tel" inputMode="tel" autoComplete={q.autoComplete} />;
    case "date":
      return <TextField {...common} type="date" autoComplete={q.autoComplete} />;
    case "singleChoice":
    case "yesNo":
      return <ChoiceGroup legend={q.label} hint={q.hint} type="radio" options={q.options} registration={registration} error={error} />;
    case "multipleChoice":
      return <ChoiceGroup legend={q.label} hint={q.hint} type="checkbox" options={q.options} registration={registration} error={error} />;
    case "tick":
    case "consent":
      return <Checkbox label={q.label} registration={registration} error={error} />;
    case "scale":
      return (
        <SelectField
          {...common}
          options={Array.from({ length: q.max - q.min + 1 }, (_, i) => {
            const n = q.min + i;
            return { value: String(n), label: n === q.min ? `${n} (none)` : n === q.max ? `${n} (worst)` : String(n) };
          })}
        />
      );
    case "bodyRegions":
      return <RegionQuestion question={q} registration={registration} error={error} />;
  }
}

/** Body regions: the labelled checkboxes, left side and right side (the drawing is step-questions.tsx). */
function RegionQuestion({
  question: q,
  registration,
  error,
}: {
  question: { id: string; label: string; options: Options };
  registration: ReturnType<QuestionnaireForm["register"]>;
  error?: string;
}) {
  const side = (prefix: string) => ({ ids: q.options.ids.filter((id) => id.startsWith(prefix)), labels: q.options.labels });
  return (
    <fieldset className={`field regions${error ? " has-error" : ""}`}>
      <legend>{q.label}</legend>
      <p className="hint">Tick each place that applies, on either side. Leave all unticked if none.</p>
      <div className="region-sides">
        <ChoiceGroup legend="Left foot and leg" type="checkbox" options={side("left")} registration={registration} error={error} />
        <ChoiceGroup id={`field-${q.id}-right`} legend="Right foot and leg" type="checkbox" options={side("right")} registration={registration} />
      </div>
    </fieldset>
  );
}
