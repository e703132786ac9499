/**
 * The shape of a questionnaire as data (after FHIR's Questionnaire: an item has a stable id, a
 * type, a text, answer options, `required`, and `enableWhen` as data rather than code).
 */

/** A choice list: stable ids (stored) and the words a person reads (lib/intake/options.ts). */
export type Options = { readonly ids: readonly [string, ...string[]]; readonly labels: Readonly<Record<string, string>> };

/** One test on another question's answer. */
export type Condition =
  | { readonly question: string; readonly equals: string }
  | { readonly question: string; readonly includes: string };

/**
 * When a question (or a whole step) is asked. A condition on a question that is itself not asked
 * is false, so visibility follows the chain (details of "Other" only when the list was asked).
 */
export type ShownWhen = Condition | { readonly all: readonly Condition[] } | { readonly any: readonly Condition[] };

export type Step = {
  readonly id: string;
  /** The client's title ("Your health"). */
  readonly title: string;
  /** The therapist's title ("Health"). */
  readonly staffTitle: string;
  readonly shownWhen?: ShownWhen;
  /** The step ends with today's date beside the typed signature. */
  readonly signedAndDated?: boolean;
};

/** How an answer appears in the summary, when not as its own line under its own label. */
export type SummaryAs =
  /** Added in brackets to another question's line ("Other (injury at work)"). */
  | { readonly detailOf: string }
  /** One line for a run of tick boxes: `all` when every one is ticked, `notAll` otherwise. */
  | { readonly allOf: string; readonly all: string; readonly notAll: string };

type Common = {
  /** Stable: the key the answer is stored under. Never rename one that has been released. */
  readonly id: string;
  readonly step: string;
  /** What the client reads on the form. */
  readonly label: string;
  readonly hint?: string;
  /** The label of the answer in the summary, when it differs from the form's. */
  readonly summaryLabel?: string;
  readonly summaryAs?: SummaryAs;
  /** Required (when shown), with the message for a missing answer. */
  readonly required?: string;
  readonly shownWhen?: ShownWhen;
  /** The browser's autofill hint for a text field. */
  readonly autoComplete?: string;
  /**
   * The INTAKE_SCHEMA_VERSION that first asked it. Answers stored under an older version never
   * saw it, so their summary leaves it out rather than showing the form's default as an answer.
   */
  readonly since?: number;
  /**
   * Never filled in from a returning client's last intake, because it is asked about now:
   * "today" for the client's state today (still compared with the last visit: a change is news);
   * "visit" for what belongs to each visit alone (its date, consent, signature: not compared).
   */
  readonly askedFresh?: "today" | "visit";
  /** Options of a multiple choice that are about today: the rest is filled in, these are not. */
  readonly freshOptions?: readonly string[];
};

export type Question =
  | (Common & {
      readonly kind: "shortText";
      /** "name": one line with a letter; "line": one line; "text": line breaks allowed. */
      readonly format?: "name" | "line" | "text";
      readonly maxLength?: number;
    })
  | (Common & { readonly kind: "longText" | "email" | "phone" | "date" | "tick" | "consent" })
  | (Common & { readonly kind: "singleChoice" | "yesNo"; readonly options: Options; readonly invalid?: string })
  | (Common & { readonly kind: "multipleChoice" | "bodyRegions"; readonly options: Options })
  | (Common & { readonly kind: "scale"; readonly min: number; readonly max: number; readonly invalid?: string });

export type Kind = Question["kind"];

export type Questionnaire = { readonly steps: readonly Step[]; readonly questions: readonly Question[] };
