"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch, type DefaultValues } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { HONEYPOT_FIELD } from "@/lib/intake/honeypot";
import { questionnaire, type IntakeFormValues, type QuestionId } from "@/lib/intake/questionnaire";
import { intakeSchema, type IntakeInput } from "@/lib/intake/schema";
import { seeDoctorTodaySigns, type UrgentSign } from "@/lib/intake/see-doctor-today";
import { clearDraft } from "./draft";
import { ErrorSummary } from "./error-summary";
import { formStepTitle, formSteps, type FormStep } from "./form-steps";
import { Honeypot } from "./honeypot";
import { Progress } from "./progress";
import { ReviewStep } from "./review-step";
import { SEE_DOCTOR_TODAY_PARAM, SeeDoctorToday } from "./see-doctor-today";
import { StepQuestions } from "./step-questions";
import { useDraft, type FormStart } from "./use-draft";
import { FormError } from "@/components/ui/fields";

/** What a stored intake answers: its reference, and whether the client must see a doctor today. */
export type SubmittedIntake = { reference: string; seeDoctorToday: UrgentSign[] };
export type SubmitIntake = (values: unknown, idempotencyKey: unknown) => Promise<ActionResult<SubmittedIntake>>;
export type SaveDraft = (step: unknown, values: unknown) => Promise<ActionResult<null>>;

/** A personal link's form: where it starts, and which steps hold the last visit's answers. */
export type LinkFormStart = FormStart & { prefilledSteps: readonly string[] };

/** Every question, in the order asked: the first of several errors is the one to show. */
const QUESTION_ORDER = Object.values(questionnaire.stepFields).flat() as QuestionId[];

const resolver = zodResolver(intakeSchema);

/**
 * The questionnaire, one step at a time: each step is checked before the next, the review shows
 * every answer, and the server's answer to a submit is put back on the fields it names. Through a
 * personal link it starts from the server's answers (`start`) and saves them there at each step
 * (`saveDraft`), so the same link continues on another device.
 */
export function IntakeForm({
  submit,
  saveDraft,
  start,
  storageKey,
}: {
  submit: SubmitIntake;
  saveDraft?: SaveDraft;
  start?: LinkFormStart;
  storageKey?: string;
}) {
  const router = useRouter();
  const form = useForm<IntakeFormValues, unknown, IntakeInput>({
    resolver,
    defaultValues: questionnaire.defaults as DefaultValues<IntakeFormValues>,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { errors } = form.formState;

  const [step, setStep] = useState<FormStep>("about");
  const [showSummary, setShowSummary] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  const idempotencyKey = useDraft(form, step, setStep, done, { storageKey, start });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const honeypotRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<"heading" | QuestionId | null>(null);

  // A personal link's form counts as opened once it runs in a browser (a mail scanner fetching the
  // link does not run it): its answers go to the server once now, then at each step.
  useEffect(() => {
    if (saveDraft) void saveDraft(start?.step ?? "about", form.getValues()).catch(() => undefined);
    // Once, when the form opens, after useDraft has put back any answers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Only the answers that decide which steps are asked: the form need not render on every key.
  const deciding = useWatch({ control: form.control, name: questionnaire.stepsDependOn });
  const steps = formSteps(Object.fromEntries(questionnaire.stepsDependOn.map((id, i) => [id, deciding[i]])));
  const index = Math.max(0, steps.indexOf(step));

  // Move focus where a keyboard or screen-reader user needs it after a step change.
  useEffect(() => {
    const target = focusAfterRender.current;
    focusAfterRender.current = null;
    if (target === "heading") headingRef.current?.focus();
    else if (target) form.setFocus(target);
  });

  const goTo = useCallback(
    (next: FormStep, focus: "heading" | QuestionId = "heading") => {
      setShowSummary(false);
      focusAfterRender.current = focus;
      setStep(next);
      // Kept on the server too, at each step; this tab's copy covers a failed save.
      if (saveDraft) void saveDraft(next, form.getValues()).catch(() => undefined);
    },
    [saveDraft, form],
  );

  async function next() {
    if (step === "review") return;
    const fields = questionnaire.stepFields[step];
    const valid = await form.trigger(fields);
    if (!valid) {
      const first = fields.find((name) => form.getFieldState(name).error);
      if (first) focusAfterRender.current = first;
      // Also forces a render, so the focus effect runs even when the errors did not change.
      setShowSummary(true);
      return;
    }
    const following = steps[index + 1];
    if (following) goTo(following);
  }

  function back() {
    const previous = steps[index - 1];
    if (previous) goTo(previous);
  }

  function showFirstError(fieldNames: string[]) {
    const first = QUESTION_ORDER.find((name) => fieldNames.includes(name));
    const target = first ? questionnaire.stepOf(first) : undefined;
    if (first && target) {
      goTo(target, first);
      setShowSummary(true);
    }
  }

  function send(values: IntakeInput) {
    if (isPending || done) return;
    form.clearErrors("root.server");
    startTransition(async () => {
      let result: Awaited<ReturnType<SubmitIntake>>;
      try {
        // The honeypot is not an answer (the schema drops it), so it travels beside them.
        result = await submit({ ...values, [HONEYPOT_FIELD]: honeypotRef.current?.value ?? "" }, idempotencyKey.current);
      } catch {
        form.setError("root.server", {
          message: "We could not reach the clinic's server. Check your connection and press Submit intake again: your answers are kept.",
        });
        return;
      }
      if (result.ok) {
        setDone(true);
        clearDraft(storageKey);
        const signs = result.data.seeDoctorToday;
        const care = signs.length > 0 ? `&${SEE_DOCTOR_TODAY_PARAM}=${signs.join(",")}` : "";
        router.push(`/intake/thank-you?ref=${encodeURIComponent(result.data.reference)}${care}`);
        return;
      }
      const fieldErrors = Object.entries(result.fieldErrors ?? {});
      for (const [name, message] of fieldErrors) form.setError(name as QuestionId, { type: "server", message });
      if (result.formError) form.setError("root.server", { message: result.formError });
      if (fieldErrors.length > 0) showFirstError(fieldErrors.map(([name]) => name));
    });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === "review") void form.handleSubmit(send, (invalid) => showFirstError(Object.keys(invalid)))(event);
    else void next();
  }

  const stepErrors =
    step === "review"
      ? []
      : questionnaire.stepFields[step].flatMap((name) => {
          const message = errors[name]?.message;
          return message ? [{ name, message: String(message) }] : [];
        });

  return (
    <form className="intake-form" noValidate onSubmit={onSubmit} aria-labelledby="step-heading">
      <Progress steps={steps} current={step} />
      <Honeypot inputRef={honeypotRef} />

      <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
        {formStepTitle(step)}
      </h2>

      {showSummary && stepErrors.length > 0 ? (
        <ErrorSummary errors={stepErrors} onPick={(name) => form.setFocus(name as QuestionId)} />
      ) : null}

      {step === "consent" || step === "review" ? (
        <SeeDoctorToday signs={seeDoctorTodaySigns(form.getValues())} headingLevel="h3" />
      ) : null}

      {step !== "review" && start?.prefilledSteps.includes(step) ? (
        <p className="prefill-note" role="note">
          <span aria-hidden="true">↺ </span>
          These answers come from your last visit. Please check them and change anything that is different.
        </p>
      ) : null}

      {step === "review" ? (
        <ReviewStep values={form.getValues()} onChange={(target) => goTo(target)} />
      ) : (
        <div className="step-body">
          <StepQuestions step={step} form={form} />
        </div>
      )}

      <FormError message={errors.root?.server?.message} />

      <div className="actions">
        {index > 0 ? (
          <button type="button" className="secondary" onClick={back} disabled={isPending || done}>
            Back
          </button>
        ) : null}
        {step === "review" ? (
          <button type="submit" disabled={isPending || done} aria-disabled={isPending || done}>
            {isPending || done ? "Sending…" : "Submit intake"}
          </button>
        ) : (
          <button type="submit">Next</button>
        )}
      </div>
    </form>
  );
}
