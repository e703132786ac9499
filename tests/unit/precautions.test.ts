import { describe, expect, it, vi } from "vitest";
import {
  LEVEL_ORDER,
  PRECAUTION_RULES_VERSION,
  RULE_IDS,
  countByLevel,
  mustAcknowledge,
  precautionsFor,
} from "@/lib/intake/precautions";
import { intakeSchema, type IntakeFormValues } from "@/lib/intake/schema";
import { neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

const ALWAYS = ["always.hygiene", "always.speak-up"];

/** Validated as the server stores them, so hidden answers are dropped exactly as in real life. */
function stored(values: IntakeFormValues) {
  const parsed = intakeSchema.safeParse(values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const ids = (values: IntakeFormValues) => precautionsFor(stored(values)).map((p) => p.id);

// A client with neuropathy whose cause is unknown and no other answer that raises anything.
const quietNeuropathy = (o: Partial<IntakeFormValues> = {}) =>
  neuropathyIntake({ conditions: ["neuropathy"], neuropathyCauses: ["unknown"], symptoms: [], reducedFeeling: [], woundsOrBlisters: [], ...o });

const CASES: [string, IntakeFormValues, string[]][] = [
  ["nothing to flag", validIntake(), ALWAYS],
  ["fever today", validIntake({ conditions: ["feverToday"] }), ["stop.fever", ...ALWAYS]],
  ["blood clot", validIntake({ conditions: ["bloodClot"] }), ["stop.blood-clot", ...ALWAYS]],
  ["skin infection", validIntake({ conditions: ["skinInfection"] }), ["stop.skin-infection", ...ALWAYS]],
  [
    "neuropathy from diabetes, no doctor consulted",
    quietNeuropathy({ neuropathyCauses: ["diabetes"] }),
    ["refer.neuropathy-cause", ...ALWAYS],
  ],
  ["neuropathy from chemotherapy, doctor consulted", quietNeuropathy({ neuropathyCauses: ["chemotherapy"], doctorConsulted: true }), ALWAYS],
  ["neuropathy of unknown cause, no doctor consulted", quietNeuropathy(), ALWAYS],
  [
    "neuropathy of unknown and B12 cause",
    quietNeuropathy({ neuropathyCauses: ["vitaminB12", "unknown"] }),
    ["refer.neuropathy-cause", ...ALWAYS],
  ],
  ["cancer under treatment", validIntake({ conditions: ["cancer"], cancerTreatment: "current" }), ["refer.cancer-treatment", ...ALWAYS]],
  ["cancer treated in the past", validIntake({ conditions: ["cancer"], cancerTreatment: "past" }), ALWAYS],
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
    validIntake({ conditions: [], cancerTreatment: "current", bloodPressureControlled: "no", usesInsulin: true }),
    ALWAYS,
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
});
