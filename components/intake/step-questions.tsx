"use client";

import { Fragment, lazy, Suspense } from "react";
import { useWatch } from "react-hook-form";
import type { MarkKind } from "@/components/body-map";
import type { Region } from "@/lib/intake/options";
import { questionnaire, type Question, type QuestionId, type StepId } from "@/lib/intake/questionnaire";
import { QuestionField, type QuestionnaireForm } from "./question";

/**
 * The questions of one step that are asked, given the answers so far, in the registry's order.
 * Questions about body regions share one drawing, shown above the first of them.
 */
export function StepQuestions({
  step,
  form,
  errorOf,
}: {
  step: StepId;
  form: QuestionnaireForm;
  /** A question's error: the form's own check, or a posted step's. */
  errorOf?: (id: QuestionId) => string | undefined;
}) {
  const values = useWatch({ control: form.control });
  const asked = questionnaire.questionsOf(step).filter((q) => questionnaire.isShown(q, values));
  const regions = asked.filter((q) => q.kind === "bodyRegions");
  const signed = questionnaire.isSignedAndDated(step);
  return (
    <>
      {asked.map((q) => (
        <Fragment key={q.id}>
          {q === regions[0] ? <BodyMapField questions={regions} form={form} /> : null}
          <QuestionField question={q} form={form} error={errorOf?.(q.id as QuestionId)} />
        </Fragment>
      ))}
      {signed ? (
        <p className="hint">Date: {new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}</p>
      ) : null}
    </>
  );
}

/**
 * The drawing is an enhancement of the labelled checkboxes below it, and only clients with
 * neuropathy reach it: its code loads when this step is shown, not with the first page.
 */
const BodyMapInput = lazy(() => import("@/components/body-map").then((m) => ({ default: m.BodyMapInput })));

/** The drawing of both feet and lower legs: another way to the same answers as the checkboxes. */
function BodyMapField({ questions, form }: { questions: Question[]; form: QuestionnaireForm }) {
  const kinds = questions.map((q) => q.id as MarkKind);
  const watched = useWatch({ control: form.control, name: kinds });
  const marks = Object.fromEntries(kinds.map((kind, i) => [kind, (watched[i] ?? []) as Region[]])) as Record<MarkKind, Region[]>;
  const toggle = (kind: MarkKind, region: Region) => {
    const current = (form.getValues(kind) ?? []) as Region[];
    const next = current.includes(region) ? current.filter((r) => r !== region) : [...current, region];
    form.setValue(kind, next, { shouldDirty: true });
  };
  return (
    <div className="field">
      <p className="label-like">Your feet and lower legs</p>
      <p className="hint">Mark places on the drawing, or tick them in the lists below: both record the same answers.</p>
      <Suspense fallback={null}>
        <BodyMapInput marks={marks} onToggle={toggle} />
      </Suspense>
    </div>
  );
}
