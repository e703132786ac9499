"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { useForm, type DefaultValues } from "react-hook-form";
import { AnswerSections } from "@/components/answer-sections";
import type { ActionResult } from "@/lib/action-result";
import { describeAnswers } from "@/lib/intake/answers";
import {
  STEP_FIELDS,
  intakeSchema,
  type IntakeFormValues,
  type IntakeInput,
} from "@/lib/intake/schema";
import { STEP_TITLES, stepOfField, visibleSteps, type StepId } from "@/lib/intake/steps";
import { clearDraft, newIdempotencyKey, readDraft, writeDraft } from "./draft";

/** Named here, not imported from lib/submissions, which is server code. */
const HONEYPOT_FIELD = "website";
import {
  AboutStep,
  AllergiesAndSkinStep,
  ConsentStep,
  HealthStep,
  NeuropathyStep,
  PreferencesStep,
  type IntakeForm as Form,
} from "./steps";

export type SubmitIntake = (values: unknown, idempotencyKey: unknown) => Promise<ActionResult<{ reference: string }>>;

const EMPTY: DefaultValues<IntakeFormValues> = {
  fullName: "",
  email: "",
  phone: "",
  dateOfBirth: "",
  appointmentDate: "",
  emergencyContactName: "",
  emergencyContactPhone: "",
  conditions: [],
  usesInsulin: false,
  takesBloodPressureMedication: false,
  otherConditions: "",
  medications: "",
  takesBloodThinners: false,
  doctorConsulted: false,
  neuropathyCauses: [],
  neuropathyCauseOther: "",
  symptoms: [],
  reducedFeeling: [],
  painfulToLightTouch: [],
  woundsOrBlisters: [],
  allergies: [],
  allergyDetails: "",
  skinConditions: "",
  areasToAvoid: "",
  goals: [],
  consentSpeakUp: false,
  consentNotMedicalCare: false,
  consentAccurate: false,
  signature: "",
};

const FIELD_ORDER = Object.values(STEP_FIELDS).flat() as (keyof IntakeFormValues)[];

const STEP_BODIES: Record<Exclude<StepId, "review">, (props: { form: Form }) => React.ReactNode> = {
  about: AboutStep,
  health: HealthStep,
  neuropathy: NeuropathyStep,
  allergiesAndSkin: AllergiesAndSkinStep,
  preferences: PreferencesStep,
  consent: ConsentStep,
};

const resolver = zodResolver(intakeSchema);

export function IntakeForm({ submit }: { submit: SubmitIntake }) {
  const router = useRouter();
  const form = useForm<IntakeFormValues, unknown, IntakeInput>({
    resolver,
    defaultValues: EMPTY,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const { errors } = form.formState;

  const [step, setStep] = useState<StepId>("about");
  const [restored, setRestored] = useState(false);
  const [showSummary, setShowSummary] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [done, setDone] = useState(false);
  const idempotencyKey = useRef("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const honeypotRef = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<"heading" | keyof IntakeFormValues | null>(null);

  const conditions = form.watch("conditions");
  const steps = visibleSteps({ conditions });
  const index = Math.max(0, steps.indexOf(step));

  // Bring back a draft from this tab, or start a new one.
  useEffect(() => {
    const draft = readDraft();
    if (draft) {
      form.reset({ ...EMPTY, ...draft.values });
      idempotencyKey.current = draft.idempotencyKey;
      if (visibleSteps({ conditions: draft.values.conditions }).includes(draft.step)) setStep(draft.step);
    } else {
      idempotencyKey.current = newIdempotencyKey();
    }
    setRestored(true);
  }, [form]);

  // Keep the draft up to date on every change and step.
  useEffect(() => {
    if (!restored || done) return;
    const save = () => writeDraft({ values: form.getValues(), step, idempotencyKey: idempotencyKey.current });
    save();
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, restored, step, done]);

  // Move focus where a keyboard or screen-reader user needs it after a step change.
  useEffect(() => {
    const target = focusAfterRender.current;
    focusAfterRender.current = null;
    if (target === "heading") headingRef.current?.focus();
    else if (target) form.setFocus(target);
  });

  const goTo = useCallback((next: StepId, focus: "heading" | keyof IntakeFormValues = "heading") => {
    setShowSummary(false);
    focusAfterRender.current = focus;
    setStep(next);
  }, []);

  function focusFirstError(fields: readonly (keyof IntakeFormValues)[]) {
    const first = fields.find((name) => form.getFieldState(name).error);
    if (first) {
      focusAfterRender.current = first;
      setShowSummary(true);
    }
  }

  async function next() {
    if (step === "review") return;
    const fields = STEP_FIELDS[step] as readonly (keyof IntakeFormValues)[];
    const valid = await form.trigger(fields as (keyof IntakeFormValues)[]);
    if (!valid) {
      focusFirstError(fields);
      // Force a render so the focus effect runs even when the errors did not change.
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
    const first = FIELD_ORDER.find((name) => fieldNames.includes(name));
    const target = first ? stepOfField(first) : undefined;
    if (first && target) {
      goTo(target, first);
      setShowSummary(true);
    }
  }

  const send = form.handleSubmit(
    (values) => {
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
          clearDraft();
          router.push(`/intake/thank-you?ref=${encodeURIComponent(result.data.reference)}`);
          return;
        }
        const fieldErrors = Object.entries(result.fieldErrors ?? {});
        for (const [name, message] of fieldErrors) {
          form.setError(name as keyof IntakeFormValues, { type: "server", message });
        }
        if (result.formError) form.setError("root.server", { message: result.formError });
        if (fieldErrors.length > 0) showFirstError(fieldErrors.map(([name]) => name));
      });
    },
    (invalid) => showFirstError(Object.keys(invalid)),
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step === "review") void send(event);
    else void next();
  }

  const stepErrors =
    step === "review"
      ? []
      : (STEP_FIELDS[step] as readonly (keyof IntakeFormValues)[]).flatMap((name) => {
          const message = errors[name]?.message;
          return message ? [{ name, message: String(message) }] : [];
        });
  const Body = step === "review" ? null : STEP_BODIES[step];

  return (
    <form className="intake-form" noValidate onSubmit={onSubmit} aria-labelledby="step-heading">
      <nav aria-label="Progress" className="progress">
        <p className="progress-count">
          Step {index + 1} of {steps.length}
        </p>
        <ol>
          {steps.map((id, i) => (
            <li key={id} aria-current={id === step ? "step" : undefined} className={i < index ? "done" : undefined}>
              {STEP_TITLES[id]}
            </li>
          ))}
        </ol>
      </nav>

      <div className="honeypot" aria-hidden="true">
        <label htmlFor="field-website">Leave this empty</label>
        <input id="field-website" ref={honeypotRef} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
      </div>

      <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
        {STEP_TITLES[step]}
      </h2>

      {showSummary && stepErrors.length > 0 ? (
        <div className="error-summary" role="alert">
          <p>
            {stepErrors.length === 1 ? "One answer needs your attention:" : `${stepErrors.length} answers need your attention:`}
          </p>
          <ul>
            {stepErrors.map((e) => (
              <li key={e.name}>
                <a
                  href={`#field-${e.name}`}
                  onClick={(event) => {
                    event.preventDefault();
                    form.setFocus(e.name);
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {Body ? (
        <div className="step-body">
          <Body form={form} />
        </div>
      ) : (
        <Review values={form.getValues()} onChange={(target) => goTo(target)} />
      )}

      {errors.root?.server?.message ? (
        <p className="form-error" role="alert">
          {errors.root.server.message}
        </p>
      ) : null}

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

function Review({ values, onChange }: { values: IntakeFormValues; onChange: (step: StepId) => void }) {
  return (
    <div className="review">
      <p>Please check your answers. Use Change to correct anything, then press Submit intake.</p>
      <AnswerSections
        sections={describeAnswers(values)}
        headingLevel="h3"
        idPrefix="review"
        action={(step, title) => (
          <button type="button" className="link" onClick={() => onChange(step)}>
            Change<span className="visually-hidden"> {title.toLowerCase()}</span>
          </button>
        )}
      />
    </div>
  );
}
