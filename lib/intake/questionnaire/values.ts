import type { Question, Questionnaire } from "./types";

/**
 * The types of the answers, read off the registry: a question's id is a key, its kind and options
 * give the value's type. A precaution rule that names a question that does not exist, or an
 * option a question does not have, fails the type check.
 */

type OptionId<Q> = Q extends { readonly options: { readonly ids: readonly (infer O)[] } } ? O : never;

/** The ids of the steps asked only under a condition. */
type ConditionalStep<R extends Questionnaire> = Extract<R["steps"][number], { readonly shownWhen: object }>["id"];

/** Whether a question must always be answered: required, and asked whatever the other answers. */
type Always<Q, R extends Questionnaire> = Q extends { readonly required: string }
  ? Q extends { readonly shownWhen: object }
    ? false
    : Q extends { readonly step: ConditionalStep<R> }
      ? false
      : true
  : false;

type TextKind = "shortText" | "longText" | "email" | "phone" | "date";

/** A validated answer, as stored. */
type Output<Q, R extends Questionnaire> = Q extends { readonly kind: TextKind }
  ? string
  : Q extends { readonly kind: "multipleChoice" | "bodyRegions" }
    ? OptionId<Q>[]
    : Q extends { readonly kind: "singleChoice" | "yesNo" }
      ? Always<Q, R> extends true
        ? OptionId<Q>
        : OptionId<Q> | undefined
      : Q extends { readonly kind: "tick" | "consent" }
        ? boolean
        : Q extends { readonly kind: "scale" }
          ? number | undefined
          : never;

/** An answer as the form holds it, before validation (optional answers may be missing). */
type Input<Q, R extends Questionnaire> = Q extends { readonly kind: "email" | "phone" | "date" | "consent" }
  ? Output<Q, R>
  : Q extends { readonly kind: "shortText" }
    ? Always<Q, R> extends true
      ? string
      : string | undefined
    : Q extends { readonly kind: "longText" | "tick" | "multipleChoice" | "bodyRegions" }
      ? Output<Q, R> | undefined
      : Output<Q, R>;

type Optional<V> = undefined extends V ? true : false;

type Build<R extends Questionnaire, Of> = {
  [Q in R["questions"][number] as Optional<Of extends "input" ? Input<Q, R> : Output<Q, R>> extends true ? never : Q["id"]]: Of extends "input"
    ? Input<Q, R>
    : Output<Q, R>;
} & {
  [Q in R["questions"][number] as Optional<Of extends "input" ? Input<Q, R> : Output<Q, R>> extends true ? Q["id"] : never]?: Of extends "input"
    ? Input<Q, R>
    : Output<Q, R>;
};

type Flatten<T> = { [K in keyof T]: T[K] };

/** Validated answers (hidden ones dropped): what is stored. */
export type AnswersOf<R extends Questionnaire> = Flatten<Build<R, "output">>;
/** What the form holds while the client fills it in. */
export type FormValuesOf<R extends Questionnaire> = Flatten<Build<R, "input">>;
/** The id of one question. */
export type QuestionIdOf<R extends Questionnaire> = R["questions"][number]["id"];
/** The id of one step. */
export type StepIdOf<R extends Questionnaire> = R["steps"][number]["id"];

export type { Question };
