/**
 * The published guidance the precaution rules follow (PRODUCT.md lists them). Every rule in
 * precautions.ts names at least one of these, and the card shows it under the item ("Source: ...")
 * so a therapist can see why. A rule with no source is not shipped (tests/unit/precautions.test.ts).
 *
 * Where no outside source applies, the rule follows the clinic's own guidance: the premise of this
 * product, written out on the staff page "How the precaution card decides" (SOURCE_PAGE).
 */

/** The staff page that lists every rule and source; the clinic's own guidance is written there. */
export const SOURCE_PAGE = "/dashboard/precautions";

export type Source = {
  /** Short citation, as the card shows it. */
  citation: string;
  /** Where to read it: the page itself for guidance on the web, the publisher's page for a book. */
  url: string;
  /** What it says that the rules follow, in a sentence or two, for the staff page. */
  says: string;
};

export const SOURCES = {
  diabetesUkFootAttack: {
    citation: 'Diabetes UK, "Foot attack"',
    url: "https://www.diabetes.org.uk/guide-to-diabetes/complications/feet",
    says:
      "A red, warm or swollen foot, or broken skin with discharge, in a person with diabetes and reduced feeling or circulation is a foot attack: an emergency, to be seen by a doctor or the foot protection team the same day.",
  },
  nysed: {
    citation: "New York State Education Department, Precautions for Massage/Bodywork Therapy",
    url: "https://www.op.nysed.gov/professions/massage-therapy/precautions-massagebodywork-therapy",
    says:
      "Caution with fever or contagious disease, medication that leads to bleeding, edema from heart or kidney failure, decreased sensation (as with diabetes), acute inflammation, phlebitis or DVT, and recent surgery; avoid the local site of open wounds, varicosities, recent scars and implanted hardware.",
  },
  werner: {
    citation: "Werner, A Massage Therapist's Guide to Pathology",
    url: "https://www.booksofdiscovery.com/",
    says:
      "Peripheral neuropathy is at least a local caution and some causes rule massage out; DVT is a total contraindication; pitting edema is contraindicated for most; open wounds and ulcers are avoided locally until healed; a fungal infection of the feet is avoided locally, an acute or widespread one rules massage out; fever rules massage out.",
  },
  walton: {
    citation: "Walton, Medical Conditions and Massage Therapy: pressure guidelines for oncology massage",
    url: "https://www.tracywalton.com/",
    says:
      "After lymph nodes are removed or irradiated, the lymphedema risk and the pressure limit on that limb are lifelong; the risk of DVT stays raised for months after cancer treatment; the massage plan during treatment is agreed with the client's physician.",
  },
  abmpDiabetes: {
    citation: "ABMP Pocket Pathology, Diabetes mellitus",
    url: "https://www.abmp.com/abmp-pocket-pathology-app",
    says:
      "Keep several inches away from insulin injection and pump sites; ask the client's plan for low blood sugar; watch the feet for ulcers.",
  },
  clinic: {
    citation: "The clinic's own guidance",
    url: `${SOURCE_PAGE}#clinic-guidance`,
    says:
      "A client sees a doctor before starting a new treatment, above all when the neuropathy has an underlying cause (a cause that is not known has not been ruled out); hygiene, and the client speaking up about discomfort, at every session; products chosen around the client's allergies.",
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
