/**
 * The precaution card: plain rules from an intake's answers to what the therapist must do, each
 * following published guidance it cites (precaution-sources.ts). Pure and deterministic (no clock,
 * no network, nothing random), so each rule is tested by table.
 *
 * To add a rule: add one entry to RULES (its id never changes once released), give it a level,
 * an instruction, its sources, and a `when` that returns the answers that triggered it (or
 * nothing); then bump PRECAUTION_RULES_VERSION and add cases to tests/unit/precautions.test.ts.
 * A new version recomputes the stored counts of every intake once (lib/data/intakes/rules-version.ts),
 * and a review records the version it was made against.
 */
import {
  ALLERGY_KINDS,
  CONDITIONS,
  LIMBS,
  NEUROPATHY_CAUSES,
  REGIONS,
  type Condition,
  type Limb,
  type Region,
} from "./options";
import { SOURCES, type Source, type SourceId } from "./precaution-sources";
import { questionnaire, type IntakeAnswers } from "./questionnaire";
import { seeDoctorTodaySigns } from "./see-doctor-today";

/**
 * 1: the first card. 2: every rule cites its source; new rules for a foot attack, swelling,
 * lymphedema, poor circulation, kidney disease and the months after cancer treatment; rules that
 * were weaker than their source follow it (see docs/decisions/008-precaution-rules-v2.md).
 */
export const PRECAUTION_RULES_VERSION = 2;

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
  /** The published guidance it follows: a short citation and where to read it. */
  sources: Pick<Source, "citation" | "url">[];
};

/** Answers as stored: validated by intakeSchema, hidden answers already dropped. */
export type Answers = Partial<IntakeAnswers>;

type Trigger = { because: string[]; regions?: Region[] };
type Rule = {
  id: string;
  level: Level;
  instruction: string;
  /** At least one: a rule with no source is not shipped. */
  sources: readonly [SourceId, ...SourceId[]];
  when: (a: Answers) => Trigger | null;
};

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

/** The foot and lower-leg regions of a limb, for the body map. */
const LEG_REGIONS: Partial<Record<Limb, Region[]>> = {
  leftLeg: REGIONS.ids.filter((r) => r.startsWith("left")),
  rightLeg: REGIONS.ids.filter((r) => r.startsWith("right")),
};

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
    id: "stop.foot-attack",
    level: "stop",
    instruction:
      "A red, hot or swollen foot or leg, or a wound with discharge: do not massage. With diabetes or neuropathy this is a foot attack, an emergency: the client must be seen by a doctor or foot protection team today. Make sure they know, and rebook.",
    sources: ["diabetesUkFootAttack", "nysed"],
    when: (a) => {
      const signs = seeDoctorTodaySigns(a);
      if (signs.length === 0) return null;
      return {
        because: [
          ...signs.map((sign) => (sign === "redHotSwollenToday" ? ticked(sign) : "A wound is leaking fluid or pus")),
          ...(has(a, "diabetes") ? [ticked("diabetes")] : []),
          ...(neuropathy(a) ? [ticked("neuropathy")] : []),
        ],
      };
    },
  },
  {
    id: "stop.fever",
    level: "stop",
    instruction: "Fever, cold or flu today: do not massage. Reschedule once the client has been well for 24 hours.",
    sources: ["werner", "nysed"],
    when: (a) => anyOf(has(a, "feverToday") && ticked("feverToday")),
  },
  {
    id: "stop.blood-clot",
    level: "stop",
    instruction:
      "Blood clot or DVT: do not massage at all (not only the legs); massage could move the clot. Refer the client to their doctor.",
    sources: ["werner", "nysed"],
    when: (a) => anyOf(has(a, "bloodClot") && ticked("bloodClot")),
  },
  {
    id: "stop.skin-infection",
    level: "stop",
    instruction:
      "Skin infection, such as athlete's foot: do not massage the infected area, and do not spread it. If it is spreading, hot or weeping, or the client feels unwell, do not massage at all. Reschedule once treated.",
    sources: ["werner"],
    when: (a) => anyOf(has(a, "skinInfection") && ticked("skinInfection")),
  },

  // Refer or ask for medical clearance
  {
    id: "refer.neuropathy-cause",
    level: "refer",
    instruction:
      "Neuropathy, and no doctor consulted about massage: ask the client to get their doctor's advice first. Some causes rule massage out, and a cause that is not known has not been ruled out.",
    sources: ["clinic", "werner"],
    when: (a) => {
      if (!neuropathy(a) || a.doctorConsulted) return null;
      const causes = a.neuropathyCauses ?? [];
      const known = causes.filter((c) => c !== "unknown");
      return {
        because: [
          ...(known.length > 0 ? [`Neuropathy caused by ${known.map((c) => NEUROPATHY_CAUSES.labels[c].toLowerCase()).join(", ")}`] : []),
          ...(causes.includes("unknown") || causes.length === 0 ? ["Cause of neuropathy not known"] : []),
          "Has not talked to a doctor about massage",
        ],
      };
    },
  },
  {
    id: "refer.cancer-treatment",
    level: "refer",
    instruction: "Cancer under treatment: agree the massage plan with the client's oncology team before the session.",
    sources: ["walton", "nysed"],
    when: (a) => anyOf(has(a, "cancer") && a.cancerTreatment === "current" && `${ticked("cancer")}, treatment current`),
  },
  {
    id: "refer.recent-surgery",
    level: "refer",
    instruction:
      "Surgery or fracture in the last 6 weeks: ask for medical clearance. Keep away from the site, recent scars and any implanted hardware (pins, plates, joint replacements).",
    sources: ["nysed"],
    when: (a) => anyOf(has(a, "recentSurgery") && ticked("recentSurgery")),
  },
  {
    id: "refer.heart",
    level: "refer",
    instruction:
      "Heart condition or pacemaker: ask for medical clearance before the session. Swelling from heart failure is not massaged without it.",
    sources: ["nysed", "werner"],
    when: (a) => anyOf(has(a, "heartCondition") && ticked("heartCondition")),
  },
  {
    id: "refer.kidney",
    level: "refer",
    instruction:
      "Kidney disease: ask for medical clearance before the session. Swelling from kidney failure is not massaged without it; keep the session gentle.",
    sources: ["nysed", "werner"],
    when: (a) => anyOf(has(a, "kidneyDisease") && ticked("kidneyDisease")),
  },
  {
    id: "refer.swelling",
    level: "refer",
    instruction:
      "Swollen feet or ankles: ask for medical clearance before massaging the swelling; it can come from the heart, the kidneys, the veins or a clot. Press gently first: if a dent stays (pitting edema), do not massage there.",
    sources: ["werner", "nysed"],
    when: (a) =>
      has(a, "swollenFeet")
        ? {
            because: [
              ticked("swollenFeet"),
              ...(has(a, "heartCondition") ? [`Also ${ticked("heartCondition").toLowerCase()}`] : []),
              ...(has(a, "kidneyDisease") ? [`Also ${ticked("kidneyDisease").toLowerCase()}`] : []),
            ],
          }
        : null,
  },
  {
    id: "refer.circulation",
    level: "refer",
    instruction:
      "Poor circulation in the legs or feet: ask for medical clearance. Light pressure only on the legs and feet, no heat; the skin heals slowly, so look for wounds.",
    sources: ["werner", "diabetesUkFootAttack"],
    when: (a) => anyOf(has(a, "poorCirculation") && ticked("poorCirculation")),
  },
  {
    id: "refer.blood-pressure",
    level: "refer",
    instruction: "High blood pressure that is not under control: ask for medical clearance before the session.",
    sources: ["werner"],
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
    instruction: "Open wounds, blisters or ulcers: do not touch them until they have healed; look at them before and after the session.",
    sources: ["werner", "abmpDiabetes"],
    when: (a) => {
      const regions = neuropathy(a) ? (a.woundsOrBlisters ?? []) : [];
      if (regions.length > 0) return { because: [`Wounds or blisters: ${regionNames(regions)}`], regions };
      return has(a, "openWounds") ? { because: [`${ticked("openWounds")} (ask where)`] } : null;
    },
  },
  {
    id: "avoid.lymphedema",
    level: "avoid",
    instruction:
      "Lymphedema, or lymph nodes removed: no more than light pressure on that arm or leg, for life; no deep work, no heat, nothing tight around it.",
    sources: ["walton"],
    when: (a) => {
      if (!has(a, "lymphedema")) return null;
      const limbs = a.lymphedemaLimbs ?? [];
      return {
        because: [limbs.length > 0 ? `Lymphedema or lymph nodes removed: ${limbs.map((l) => LIMBS.labels[l]).join(", ")}` : `${ticked("lymphedema")} (ask which limb)`],
        regions: limbs.flatMap((l) => LEG_REGIONS[l] ?? []),
      };
    },
  },
  {
    id: "avoid.painful-touch",
    level: "avoid",
    instruction: "Light touch is painful here: avoid these areas.",
    sources: ["werner"],
    when: (a) => {
      const regions = neuropathy(a) ? (a.painfulToLightTouch ?? []) : [];
      return regions.length > 0 ? { because: [`Light touch is painful: ${regionNames(regions)}`], regions } : null;
    },
  },
  {
    id: "avoid.varicose-veins",
    level: "avoid",
    instruction: "Varicose veins: do not massage over them. Ask the client to show you where they are.",
    sources: ["nysed", "werner"],
    when: (a) => anyOf(has(a, "varicoseVeins") && ticked("varicoseVeins")),
  },
  {
    id: "avoid.insulin-sites",
    level: "avoid",
    instruction:
      "Insulin: keep several inches away from injection sites and from an insulin pump's site. Ask the client where they inject or wear a pump.",
    sources: ["abmpDiabetes"],
    when: (a) => anyOf(has(a, "diabetes") && a.usesInsulin && "Injects insulin"),
  },
  {
    id: "avoid.client-request",
    level: "avoid",
    instruction: "The client asked you to avoid these areas.",
    sources: ["clinic"],
    when: (a) => anyOf(a.areasToAvoid?.trim() && `Areas to avoid: "${a.areasToAvoid.trim()}"`),
  },

  // Modify the session
  {
    id: "modify.light-pressure",
    level: "modify",
    instruction: "Light pressure only.",
    sources: ["nysed", "werner"],
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
    id: "modify.after-cancer",
    level: "modify",
    instruction:
      "Cancer treatment now or in the last 12 months: the risk of a blood clot stays raised for months. Gentle pressure on the legs; if a leg is swollen, warm, red or painful, do not massage it and ask the client to see their doctor today.",
    sources: ["walton"],
    when: (a) =>
      anyOf(
        has(a, "cancer") && a.cancerTreatment === "current" && `${ticked("cancer")}, treatment current`,
        has(a, "cancer") && a.cancerTreatment === "past" && a.cancerTreatmentRecent && "Cancer treatment finished in the last 12 months",
      ),
  },
  {
    id: "modify.no-heat",
    level: "modify",
    instruction: "No heat: no hot stones, heated towels or warm packs. The client may not feel a burn.",
    sources: ["nysed", "werner"],
    when: (a) => anyOf(...(lossOfFeeling(a)?.because ?? []), has(a, "poorCirculation") && ticked("poorCirculation")),
  },
  {
    id: "modify.check-feet",
    level: "modify",
    instruction: "Look at both feet before and after the session, for wounds, blisters, redness or swelling.",
    sources: ["abmpDiabetes", "diabetesUkFootAttack"],
    when: (a) => {
      const feeling = lossOfFeeling(a);
      return anyOf(
        ...(feeling?.because ?? []),
        has(a, "diabetes") && ticked("diabetes"),
        has(a, "poorCirculation") && ticked("poorCirculation"),
      );
    },
  },
  {
    id: "modify.check-in",
    level: "modify",
    instruction: "Check in often: the client cannot report pressure reliably.",
    sources: ["nysed"],
    when: lossOfFeeling,
  },
  {
    id: "modify.sugar",
    level: "modify",
    instruction: "Ask the client what to do if their blood sugar goes low, and have a sugary drink or snack at hand.",
    sources: ["abmpDiabetes"],
    when: (a) => anyOf(has(a, "diabetes") && ticked("diabetes")),
  },
  {
    id: "modify.pregnancy",
    level: "modify",
    instruction: "Pregnancy: position the client on her side or semi-reclined; no deep pressure on the legs.",
    sources: ["werner", "nysed"],
    when: (a) => anyOf(has(a, "pregnancy") && ticked("pregnancy")),
  },
  {
    id: "modify.get-up-slowly",
    level: "modify",
    instruction: "Blood pressure medication: let the client sit up and stand slowly at the end.",
    sources: ["werner"],
    when: (a) => anyOf(has(a, "highBloodPressure") && a.takesBloodPressureMedication && "Takes blood pressure medication"),
  },

  // Products
  {
    id: "products.nut-free",
    level: "products",
    instruction: "Use nut-free oils and lotions (no almond, walnut or other nut oils).",
    sources: ["clinic"],
    when: (a) => anyOf(allergic(a, "nutOils") && "Allergic to nut oils"),
  },
  {
    id: "products.unscented",
    level: "products",
    instruction: "Use unscented products; no essential oils or fragrance in the room.",
    sources: ["clinic"],
    when: (a) => anyOf(allergic(a, "fragrances") && "Allergic to fragrances or essential oils"),
  },
  {
    id: "products.latex-free",
    level: "products",
    instruction: "Latex allergy: use nitrile gloves and latex-free equipment.",
    sources: ["clinic"],
    when: (a) => anyOf(allergic(a, "latex") && "Allergic to latex"),
  },
  {
    id: "products.hypoallergenic",
    level: "products",
    instruction: "Use a hypoallergenic, unscented lotion, or none; patch test first and ask what the client tolerates.",
    sources: ["clinic"],
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
    sources: ["clinic"],
    when: (a) => anyOf(allergic(a, "other") && `Allergy details: "${a.allergyDetails?.trim() || "none given"}"`),
  },

  // Always
  {
    id: "always.hygiene",
    level: "always",
    instruction: "Clean hands and clean tools.",
    sources: ["clinic"],
    when: () => ({ because: ["Every session"] }),
  },
  {
    id: "always.speak-up",
    level: "always",
    instruction: "Ask the client to speak up about any discomfort, at once.",
    sources: ["clinic"],
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
      sources: rule.sources.map((id) => ({ citation: SOURCES[id].citation, url: SOURCES[id].url })),
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

/** The stop, refer and avoid items no review acknowledged (all of them before any review). */
export function notAcknowledged(precautions: Precaution[], acknowledged: readonly string[]): string[] {
  return mustAcknowledge(precautions).filter((id) => !acknowledged.includes(id));
}

/** Every rule id, for tests and documentation. */
export const RULE_IDS = RULES.map((r) => r.id);

/** Every rule without its trigger, in card order: for the staff page that explains the card. */
export const RULE_LIST = RULES.map(({ id, level, instruction, sources }) => ({
  id,
  level,
  instruction,
  sources: sources.map((s) => SOURCES[s]),
})).sort((x, y) => LEVEL_ORDER.indexOf(x.level) - LEVEL_ORDER.indexOf(y.level));
