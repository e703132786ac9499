"use client";

import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { useForm, useWatch, type DefaultValues, type Resolver } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { answersFromFormData } from "@/lib/intake/form-data";
import { firstError, formStepTitle, formSteps, type FormStep, type StepState, type SubmittedIntake } from "@/lib/intake/form-steps";
import { HONEYPOT_FIELD } from "@/lib/intake/honeypot";
import { questionnaire, type IntakeAnswers, type IntakeFormValues, type QuestionId } from "@/lib/intake/questionnaire";
import { seeDoctorTodaySigns, thankYouPath } from "@/lib/intake/see-doctor-today";
import { clearDraft } from "./draft";
import { ErrorSummary } from "./error-summary";
import { Honeypot } from "./honeypot";
import { Progress } from "./progress";
import { ReviewStep } from "./review-step";
import { SeeDoctorToday } from "./see-doctor-today";
import { StepQuestions } from "./step-questions";
import { useDraft, type FormStart } from "./use-draft";
import { FormError } from "@/components/ui/fields";

export type SubmitIntake = (values: unknown, idempotencyKey: unknown) => Promise<ActionResult<SubmittedIntake>>;
export type SaveDraft = (step: unknown, values: unknown) => Promise<ActionResult<{ savedAt: number }>>;
/** A step posted by the browser itself, before or without JavaScript (lib/submissions/posted-steps.ts). */
export type PostStep = (previous: StepState | null, data: FormData) => Promise<StepState | null>;

/** Where a form starts (the draft on the server), and which steps hold the last visit's answers. */
export type LinkFormStart = FormStart & { prefilledSteps?: readonly string[] };

/** The form element's id: what was typed before the page's JavaScript ran is read back from it. */
const FORM_ID = "intake-form";

/**
 * The schema's check, loaded with Zod on the first check rather than with the page: the first
 * page has nothing to check until the client presses Next, and the page is interactive sooner.
 */
const loadResolver = () => import("@/lib/intake/resolver").then((m) => m.intakeResolver);
const resolver: Resolver<IntakeFormValues, unknown, IntakeAnswers> = async (values, context, options) =>
  (await loadResolver())(values, context, options);

/** Without a server action to post to (component tests), a post changes nothing. */
const noPost: PostStep = async (previous) => previous;

/** An answer as a comparison should see it: lists in a stable order, line breaks as one character, nothing as "". */
const comparable = (v: unknown) =>
  JSON.stringify(Array.isArray(v) ? [...v].map(String).sort() : typeof v === "string" ? v.replace(/\r\n/g, "\n") : (v ?? ""));

/**
 * What the page was drawn with: a post's answer (the page was drawn after a step posted without
 * JavaScript) or else the server's draft; and, while React hydrates the server's HTML (never on a
 * later render), what the client typed into it before the JavaScript ran: read from the form's
 * fields before react-hook-form writes its values into them, and put back on top after.
 */
function openingOf(start: FormStart | undefined, posted: StepState | null, hydrating: boolean) {
  const server = { ...start?.values, ...posted?.values };
  const drawn: Record<string, unknown> = { ...questionnaire.defaults, ...server };
  const steps = formSteps(drawn);
  const step = steps.find((s) => s === (posted?.step ?? start?.step)) ?? steps[0]!;
  // The server render reads the server snapshot too, but has no document.
  const element = hydrating && typeof document !== "undefined" ? document.getElementById(FORM_ID) : null;
  // `element &&` before `instanceof`: on the server, HTMLFormElement does not exist.
  const read = element && element instanceof HTMLFormElement && step !== "review" ? answersFromFormData(step, new FormData(element), drawn) : {};
  // Only what differs from what the server drew was typed.
  const typed = Object.fromEntries(Object.entries(read).filter(([id, value]) => comparable(value) !== comparable(drawn[id])));
  return {
    server,
    typed,
    step,
    errors: (posted?.errors ?? {}) as Partial<Record<QuestionId, string>>,
    /** The page is a post's answer: the server's answers are newer than any copy this tab kept. */
    serverIsLatest: posted !== null,
  };
}

/** True only while React hydrates the server's HTML (it reads the server snapshot then). */
const noSubscription = () => () => undefined;
function useIsHydrating(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
}

const NOT_LOADED = "This page did not finish loading. Check your connection and press the button again: your answers are kept.";

/**
 * The questionnaire, one step at a time: each step is checked before the next, the review shows
 * every answer, and the server's answer to a submit is put back on the fields it names. Through a
 * personal link it starts from the server's answers (`start`) and saves them there at each step
 * (`saveDraft`), so the same link continues on another device.
 *
 * The server draws it as a plain HTML form of the current step: until the JavaScript runs (or
 * without it), each button posts the step to `postStep`, which answers with the next step or this
 * one with its errors (lib/submissions/posted-steps.ts). Once it runs, the same fields are enhanced:
 * the steps change here, checked as they are typed.
 */
export function IntakeForm({
  submit,
  postStep,
  saveDraft,
  start,
  storageKey,
}: {
  submit: SubmitIntake;
  postStep?: PostStep;
  saveDraft?: SaveDraft;
  start?: LinkFormStart;
  storageKey?: string;
}) {
  const router = useRouter();
  const [posted, postAction] = useActionState(postStep ?? noPost, null);
  const hydrating = useIsHydrating();
  const [opening] = useState(() => openingOf(start, posted, hydrating));
  const form = useForm<IntakeFormValues, unknown, IntakeAnswers>({
    resolver,
    // The server's values, as it drew them: the first render must match its HTML.
    defaultValues: { ...questionnaire.defaults, ...opening.server } as DefaultValues<IntakeFormValues>,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { errors } = form.formState;
  // What was typed before hydration goes back into the fields react-hook-form has just filled, before the page is painted.
  useLayoutEffect(() => {
    for (const [id, value] of Object.entries(opening.typed)) form.setValue(id as QuestionId, value as never, { shouldDirty: true });
  }, [form, opening.typed]);
  // What a post drew (errors beside the fields, a notice, a form error), until the enhanced form acts.
  const [fromPost, setFromPost] = useState({ errors: opening.errors, notice: posted?.notice, formError: posted?.formError });
  const postedErrors = fromPost.errors;
  const clearPosted = useCallback(() => setFromPost({ errors: {}, notice: undefined, formError: undefined }), []);

  const [step, setStep] = useState<FormStep>(opening.step);
  const [showSummary, setShowSummary] = useState(Object.keys(opening.errors).length > 0);
  const [isPending, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  const { idempotencyKey, savedOnServer } = useDraft(form, step, setStep, done, {
    storageKey,
    server: { values: opening.server, savedAt: start?.savedAt ?? null, isLatest: opening.serverIsLatest },
    typed: opening.typed,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const honeypotRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<"heading" | QuestionId | null>(null);

  // A personal link's form counts as opened once it runs in a browser (a mail scanner fetching the
  // link does not run it): its answers go to the server once now, then at each step.
  useEffect(() => {
    if (saveDraft) void saveDraft(step, form.getValues()).then(savedOnServer, () => undefined);
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
      clearPosted();
      focusAfterRender.current = focus;
      setStep(next);
      // Kept on the server too, at each step; this tab's copy covers a failed save.
      if (saveDraft) void saveDraft(next, form.getValues()).then(savedOnServer, () => undefined);
    },
    [saveDraft, form, savedOnServer, clearPosted],
  );

  async function next() {
    if (step === "review") return;
    clearPosted();
    const fields = questionnaire.stepFields[step];
    let valid: boolean;
    try {
      valid = await form.trigger(fields);
    } catch {
      // The check's code could not be fetched (a weak connection): say so; pressing again retries.
      form.setError("root.server", { message: NOT_LOADED });
      return;
    }
    form.clearErrors("root.server");
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
    const first = firstError(fieldNames);
    if (first) {
      goTo(first.step, first.question);
      setShowSummary(true);
    }
  }

  function send(values: IntakeAnswers) {
    if (isPending || done) return;
    clearPosted();
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
        router.push(thankYouPath(result.data.reference, result.data.seeDoctorToday));
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
    if (step === "review") {
      form
        .handleSubmit(send, (invalid) => showFirstError(Object.keys(invalid)))(event)
        .catch(() => form.setError("root.server", { message: NOT_LOADED }));
    }
    else void next();
  }

  const errorOf = (name: QuestionId): string | undefined => {
    const message = errors[name]?.message ?? postedErrors[name];
    return message ? String(message) : undefined;
  };
  const stepErrors =
    step === "review"
      ? []
      : questionnaire.stepFields[step].flatMap((name) => {
          const message = errorOf(name);
          return message ? [{ name, message }] : [];
        });

  return (
    <form
      id={FORM_ID}
      className="intake-form"
      action={postAction}
      noValidate
      onSubmit={onSubmit}
      // The check is fetched while the client types, so the first Next does not wait for it.
      onFocus={() => void loadResolver()}
      aria-labelledby="step-heading"
    >
      <input type="hidden" name="step" value={step} />
      <Progress steps={steps} current={step} />
      <Honeypot inputRef={honeypotRef} />

      <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
        {formStepTitle(step)}
      </h2>

      {showSummary && stepErrors.length > 0 ? (
        <ErrorSummary errors={stepErrors} onPick={(name) => form.setFocus(name as QuestionId)} />
      ) : null}

      {fromPost.notice ? (
        <p className="notice" role="status">
          {fromPost.notice}
        </p>
      ) : null}

      {step === "consent" || step === "review" ? (
        <SeeDoctorToday signs={seeDoctorTodaySigns(form.getValues())} headingLevel="h3" />
      ) : null}

      {step !== "review" && start?.prefilledSteps?.includes(step) ? (
        <p className="prefill-note" role="note">
          <span aria-hidden="true">↺ </span>
          These answers come from your last visit. Please check them and change anything that is different.
        </p>
      ) : null}

      {step === "review" ? (
        <ReviewStep values={form.getValues()} onChange={(target) => goTo(target)} />
      ) : (
        <div className="step-body">
          <StepQuestions step={step} form={form} errorOf={errorOf} />
        </div>
      )}

      <FormError message={errors.root?.server?.message ?? fromPost.formError} />

      {/* Next comes first: Enter in a field presses a form's first button. Drawn the other way round. */}
      <div className="actions step-actions">
        {step === "review" ? (
          <button type="submit" name="intent" value="submit" disabled={isPending || done} aria-disabled={isPending || done}>
            {isPending || done ? "Sending…" : "Submit intake"}
          </button>
        ) : (
          <button type="submit" name="intent" value="next">
            Next
          </button>
        )}
        {index > 0 ? (
          <button type="submit" name="intent" value="back" className="secondary" onClick={(event) => {
              // Posts "back" without JavaScript; with it, the step changes here.
              event.preventDefault();
              back();
            }} disabled={isPending || done}>
            Back
          </button>
        ) : null}
      </div>
    </form>
  );
}
