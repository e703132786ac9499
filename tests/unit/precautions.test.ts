import { describe, expect, it, vi } from "vitest";
import {
  LEVEL_ORDER,
  PRECAUTION_RULES_VERSION,
  RULE_IDS,
  RULE_LIST,
  countByLevel,
  mustAcknowledge,
  precautionsFor,
} from "@/lib/intake/precautions";
import { SOURCES, SOURCE_PAGE } from "@/lib/intake/precaution-sources";
import { intakeSchema, type IntakeFormValues } from "@/lib/intake/schema";
import { seeDoctorTodaySigns } from "@/lib/intake/see-doctor-today";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

const ALWAYS = ["always.hygiene", "always.speak-up"];

/** Validated as the server stores them, so hidden answers are dropped exactly as in real life. */
function stored(values: IntakeFormValues) {
  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const ids = (values: IntakeFormValues) => precautionsFor(stored(values)).map((p) => p.id);

// A client with neuropathy who has talked to a doctor, and no other answer that raises anything.
const quietNeuropathy = (o: Partial<IntakeFormValues> = {}) =>
  neuropathyIntake({
    conditions: ["neuropathy"],
    neuropathyCauses: ["unknown"],
    doctorConsulted: true,
    symptoms: [],
    reducedFeeling: [],
    woundsOrBlisters: [],
    ...o,
  });
const FEELING = ["modify.light-pressure", "modify.no-heat", "modify.check-feet", "modify.check-in"];
const DIABETES = ["modify.check-feet", "modify.sugar"];

const CASES: [string, IntakeFormValues, string[]][] = [
  ["nothing to flag", validIntake(), ALWAYS],
  ["fever today", validIntake({ conditions: ["feverToday"] }), ["stop.fever", ...ALWAYS]],
  ["blood clot", validIntake({ conditions: ["bloodClot"] }), ["stop.blood-clot", ...ALWAYS]],
  ["skin infection", validIntake({ conditions: ["skinInfection"] }), ["stop.skin-infection", ...ALWAYS]],
  [
    "neuropathy from diabetes, no doctor consulted",
    quietNeuropathy({ neuropathyCauses: ["diabetes"], doctorConsulted: false }),
    ["refer.neuropathy-cause", ...ALWAYS],
  ],
  ["neuropathy from chemotherapy, doctor consulted", quietNeuropathy({ neuropathyCauses: ["chemotherapy"] }), ALWAYS],
  // Changed in version 2 (v1 raised nothing): a cause that is not known has not been ruled out.
  ["v2: neuropathy of unknown cause, no doctor consulted", quietNeuropathy({ doctorConsulted: false }), ["refer.neuropathy-cause", ...ALWAYS]],
  ["neuropathy of unknown cause, doctor consulted", quietNeuropathy(), ALWAYS],
  [
    "neuropathy of unknown and B12 cause",
    quietNeuropathy({ neuropathyCauses: ["vitaminB12", "unknown"], doctorConsulted: false }),
    ["refer.neuropathy-cause", ...ALWAYS],
  ],
  // Changed in version 2 (v1: the referral alone): the clot risk stays raised for months.
  [
    "v2: cancer under treatment",
    validIntake({ conditions: ["cancer"], cancerTreatment: "current" }),
    ["refer.cancer-treatment", "modify.after-cancer", ...ALWAYS],
  ],
  ["cancer treated more than 12 months ago", validIntake({ conditions: ["cancer"], cancerTreatment: "past" }), ALWAYS],
  [
    "v2: cancer treatment finished in the last 12 months",
    validIntake({ conditions: ["cancer"], cancerTreatment: "past", cancerTreatmentRecent: true }),
    ["modify.after-cancer", ...ALWAYS],
  ],
  ["surgery in the last 6 weeks", validIntake({ conditions: ["recentSurgery"] }), ["refer.recent-surgery", ...ALWAYS]],
  ["heart condition", validIntake({ conditions: ["heartCondition"] }), ["refer.heart", ...ALWAYS]],
  [
    "high blood pressure not controlled",
    validIntake({ conditions: ["highBloodPressure"], bloodPressureControlled: "no" }),
    ["refer.blood-pressure", ...ALWAYS],
  ],
  [
    "high blood pressure, unsure if controlled",
    validIntake({ conditions: ["highBloodPressure"], bloodPressureControlled: "unsure" }),
    ["refer.blood-pressure", ...ALWAYS],
  ],
  [
    "high blood pressure controlled with medication",
    validIntake({ conditions: ["highBloodPressure"], bloodPressureControlled: "yes", takesBloodPressureMedication: true }),
    ["modify.get-up-slowly", ...ALWAYS],
  ],
  ["open wounds, no regions given", validIntake({ conditions: ["openWounds"] }), ["avoid.wounds", ...ALWAYS]],
  ["blister on the left heel", quietNeuropathy({ woundsOrBlisters: ["leftHeel"] }), ["avoid.wounds", ...ALWAYS]],
  ["light touch painful", quietNeuropathy({ painfulToLightTouch: ["rightTop", "rightToes"] }), ["avoid.painful-touch", ...ALWAYS]],
  ["varicose veins", validIntake({ conditions: ["varicoseVeins"] }), ["avoid.varicose-veins", ...ALWAYS]],
  ["areas the client asked to avoid", validIntake({ areasToAvoid: "Right knee" }), ["avoid.client-request", ...ALWAYS]],
  [
    "diabetes with insulin",
    validIntake({ conditions: ["diabetes"], usesInsulin: true }),
    ["avoid.insulin-sites", "modify.check-feet", "modify.sugar", ...ALWAYS],
  ],
  [
    "reduced feeling in the soles",
    quietNeuropathy({ reducedFeeling: ["leftSole", "rightSole"] }),
    ["modify.light-pressure", "modify.no-heat", "modify.check-feet", "modify.check-in", ...ALWAYS],
  ],
  [
    "numbness, no regions marked",
    quietNeuropathy({ symptoms: ["numbness"] }),
    ["modify.light-pressure", "modify.no-heat", "modify.check-feet", "modify.check-in", ...ALWAYS],
  ],
  ["blood thinners", validIntake({ takesBloodThinners: true }), ["modify.light-pressure", ...ALWAYS]],
  ["osteoporosis", validIntake({ conditions: ["osteoporosis"] }), ["modify.light-pressure", ...ALWAYS]],
  ["pregnancy", validIntake({ conditions: ["pregnancy"] }), ["modify.pregnancy", ...ALWAYS]],
  ["nut oil allergy", validIntake({ hasAllergies: "yes", allergies: ["nutOils"] }), ["products.nut-free", ...ALWAYS]],
  ["fragrance allergy", validIntake({ hasAllergies: "yes", allergies: ["fragrances"] }), ["products.unscented", ...ALWAYS]],
  ["latex allergy", validIntake({ hasAllergies: "yes", allergies: ["latex"] }), ["products.latex-free", ...ALWAYS]],
  ["very sensitive skin", validIntake({ skinSensitivity: "very" }), ["products.hypoallergenic", ...ALWAYS]],
  [
    "lotion allergy and very sensitive skin: one item",
    validIntake({ hasAllergies: "yes", allergies: ["lotions"], skinSensitivity: "very" }),
    ["products.hypoallergenic", ...ALWAYS],
  ],
  [
    "other allergy",
    validIntake({ hasAllergies: "yes", allergies: ["other"], allergyDetails: "Arnica" }),
    ["products.other-allergy", ...ALWAYS],
  ],
  [
    "neuropathy with reduced feeling and diabetes: separate items, no duplicates",
    neuropathyIntake({ conditions: ["neuropathy", "diabetes"], doctorConsulted: true, woundsOrBlisters: [] }),
    ["modify.light-pressure", "modify.no-heat", "modify.check-feet", "modify.check-in", "modify.sugar", ...ALWAYS],
  ],
  [
    "the issue's client: numb soles, blister on the left heel, diabetes, nut oil allergy",
    neuropathyIntake({
      conditions: ["neuropathy", "diabetes"],
      reducedFeeling: ["leftSole", "rightSole"],
      woundsOrBlisters: ["leftHeel"],
      hasAllergies: "yes",
      allergies: ["nutOils"],
    }),
    [
      "refer.neuropathy-cause",
      "avoid.wounds",
      "modify.light-pressure",
      "modify.no-heat",
      "modify.check-feet",
      "modify.check-in",
      "modify.sugar",
      "products.nut-free",
      ...ALWAYS,
    ],
  ],
  [
    "hidden answers ignored: neuropathy unticked, regions left behind",
    neuropathyIntake({ conditions: ["diabetes"], woundsOrBlisters: ["leftHeel"], painfulToLightTouch: ["leftToes"] }),
    ["modify.check-feet", "modify.sugar", ...ALWAYS],
  ],
  [
    "hidden answers ignored: allergies answered No, list left behind",
    validIntake({ hasAllergies: "no", allergies: ["latex", "nutOils"] }),
    ALWAYS,
  ],
  [
    "hidden answers ignored: follow-ups of unticked conditions",
    validIntake({
      conditions: [],
      cancerTreatment: "current",
      bloodPressureControlled: "no",
      usesInsulin: true,
      woundDischarge: true,
      lymphedemaLimbs: ["leftLeg"],
    }),
    ALWAYS,
  ],
  [
    "hidden answers ignored: 'finished in the last 12 months' under current treatment",
    validIntake({ conditions: ["cancer"], cancerTreatment: "current", cancerTreatmentRecent: true }),
    ["refer.cancer-treatment", "modify.after-cancer", ...ALWAYS],
  ],

  // Version 2: each new question alone, and with neuropathy and diabetes.
  ["red, hot or swollen foot today", validIntake({ conditions: ["redHotSwollenToday"] }), ["stop.foot-attack", ...ALWAYS]],
  [
    "red, hot or swollen foot today, with diabetes",
    validIntake({ conditions: ["redHotSwollenToday", "diabetes"] }),
    ["stop.foot-attack", ...DIABETES, ...ALWAYS],
  ],
  [
    "red, hot or swollen foot today, with neuropathy and diabetes and numb soles",
    neuropathyIntake({ conditions: ["neuropathy", "diabetes", "redHotSwollenToday"], doctorConsulted: true, woundsOrBlisters: [] }),
    ["stop.foot-attack", ...FEELING, "modify.sugar", ...ALWAYS],
  ],
  [
    "red, hot or swollen foot and a fever",
    validIntake({ conditions: ["redHotSwollenToday", "feverToday"] }),
    ["stop.foot-attack", "stop.fever", ...ALWAYS],
  ],
  [
    "a wound leaking fluid, with diabetes",
    validIntake({ conditions: ["openWounds", "diabetes"], woundDischarge: true }),
    ["stop.foot-attack", "avoid.wounds", ...DIABETES, ...ALWAYS],
  ],
  [
    "a wound leaking fluid, no diabetes or neuropathy",
    validIntake({ conditions: ["openWounds"], woundDischarge: true }),
    ["stop.foot-attack", "avoid.wounds", ...ALWAYS],
  ],
  [
    "an open wound that is not leaking, with diabetes",
    validIntake({ conditions: ["openWounds", "diabetes"], woundDischarge: false }),
    ["avoid.wounds", ...DIABETES, ...ALWAYS],
  ],
  ["swollen feet or ankles", validIntake({ conditions: ["swollenFeet"] }), ["refer.swelling", ...ALWAYS]],
  [
    "swollen feet with kidney disease",
    validIntake({ conditions: ["swollenFeet", "kidneyDisease"] }),
    ["refer.kidney", "refer.swelling", ...ALWAYS],
  ],
  [
    "swollen feet with a heart condition",
    validIntake({ conditions: ["swollenFeet", "heartCondition"] }),
    ["refer.heart", "refer.swelling", ...ALWAYS],
  ],
  [
    "swollen feet with neuropathy and diabetes",
    quietNeuropathy({ conditions: ["neuropathy", "diabetes", "swollenFeet"] }),
    ["refer.swelling", ...DIABETES, ...ALWAYS],
  ],
  ["lymphedema in the left leg", validIntake({ conditions: ["lymphedema"], lymphedemaLimbs: ["leftLeg"] }), ["avoid.lymphedema", ...ALWAYS]],
  ["lymph nodes removed on the right arm side", validIntake({ conditions: ["lymphedema"], lymphedemaLimbs: ["rightArm"] }), ["avoid.lymphedema", ...ALWAYS]],
  [
    "lymphedema in both legs, with neuropathy and numb soles",
    neuropathyIntake({ conditions: ["neuropathy", "lymphedema"], lymphedemaLimbs: ["leftLeg", "rightLeg"], doctorConsulted: true, woundsOrBlisters: [] }),
    ["avoid.lymphedema", ...FEELING, ...ALWAYS],
  ],
  [
    "poor circulation",
    validIntake({ conditions: ["poorCirculation"] }),
    ["refer.circulation", "modify.no-heat", "modify.check-feet", ...ALWAYS],
  ],
  [
    "poor circulation with diabetes",
    validIntake({ conditions: ["poorCirculation", "diabetes"] }),
    ["refer.circulation", "modify.no-heat", ...DIABETES, ...ALWAYS],
  ],
  [
    "poor circulation with neuropathy and numb soles",
    neuropathyIntake({ conditions: ["neuropathy", "poorCirculation"], doctorConsulted: true, woundsOrBlisters: [] }),
    ["refer.circulation", ...FEELING, ...ALWAYS],
  ],
  ["kidney disease", validIntake({ conditions: ["kidneyDisease"] }), ["refer.kidney", ...ALWAYS]],
  [
    "kidney disease with diabetes",
    validIntake({ conditions: ["kidneyDisease", "diabetes"] }),
    ["refer.kidney", ...DIABETES, ...ALWAYS],
  ],
  [
    "all five new conditions with neuropathy and diabetes, no doctor consulted",
    neuropathyIntake({
      conditions: ["neuropathy", "diabetes", "redHotSwollenToday", "swollenFeet", "lymphedema", "poorCirculation", "kidneyDisease"],
      lymphedemaLimbs: ["rightLeg"],
      woundsOrBlisters: [],
    }),
    [
      "stop.foot-attack",
      "refer.neuropathy-cause",
      "refer.kidney",
      "refer.swelling",
      "refer.circulation",
      "avoid.lymphedema",
      ...FEELING,
      "modify.sugar",
      ...ALWAYS,
    ],
  ],
  [
    "many conditions at once, most serious first",
    validIntake({ conditions: ["pregnancy", "feverToday", "heartCondition", "varicoseVeins"], hasAllergies: "yes", allergies: ["latex"] }),
    ["stop.fever", "refer.heart", "avoid.varicose-veins", "modify.pregnancy", "products.latex-free", ...ALWAYS],
  ],
];

describe(`precaution rules, version ${PRECAUTION_RULES_VERSION}`, () => {
  it("expects only rules that exist, each case its own", () => {
    expect(CASES.flatMap(([, , expected]) => expected).filter((id) => !RULE_IDS.includes(id))).toEqual([]);
    expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  });

  it.each(CASES)("%s", (_name, values, expected) => {
    expect(ids(values)).toEqual(expected);
  });

  it("raises every rule in at least one case", () => {
    const raised = new Set(CASES.flatMap(([, values]) => ids(values)));
    expect(RULE_IDS.filter((id) => !raised.has(id))).toEqual([]);
  });

  it("lists levels most serious first", () => {
    const levels = precautionsFor(stored(CASES.at(-1)![1])).map((p) => p.level);
    expect(levels).toEqual([...levels].sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b)));
  });

  it("ties each item to the answers that raised it, in words", () => {
    const card = precautionsFor(
      stored(neuropathyIntake({ conditions: ["neuropathy", "diabetes"], reducedFeeling: ["leftSole"], woundsOrBlisters: ["leftHeel"], takesBloodThinners: true })),
    );
    const find = (id: string) => card.find((p) => p.id === id)!;
    expect(find("avoid.wounds")).toMatchObject({ regions: ["leftHeel"], because: ["Wounds or blisters: Left heel"] });
    expect(find("modify.light-pressure").because).toEqual([
      "Reduced feeling: Left sole: cannot feel pressure reliably",
      'Symptom "Numbness": cannot feel pressure reliably',
      "Takes blood thinners: bruises easily",
    ]);
    expect(find("modify.check-feet").because).toContain('Ticked "Diabetes"');
    expect(find("refer.neuropathy-cause").because).toEqual(["Neuropathy caused by diabetes", "Has not talked to a doctor about massage"]);
  });

  it("counts items by level and names what must be acknowledged", () => {
    const card = precautionsFor(stored(CASES.at(-1)![1]));
    expect(countByLevel(card)).toEqual({ stop: 1, refer: 1, avoid: 1, modify: 1, products: 1, always: 2 });
    expect(mustAcknowledge(card)).toEqual(["stop.fever", "refer.heart", "avoid.varicose-veins"]);
  });

  it("depends on the answers alone: not on the clock, nor on the order the answers come in", () => {
    for (const [name, values] of CASES) {
      const answers = stored(values);
      const now = precautionsFor(answers);
      vi.useFakeTimers();
      try {
        vi.setSystemTime(new Date("2031-02-28T23:30:00Z"));
        const reordered = Object.fromEntries(Object.entries(structuredClone(answers)).reverse()) as typeof answers;
        expect(precautionsFor(reordered), name).toEqual(now);
      } finally {
        vi.useRealTimers();
      }
    }
  });

  it("ships no rule without a source, and every source has a citation and a link", () => {
    expect(RULE_LIST.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULE_LIST) expect(rule.sources.length, rule.id).toBeGreaterThan(0);
    for (const [id, source] of Object.entries(SOURCES)) {
      expect(source.citation.length, id).toBeGreaterThan(5);
      expect(source.url, id).toMatch(id === "clinic" ? new RegExp(`^${SOURCE_PAGE}#`) : /^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
    }
    // Each published source is cited by at least one rule.
    const cited = new Set(RULE_LIST.flatMap((r) => r.sources.map((s) => s.citation)));
    expect(Object.values(SOURCES).filter((s) => !cited.has(s.citation))).toEqual([]);
  });

  it("gives each item on the card the sources of its rule", () => {
    const card = precautionsFor(stored(validIntake({ conditions: ["redHotSwollenToday", "varicoseVeins"] })));
    expect(card.find((p) => p.id === "stop.foot-attack")!.sources.map((s) => s.citation)).toEqual([
      SOURCES.diabetesUkFootAttack.citation,
      SOURCES.nysed.citation,
    ]);
    expect(card.find((p) => p.id === "avoid.varicose-veins")!.sources[0]!.url).toBe(SOURCES.nysed.url);
  });

  it("says why a foot attack is on the card, naming diabetes or neuropathy when ticked", () => {
    const because = (values: IntakeFormValues) => precautionsFor(stored(values)).find((p) => p.id === "stop.foot-attack")?.because;
    expect(because(validIntake({ conditions: ["redHotSwollenToday"] }))).toEqual([
      'Ticked "A foot or leg that is red, hot or swollen today"',
    ]);
    expect(because(neuropathyIntake({ conditions: ["neuropathy", "diabetes", "openWounds"], woundDischarge: true }))).toEqual([
      "A wound is leaking fluid or pus",
      'Ticked "Diabetes"',
      'Ticked "Peripheral neuropathy"',
    ]);
  });

  it("puts the lymphedema limit on the legs named, and none on the feet for an arm", () => {
    const lymphedema = (limbs: NonNullable<IntakeFormValues["lymphedemaLimbs"]>) =>
      precautionsFor(stored(validIntake({ conditions: ["lymphedema"], lymphedemaLimbs: limbs }))).find((p) => p.id === "avoid.lymphedema")!;
    expect(lymphedema(["leftLeg"]).regions).toEqual(["leftToes", "leftSole", "leftHeel", "leftTop", "leftAnkle", "leftLowerLeg"]);
    expect(lymphedema(["leftLeg"]).because).toEqual(["Lymphedema or lymph nodes removed: Left leg"]);
    expect(lymphedema(["rightArm"]).regions).toEqual([]);
    expect(lymphedema(["rightArm", "rightLeg"]).regions).toHaveLength(6);
  });

  it("names heart or kidney disease beside swollen feet", () => {
    const card = precautionsFor(stored(validIntake({ conditions: ["swollenFeet", "kidneyDisease"] })));
    expect(card.find((p) => p.id === "refer.swelling")!.because).toEqual([
      'Ticked "Swelling of the feet or ankles"',
      'Also ticked "kidney disease"',
    ]);
  });

  describe("rules that were weaker than their source, before and after version 2", () => {
    const instruction = (id: string) => RULE_LIST.find((r) => r.id === id)!.instruction;
    it.each([
      // [rule, what version 1 said that fell short, what version 2 must say]
      ["stop.blood-clot", "do not massage the legs or feet", /do not massage at all/],
      ["avoid.insulin-sites", "avoid recent ones", /several inches away from injection sites and from an insulin pump/],
      ["modify.sugar", "Have a sugary drink or snack at hand in case of low blood sugar.", /Ask the client what to do if their blood sugar goes low/],
      ["avoid.varicose-veins", "no pressure over them", /do not massage over them/],
      ["avoid.wounds", "do not touch them;", /until they have healed/],
      ["refer.recent-surgery", "keep away from the site.", /recent scars and any implanted hardware/],
      ["stop.skin-infection", "do not massage the area", /If it is spreading, hot or weeping, or the client feels unwell, do not massage at all/],
    ])("%s", (id, before, after) => {
      expect(instruction(id)).not.toContain(before);
      expect(instruction(id)).toMatch(after);
    });
  });

  it("tells the client to see a doctor today only for a foot attack's signs", () => {
    expect(seeDoctorTodaySigns(stored(validIntake({ conditions: ["redHotSwollenToday"] })))).toEqual(["redHotSwollenToday"]);
    expect(seeDoctorTodaySigns(stored(validIntake({ conditions: ["openWounds"], woundDischarge: true })))).toEqual(["woundDischarge"]);
    expect(seeDoctorTodaySigns(stored(validIntake({ conditions: ["openWounds"], woundDischarge: false })))).toEqual([]);
    // The form may still hold a follow-up it no longer shows.
    expect(seeDoctorTodaySigns(validIntake({ conditions: [], woundDischarge: true }))).toEqual([]);
    expect(seeDoctorTodaySigns(stored(validIntake({ conditions: ["feverToday", "swollenFeet", "bloodClot"] })))).toEqual([]);
  });
});
