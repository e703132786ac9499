"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { FormError, TextField } from "@/components/ui/fields";
import type { ActionResult } from "@/lib/action-result";
import { APPOINTMENT_FIELDS, appointmentFormSchema, type AppointmentForm, type AppointmentFormInput } from "@/lib/appointments/appointment-form";

export type ClientMatch = { id: string; fullName: string; email: string };
export type CreatedAppointment = { link: string; clientId: string; emailed: boolean; emailProblem: string | null; email: string };

type Props = {
  create: (values: unknown) => Promise<ActionResult<CreatedAppointment>>;
  search: (typed: unknown) => Promise<ActionResult<ClientMatch[]>>;
  /** The clinic's today, "YYYY-MM-DD": the earliest date the picker offers. */
  today: string;
  timeZone: string;
};

/**
 * "New appointment": a returning client found by name or email, or a new one typed in; the date
 * and time in the clinic's zone. Once created, the client's personal link with "Copy link" (for a
 * text message) and whether the email went.
 */
export function NewAppointmentForm({ create, search, today, timeZone }: Props) {
  const form = useForm<AppointmentFormInput, unknown, AppointmentForm>({
    resolver: zodResolver(appointmentFormSchema),
    defaultValues: { clientId: "", fullName: "", email: "", phone: "", date: "", time: "" },
  });
  const { errors } = form.formState;
  const [chosen, setChosen] = useState<ClientMatch | null>(null);
  const [created, setCreated] = useState<CreatedAppointment | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      let result: ActionResult<CreatedAppointment>;
      try {
        result = await create(values);
      } catch {
        setFormError("The clinic's server could not be reached. Check the connection and press Create appointment again.");
        return;
      }
      if (result.ok) {
        setCreated(result.data);
        return;
      }
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) {
        form.setError(name as keyof AppointmentFormInput, { type: "server", message }, { shouldFocus: true });
      }
      if (result.formError) setFormError(result.formError);
    });
  });

  if (created) return <CreatedPanel created={created} />;

  return (
    <form className="card staff-form" noValidate onSubmit={onSubmit}>
      <fieldset>
        <legend>Client</legend>
        {chosen ? (
          <p>
            Returning client: <strong>{chosen.fullName}</strong> ({chosen.email}){" "}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setChosen(null);
                form.setValue("clientId", "");
              }}
            >
              Choose another client
            </button>
          </p>
        ) : (
          <>
            <ClientSearch
              search={search}
              onPick={(client) => {
                setChosen(client);
                form.setValue("clientId", client.id);
                form.clearErrors(["fullName", "email", "phone"]);
              }}
            />
            <p className="hint">Or, for a new client:</p>
            <TextField label={APPOINTMENT_FIELDS.fullName} autoComplete="off" error={errors.fullName?.message} registration={form.register("fullName")} />
            <TextField
              label={APPOINTMENT_FIELDS.email}
              type="email"
              inputMode="email"
              autoComplete="off"
              error={errors.email?.message}
              registration={form.register("email")}
            />
            <TextField
              label={APPOINTMENT_FIELDS.phone}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              hint="For sending the link by text message yourself."
              error={errors.phone?.message}
              registration={form.register("phone")}
            />
          </>
        )}
        <input type="hidden" {...form.register("clientId")} />
      </fieldset>
      <fieldset>
        <legend>When</legend>
        <p className="hint">In the clinic&apos;s time zone ({timeZone}).</p>
        <TextField label={APPOINTMENT_FIELDS.date} type="date" min={today} error={errors.date?.message} registration={form.register("date")} />
        <TextField label={APPOINTMENT_FIELDS.time} type="time" error={errors.time?.message} registration={form.register("time")} />
      </fieldset>
      <FormError message={formError} />
      <div className="actions">
        <button type="submit" disabled={isPending}>
          {isPending ? "Creating…" : "Create appointment"}
        </button>
      </div>
    </form>
  );
}

function ClientSearch({ search, onPick }: { search: Props["search"]; onPick: (client: ClientMatch) => void }) {
  const [typed, setTyped] = useState("");
  const [matches, setMatches] = useState<ClientMatch[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef("");

  useEffect(() => {
    const text = typed.trim();
    latest.current = text;
    if (text.length < 2) return;
    // A short pause so a search goes once per word, not once per key.
    const timer = setTimeout(() => {
      search(text).then(
        (result) => {
          if (latest.current !== text) return;
          setProblem(result.ok ? null : (result.formError ?? "The search failed."));
          setMatches(result.ok ? result.data : []);
        },
        () => setProblem("The clinic's server could not be reached."),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [typed, search]);

  // Too short to search: nothing listed, whatever an earlier search found.
  const shown = typed.trim().length < 2 ? null : matches;
  return (
    <div className="field">
      <label htmlFor="client-search">Find a returning client</label>
      <p className="hint" id="client-search-hint">
        Type part of their name or the start of their email.
      </p>
      <input
        id="client-search"
        type="search"
        autoComplete="off"
        aria-describedby="client-search-hint"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <div aria-live="polite">
        {problem ? <p className="field-error">{problem}</p> : null}
        {shown && shown.length === 0 && !problem ? <p className="hint">No returning client matches.</p> : null}
        {shown && shown.length > 0 ? (
          <ul className="client-matches">
            {shown.map((client) => (
              <li key={client.id}>
                <button type="button" className="secondary" onClick={() => onPick(client)}>
                  Choose {client.fullName} ({client.email})
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

function CreatedPanel({ created }: { created: CreatedAppointment }) {
  const [copied, setCopied] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.link);
      setCopied("Link copied.");
    } catch {
      // No clipboard (plain HTTP, or refused): select it so the therapist can copy it by hand.
      inputRef.current?.select();
      setCopied("Select and copy the link by hand (it is selected).");
    }
  }

  return (
    <section className="card" aria-labelledby="created-heading">
      <h2 id="created-heading" ref={headingRef} tabIndex={-1}>
        Appointment created
      </h2>
      {created.emailed ? (
        <p role="status">The personal link was emailed to {created.email}.</p>
      ) : (
        <p className="form-error" role="alert">
          The email was not sent: {created.emailProblem} The appointment is saved. Copy the link below and send it to the
          client another way, such as a text message.
        </p>
      )}
      <div className="field">
        <label htmlFor="personal-link">Personal link</label>
        <div className="personal-link">
          <input id="personal-link" ref={inputRef} readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={() => void copy()}>
            Copy link
          </button>
        </div>
        <p aria-live="polite" className="hint">
          {copied}
        </p>
      </div>
      <p>
        <Link href="/dashboard/appointments/new">New appointment</Link> · <Link href={`/dashboard/clients/${created.clientId}`}>Client&apos;s page</Link> ·{" "}
        <Link href="/dashboard">Back to the dashboard</Link>
      </p>
    </section>
  );
}
