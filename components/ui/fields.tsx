import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * Form controls with a visible label, an optional hint and an error message tied to the control
 * (aria-describedby, aria-invalid), so a screen reader reads the error when focus lands on it.
 */

type Described = { id: string; hint?: ReactNode; error?: string };
type ControlAria = { "aria-invalid"?: true; "aria-describedby"?: string };

const hintId = (id: string) => `${id}-hint`;
const errorId = (id: string) => `${id}-error`;

function describedBy({ id, hint, error }: Described): string | undefined {
  const ids = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function HintAndError({ id, hint, error, announce = false }: Described & { announce?: boolean }) {
  return (
    <>
      {hint ? (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId(id)} className="field-error" role={announce ? "alert" : undefined}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  label,
  registration,
  error,
  hint,
  type = "text",
  multiline = false,
  ...input
}: {
  label: ReactNode;
  registration: UseFormRegisterReturn;
  error?: string;
  hint?: ReactNode;
  type?: "text" | "email" | "tel" | "date" | "time";
  multiline?: boolean;
  autoComplete?: string;
  inputMode?: "text" | "email" | "tel" | "numeric";
  min?: string;
  max?: string;
  maxLength?: number;
  /** The value the HTML starts with (react-hook-form keeps it after that). */
  defaultValue?: string;
}) {
  const id = `field-${registration.name}`;
  const aria = { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy({ id, hint, error }) };
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {multiline ? (
        <textarea id={id} rows={3} maxLength={input.maxLength} defaultValue={input.defaultValue} {...aria} {...registration} />
      ) : (
        <input id={id} type={type} {...input} {...aria} {...registration} />
      )}
    </div>
  );
}

export function SelectField({
  label,
  registration,
  error,
  hint,
  options,
  defaultValue,
}: {
  label: ReactNode;
  registration: UseFormRegisterReturn;
  error?: string;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const id = `field-${registration.name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, hint, error })}
        defaultValue={defaultValue}
        {...registration}
      >
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes (several answers) or radio buttons (one answer) under one legend. */
export function ChoiceGroup({
  legend,
  type,
  registration,
  options,
  error,
  hint,
  columns = false,
  id = `field-${registration.name}`,
  chosen,
}: {
  /** Defaults to the field's; give another when one field is split over several groups. */
  id?: string;
  legend: ReactNode;
  type: "checkbox" | "radio";
  registration: UseFormRegisterReturn;
  options: { ids: readonly string[]; labels: Record<string, string> };
  error?: string;
  hint?: ReactNode;
  columns?: boolean;
  /** The options ticked when the HTML is drawn. */
  chosen?: readonly string[];
}) {
  const described = describedBy({ id, hint, error });
  return (
    <fieldset id={id} className={`field choices${error ? " has-error" : ""}`} aria-describedby={described}>
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      <div className={columns ? "choice-list columns" : "choice-list"}>
        {options.ids.map((value) => (
          <label key={value} className="choice">
            <input
              type={type}
              value={value}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId(id) : undefined}
              defaultChecked={chosen?.includes(value)}
              {...registration}
            />
            <span>{options.labels[value]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** One yes/no statement, such as a consent. */
export function Checkbox({
  label,
  registration,
  error,
  defaultChecked,
}: {
  label: ReactNode;
  registration: UseFormRegisterReturn;
  error?: string;
  defaultChecked?: boolean;
}) {
  const id = `field-${registration.name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <HintAndError id={id} error={error} />
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId(id) : undefined}
          defaultChecked={defaultChecked}
          {...registration}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}

/**
 * A labelled control of a plain form (no react-hook-form: sign-in, the review note), with the same
 * label, error and ARIA wiring as the fields above; the control itself is the caller's, given the
 * ARIA attributes to spread. The error is announced (role="alert"): these forms show it after a
 * round trip to the server, with no error summary to move focus to.
 */
export function PlainField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  children: (aria: ControlAria) => ReactNode;
}) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} error={error} announce />
      {children({ "aria-invalid": error ? true : undefined, "aria-describedby": describedBy({ id, error }) })}
    </div>
  );
}

/** A form-wide error (not one field's), announced when it appears; nothing when there is none. */
export function FormError({ message }: { message?: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
