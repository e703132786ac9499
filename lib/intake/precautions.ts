/**
 * The precaution card: plain rules from an intake's answers to what the therapist must do.
 * Pure and deterministic (no clock, no network, nothing random), so each rule is tested by table.
 *
 * To add a rule: add one entry to RULES (its id never changes once released), give it a level,
 * an instruction, and a `when` that returns the answers that triggered it (or nothing); then bump
 * PRECAUTION_RULES_VERSION and add cases to tests/unit/precautions.test.ts. A review records the
 * version it was made against.
 */
import {
  ALLERGY_KINDS,
  CONDITIONS,
  NEUROPATHY_CAUSES,
  REGIONS,
  type Condition,
  type Region,
} from "./options";
import { questionnaire, type IntakeAnswers } from "./questionnaire";

export const PRECAUTION_RULES_VERSION = 1;

/** Most serious first; the card shows them in this order. */
export const LEVELS = {
  stop: { title: "Do not massage today", hint: "Reschedule, or refer the client on." },
  refer: { title: "Refer or ask for medical clearance", hint: "Get clearance from the client's doctor before massaging." },
  avoid: { title: "Avoid these areas", hint: "Do not massage or press on them." },
  modify: { title: "Modify the session", hint: "Change how you work." },
  products: { title: "Products", hint: "What to use instead." },
  always: { title: "Always", hint: "For every client." },
} as const;

export type Level = keyof typeof LEVELS;
export const LEVEL_ORDER = Object.keys(LEVELS) as Level[];
/** Items the therapist must tick one by one before the review can be recorded. */
export const MUST_ACKNOWLEDGE: readonly Level[] = ["stop", "refer", "avoid"];

export type Precaution = {
  /** Stable: stored with reviews, used by tests. */
  id: string;
  level: Level;
  instruction: string;
  /** Body regions the precaution concerns, if any. */
  regions: Region[];
  /** The answers that raised it, in words the therapist understands. */
  because: string[];
};

/** Answers as stored: validated by intakeSchema, hidden answers already dropped. */
export type Answers = Partial<IntakeAnswers>;

type Trigger = { because: string[]; regions?: Region[] };
type Rule = { id: string; level: Level; instruction: string; when: (a: Answers) => Trigger | null };

// ------------------------------------------------------------------------ reading the answers

const has = (a: Answers, condition: Condition) => a.conditions?.includes(condition) ?? false;
const ticked = (condition: Condition) => `Ticked "${CONDITIONS.labels[condition]}"`;
const regionNames = (regions: readonly Region[]) => regions.map((r) => REGIONS.labels[r]).join(", ");
const neuropathy = (a: Answers) => questionnaire.isStepShown("neuropathy", a);
const reducedFeeling = (a: Answers): Region[] => (neuropathy(a) ? (a.reducedFeeling ?? []) : []);
const numbness = (a: Answers) => neuropathy(a) && (a.symptoms?.includes("numbness") ?? false);
const allergic = (a: Answers, kind: keyof typeof ALLERGY_KINDS.labels) =>
  a.hasAllergies === "yes" && (a.allergies?.includes(kind) ?? false);

/** Collects the reasons of several alternative triggers; null when none applies. */
function anyOf(...reasons: (string | false | null | undefined)[]): Trigger | null {
  const because = reasons.filter((r): r is string => typeof r === "string" && r.length > 0);
  return because.length > 0 ? { because } : null;
}

const lossOfFeeling = (a: Answers) => {
  const regions = reducedFeeling(a);
  return anyOf(
    regions.length > 0 && `Reduced feeling: ${regionNames(regions)}`,
    numbness(a) && 'Symptom "Numbness"',
  );
};

// ------------------------------------------------------------------------ the rules

const RULES: Rule[] = [
  // Do not massage today
  {
    id: "stop.fever",
    level: "stop",
    instruction: "Fever, cold or flu today: do not massage. Reschedule once the client has been well for 24 hours.",
    when: (a) => anyOf(has(a, "feverToday") && ticked("feverToday")),
  },
  {
    id: "stop.blood-clot",
    level: "stop",
    instruction:
      "Blood clot or DVT: do not massage the legs or feet; massage could move the clot. Refer the client to their doctor.",
    when: (a) => anyOf(has(a, "bloodClot") && ticked("bloodClot")),
  },
  {
    id: "stop.skin-infection",
    level: "stop",
    instruction:
      "Skin infection, such as athlete's foot, where you would work: do not massage the area, and do not spread it. Reschedule once treated.",
    when: (a) => anyOf(has(a, "skinInfection") && ticked("skinInfection")),
  },

  // Refer or ask for medical clearance
  {
    id: "refer.neuropathy-cause",
    level: "refer",
    instruction:
      "Neuropathy with an underlying cause, and no doctor consulted about massage: ask the client to get their doctor's advice first.",
    when: (a) => {
      if (!neuropathy(a) || a.doctorConsulted) return null;
      const causes = (a.neuropathyCauses ?? []).filter((c) => c !== "unknown");
      if (causes.length === 0) return null;
      return {
        because: [
          `Neuropathy caused by ${causes.map((c) => NEUROPATHY_CAUSES.labels[c].toLowerCase()).join(", ")}`,
          "Has not talked to a doctor about massage",
        ],
      };
    },
  },
  {
    id: "refer.cancer-treatment",
    level: "refer",
    instruction: "Cancer under treatment: massage only with clearance from the client's oncology team.",
    when: (a) => anyOf(has(a, "cancer") && a.cancerTreatment === "current" && `${ticked("cancer")}, treatment current`),
  },
  {
    id: "refer.recent-surgery",
    level: "refer",
    instruction: "Surgery or fracture in the last 6 weeks: ask for medical clearance, and keep away from the site.",
    when: (a) => anyOf(has(a, "recentSurgery") && ticked("recentSurgery")),
  },
  {
    id: "refer.heart",
    level: "refer",
    instruction: "Heart condition or pacemaker: ask for medical clearance before the session.",
    when: (a) => anyOf(has(a, "heartCondition") && ticked("heartCondition")),
  },
  {
    id: "refer.blood-pressure",
    level: "refer",
    instruction: "High blood pressure that is not under control: ask for medical clearance before the session.",
    when: (a) =>
      anyOf(
        has(a, "highBloodPressure") &&
          a.bloodPressureControlled !== "yes" &&
          `${ticked("highBloodPressure")}, ${a.bloodPressureControlled === "unsure" ? "not sure it is under control" : "not under control"}`,
      ),
  },

  // Avoid these areas
  {
    id: "avoid.wounds",
    level: "avoid",
    instruction: "Open wounds, blisters or ulcers: do not touch them; look at them before and after the session.",
    when: (a) => {
      const regions = neuropathy(a) ? (a.woundsOrBlisters ?? []) : [];
      if (regions.length > 0) return { because: [`Wounds or blisters: ${regionNames(regions)}`], regions };
      return has(a, "openWounds") ? { because: [`${ticked("openWounds")} (ask where)`] } : null;
    },
  },
  {
    id: "avoid.painful-touch",
    level: "avoid",
    instruction: "Light touch is painful here: avoid these areas.",
    when: (a) => {
      const regions = neuropathy(a) ? (a.painfulToLightTouch ?? []) : [];
      return regions.length > 0 ? { because: [`Light touch is painful: ${regionNames(regions)}`], regions } : null;
    },
  },
  {
    id: "avoid.varicose-veins",
    level: "avoid",
    instruction: "Varicose veins: no pressure over them. Ask the client to show you where they are.",
    when: (a) => anyOf(has(a, "varicoseVeins") && ticked("varicoseVeins")),
  },
  {
    id: "avoid.insulin-sites",
    level: "avoid",
    instruction: "Insulin injection sites: avoid recent ones. Ask the client where they inject.",
    when: (a) => anyOf(has(a, "diabetes") && a.usesInsulin && "Injects insulin"),
  },
  {
    id: "avoid.client-request",
    level: "avoid",
    instruction: "The client asked you to avoid these areas.",
    when: (a) => anyOf(a.areasToAvoid?.trim() && `Areas to avoid: "${a.areasToAvoid.trim()}"`),
  },

  // Modify the session
  {
    id: "modify.light-pressure",
    level: "modify",
    instruction: "Light pressure only.",
    when: (a) => {
      const feeling = lossOfFeeling(a);
      return anyOf(
        ...(feeling?.because.map((b) => `${b}: cannot feel pressure reliably`) ?? []),
        a.takesBloodThinners && "Takes blood thinners: bruises easily",
        has(a, "osteoporosis") && ticked("osteoporosis"),
      );
    },
  },
  {
    id: "modify.no-heat",
    level: "modify",
    instruction: "No heat: no hot stones, heated towels or warm packs. The client may not feel a burn.",
    when: lossOfFeeling,
  },
  {
    id: "modify.check-feet",
    level: "modify",
    instruction: "Look at both feet before and after the session, for wounds, blisters, redness or swelling.",
    when: (a) => {
      const feeling = lossOfFeeling(a);
      return anyOf(...(feeling?.because ?? []), has(a, "diabetes") && ticked("diabetes"));
    },
  },
  {
    id: "modify.check-in",
    level: "modify",
    instruction: "Check in often: the client cannot report pressure reliably.",
    when: lossOfFeeling,
  },
  {
    id: "modify.sugar",
    level: "modify",
    instruction: "Have a sugary drink or snack at hand in case of low blood sugar.",
    when: (a) => anyOf(has(a, "diabetes") && ticked("diabetes")),
  },
  {
    id: "modify.pregnancy",
    level: "modify",
    instruction: "Pregnancy: position the client on her side or semi-reclined; no deep pressure on the legs.",
    when: (a) => anyOf(has(a, "pregnancy") && ticked("pregnancy")),
  },
  {
    id: "modify.get-up-slowly",
    level: "modify",
    instruction: "Blood pressure medication: let the client sit up and stand slowly at the end.",
    when: (a) => anyOf(has(a, "highBloodPressure") && a.takesBloodPressureMedication && "Takes blood pressure medication"),
  },

  // Products
  {
    id: "products.nut-free",
    level: "products",
    instruction: "Use nut-free oils and lotions (no almond, walnut or other nut oils).",
    when: (a) => anyOf(allergic(a, "nutOils") && "Allergic to nut oils"),
  },
  {
    id: "products.unscented",
    level: "products",
    instruction: "Use unscented products; no essential oils or fragrance in the room.",
    when: (a) => anyOf(allergic(a, "fragrances") && "Allergic to fragrances or essential oils"),
  },
  {
    id: "products.latex-free",
    level: "products",
    instruction: "Latex allergy: use nitrile gloves and latex-free equipment.",
    when: (a) => anyOf(allergic(a, "latex") && "Allergic to latex"),
  },
  {
    id: "products.hypoallergenic",
    level: "products",
    instruction: "Use a hypoallergenic, unscented lotion, or none; patch test first and ask what the client tolerates.",
    when: (a) =>
      anyOf(
        allergic(a, "lotions") && "Allergic to lotions or creams",
        a.skinSensitivity === "very" && "Very sensitive skin",
      ),
  },
  {
    id: "products.other-allergy",
    level: "products",
    instruction: "Other allergy: read the client's details and avoid what they name.",
    when: (a) => anyOf(allergic(a, "other") && `Allergy details: "${a.allergyDetails?.trim() || "none given"}"`),
  },

  // Always
  {
    id: "always.hygiene",
    level: "always",
    instruction: "Clean hands and clean tools.",
    when: () => ({ because: ["Every session"] }),
  },
  {
    id: "always.speak-up",
    level: "always",
    instruction: "Ask the client to speak up about any discomfort, at once.",
    when: () => ({ because: ["Every session"] }),
  },
];

/** The precautions for an intake, most serious level first; each rule appears at most once. */
export function precautionsFor(answers: Answers): Precaution[] {
  const out: Precaution[] = [];
  for (const rule of RULES) {
    const trigger = rule.when(answers);
    if (!trigger) continue;
    out.push({
      id: rule.id,
      level: rule.level,
      instruction: rule.instruction,
      regions: trigger.regions ?? [],
      because: trigger.because,
    });
  }
  return out.sort((x, y) => LEVEL_ORDER.indexOf(x.level) - LEVEL_ORDER.indexOf(y.level));
}

/** How many items of each level, for the dashboard. */
export function countByLevel(precautions: Precaution[]): Record<Level, number> {
  const counts = Object.fromEntries(LEVEL_ORDER.map((l) => [l, 0])) as Record<Level, number>;
  for (const p of precautions) counts[p.level]++;
  return counts;
}

/** The ids the therapist must acknowledge before marking the intake reviewed. */
export function mustAcknowledge(precautions: Precaution[]): string[] {
  return precautions.filter((p) => MUST_ACKNOWLEDGE.includes(p.level)).map((p) => p.id);
}

/** Every rule id, for tests and documentation. */
export const RULE_IDS = RULES.map((r) => r.id);
