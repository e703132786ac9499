import { describe, expect, it } from "vitest";
import { answersFromFormData } from "@/lib/intake/form-data";
import { errorsOfStep, firstError } from "@/lib/intake/form-steps";
import { questionnaire } from "@/lib/intake/questionnaire";
import { NEW_QUESTION_NOTICE, takeStep, type DraftStore } from "@/lib/submissions/posted-steps";
import { validIntake } from "../helpers/intake-fixtures";

/**
 * What the server answers a step posted without JavaScript (lib/submissions/posted-steps.ts),
 * against a draft kept in memory: the draft stores themselves (a link's, the public form's) are
 * tested on both databases and through the browser (tests/e2e/no-javascript.spec.ts).
 */

type Draft = { step: string; answers: Record<string, unknown>; idempotencyKey: string };

function memoryStore(draft: Draft | null = null, refuse: string | null = null) {
  const store = {
    draft,
    submitted: [] as { values: Record<string, unknown>; key: string }[],
    finished: false,
    page: "/intake",
    read: async () => store.draft,
    async save(step: string, answers: Record<string, unknown>, idempotencyKey: string) {
      if (refuse) return refuse;
      store.draft = { step, answers, idempotencyKey };
      return null;
    },
    async submit(values: Record<string, unknown>, key: string) {
      store.submitted.push({ values, key });
      return { ok: true as const, data: { reference: "ABCD-2345", seeDoctorToday: [] } };
    },
    async finish() {
      store.finished = true;
    },
  };
  return store satisfies DraftStore;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

/** The step's answer: the state drawn again, or the address a redirect goes to. */
async function post(store: DraftStore, fields: Record<string, string | string[]>) {
  try {
    return { state: await takeStep(store, form(fields)) };
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw error;
    return { go: digest.split(";")[2]! };
  }
}

const KEY = "0d4f3f2e-6a57-4c1b-9d0e-2b7c9a1e5f33";
const about = { fullName: "Olga Berg", email: "olga@example.com", phone: "+1 555 010 2040", dateOfBirth: "1949-02-03" };

describe("a step posted without JavaScript", () => {
  it("comes back with its errors and what was typed, and keeps it in the draft", async () => {
    const store = memoryStore();
    const answer = await post(store, { step: "about", intent: "next", fullName: "Olga Berg", email: "olga@" });
    expect(answer.state).toMatchObject({ step: "about", values: { fullName: "Olga Berg", email: "olga@" } });
    expect(answer.state?.errors).toMatchObject({ email: "Enter an email address like name@example.com", phone: "Enter your phone number" });
    expect(answer.state?.errors).not.toHaveProperty("fullName");
    expect(store.draft).toMatchObject({ step: "about", answers: { fullName: "Olga Berg", email: "olga@" } });
    // The draft keeps only answers given, not the form's defaults for steps never posted.
    expect(store.draft?.answers).not.toHaveProperty("conditions");
  });

  it("moves on to the next step asked, and Back to the one before, keeping what was posted", async () => {
    const store = memoryStore();
    const whole = validIntake();
    const step1 = Object.fromEntries(questionnaire.stepFields.about.map((id) => [id, String(whole[id] ?? "")]));
    expect(await post(store, { step: "about", intent: "next", ...step1 })).toEqual({ go: "/intake" });
    expect(store.draft?.step).toBe("health");
    const key = store.draft!.idempotencyKey;
    // Neuropathy adds its step after health.
    expect(await post(store, { step: "health", intent: "next", conditions: "neuropathy" })).toEqual({ go: "/intake" });
    expect(store.draft?.step).toBe("neuropathy");
    expect(await post(store, { step: "neuropathy", intent: "back", symptoms: ["numbness", "tingling"] })).toEqual({ go: "/intake" });
    expect(store.draft).toMatchObject({ step: "health", idempotencyKey: key, answers: { fullName: "Maria Jensen", symptoms: ["numbness", "tingling"] } });
    // Back from the first step stays there.
    expect(await post(store, { step: "about", intent: "back", ...step1 })).toEqual({ go: "/intake" });
    expect(store.draft?.step).toBe("about");
  });

  it("reads a group with nothing ticked as none, and ignores answers to questions the page did not show", async () => {
    const store = memoryStore({ step: "health", answers: { conditions: ["diabetes"], takesBloodThinners: true }, idempotencyKey: KEY });
    await post(store, { step: "health", intent: "back" });
    expect(store.draft?.answers).toMatchObject({ conditions: [], takesBloodThinners: false });
    // "What are you allergic to?" was not on the page (allergies not answered Yes): its field is not read.
    await post(store, { step: "allergiesAndSkin", intent: "back", allergies: "latex", skinSensitivity: "not" });
    expect(store.draft?.answers).not.toHaveProperty("allergies");
    expect(store.draft?.answers).toMatchObject({ skinSensitivity: "not" });
  });

  it("shows a question an answer added with a notice, and asks for it as an error only once it was seen", async () => {
    const store = memoryStore({ step: "allergiesAndSkin", answers: { ...validIntake(), hasAllergies: "no" }, idempotencyKey: KEY });
    const first = await post(store, { step: "allergiesAndSkin", intent: "next", hasAllergies: "yes", skinSensitivity: "not" });
    expect(first.state).toMatchObject({ step: "allergiesAndSkin", errors: {}, notice: NEW_QUESTION_NOTICE });
    const second = await post(store, { step: "allergiesAndSkin", intent: "next", hasAllergies: "yes", skinSensitivity: "not" });
    expect(second.state?.errors).toEqual({ allergies: "Choose at least one allergy, or answer No above" });
    expect(second.state?.notice).toBeUndefined();
    expect(await post(store, { step: "allergiesAndSkin", intent: "next", hasAllergies: "yes", allergies: "latex", skinSensitivity: "not" })).toEqual({
      go: "/intake",
    });
    expect(store.draft?.step).toBe("preferences");
  });

  it("goes from the review to a step to change, and submits once everything is valid", async () => {
    const store = memoryStore({ step: "review", answers: { ...validIntake(), consentAccurate: false }, idempotencyKey: KEY });
    expect(await post(store, { step: "review", intent: "change:preferences" })).toEqual({ go: "/intake" });
    expect(store.draft?.step).toBe("preferences");
    // A submit the schema refuses goes to the step of the first error, with that step's errors.
    const refused = await post(store, { step: "review", intent: "submit" });
    expect(refused.state).toMatchObject({ step: "consent", errors: { consentAccurate: "Tick this box to continue" } });
    expect(store.submitted).toEqual([]);
    store.draft = { ...store.draft!, answers: { ...store.draft!.answers, consentAccurate: true } };
    expect(await post(store, { step: "review", intent: "submit", website: "" })).toEqual({ go: "/intake/thank-you?ref=ABCD-2345" });
    expect(store.submitted).toHaveLength(1);
    expect(store.submitted[0]).toMatchObject({ key: KEY, values: { fullName: "Maria Jensen", website: "" } });
    expect(store.finished).toBe(true);
  });

  it("says why, in words, when the draft cannot be kept", async () => {
    const store = memoryStore(null, "This link cannot be used any more.");
    const answer = await post(store, { step: "about", intent: "next", ...about });
    expect(answer.state).toMatchObject({ formError: "This link cannot be used any more.", values: { fullName: "Olga Berg" } });
  });
});

describe("a posted step's fields", () => {
  it("are read by kind: text as typed, a group as a list, a box as ticked or not, the scale as a number", () => {
    const shown = { ...questionnaire.defaults, conditions: ["neuropathy"] };
    const data = form({ symptoms: ["numbness", "burning"], symptomStrength: "7", neuropathyCauses: "diabetes" });
    expect(answersFromFormData("neuropathy", data, shown)).toMatchObject({
      symptoms: ["numbness", "burning"],
      symptomStrength: 7,
      neuropathyCauses: ["diabetes"],
      reducedFeeling: [],
    });
    expect(answersFromFormData("neuropathy", form({ symptomStrength: "" }), shown)).toMatchObject({ symptomStrength: undefined });
    expect(answersFromFormData("consent", form({ consentAccurate: "on" }), shown)).toMatchObject({ consentAccurate: true, consentSpeakUp: false });
    // A radio group with nothing chosen is left out, not set to nothing.
    expect(answersFromFormData("allergiesAndSkin", form({}), shown)).not.toHaveProperty("hasAllergies");
  });
});

describe("the first error and a step's errors (shared with the enhanced form)", () => {
  const [firstStep, secondStep] = questionnaire.stepIds;
  const [a, b] = questionnaire.stepFields[firstStep!];
  const [c] = questionnaire.stepFields[secondStep!];

  it("finds the question asked first, whatever order the errors came in", () => {
    expect(firstError([c!, b!, "notAQuestion"])).toEqual({ question: b, step: firstStep });
    expect(firstError([c!])).toEqual({ question: c, step: secondStep });
    expect(firstError(["notAQuestion"])).toBeUndefined();
  });

  it("keeps one step's errors, and only those the page showed", () => {
    const errors = { [a!]: "first", [b!]: "second", [c!]: "third" };
    expect(errorsOfStep(firstStep!, errors)).toEqual({ [a!]: "first", [b!]: "second" });
    expect(errorsOfStep(firstStep!, errors, (id) => id !== a)).toEqual({ [b!]: "second" });
    expect(errorsOfStep(secondStep!, {})).toEqual({});
  });
});
