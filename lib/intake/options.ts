/**
 * The questionnaire's choices: stable ids (stored) and the words a person reads (shown to the
 * client and the therapist). Wording follows PRODUCT.md; change a label freely, never an id.
 */

function options<const T extends Record<string, string>>(labels: T) {
  const ids = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { ids, labels } as const;
}

export const CONDITIONS = options({
  neuropathy: "Peripheral neuropathy",
  diabetes: "Diabetes",
  bloodClot: "Blood clot or deep vein thrombosis (DVT)",
  feverToday: "Fever, cold or flu today",
  redHotSwollenToday: "A foot or leg that is red, hot or swollen today",
  openWounds: "Open wounds, cuts, blisters or ulcers on feet or legs",
  skinInfection: "Skin infection (including athlete's foot)",
  swollenFeet: "Swelling of the feet or ankles",
  varicoseVeins: "Varicose veins",
  poorCirculation: "Poor circulation in the legs or feet (peripheral artery disease)",
  lymphedema: "Lymphedema or lymph nodes removed",
  recentSurgery: "Surgery or fracture in the last 6 weeks",
  highBloodPressure: "High blood pressure",
  heartCondition: "Heart condition or pacemaker",
  kidneyDisease: "Kidney disease",
  cancer: "Cancer (current or past treatment)",
  osteoporosis: "Osteoporosis",
  pregnancy: "Pregnancy",
});

export const NEUROPATHY_CAUSES = options({
  diabetes: "Diabetes",
  chemotherapy: "Chemotherapy",
  vitaminB12: "Vitamin B12 deficiency",
  alcohol: "Alcohol",
  unknown: "Unknown",
  other: "Other",
});

export const SYMPTOMS = options({
  pain: "Pain",
  numbness: "Numbness",
  tingling: "Tingling",
  burning: "Burning",
});

/** Regions of both feet and lower legs, as the body map (and the precaution rules) name them. */
export const REGIONS = options({
  leftToes: "Left toes",
  leftSole: "Left sole",
  leftHeel: "Left heel",
  leftTop: "Left top of foot",
  leftAnkle: "Left ankle",
  leftLowerLeg: "Left lower leg",
  rightToes: "Right toes",
  rightSole: "Right sole",
  rightHeel: "Right heel",
  rightTop: "Right top of foot",
  rightAnkle: "Right ankle",
  rightLowerLeg: "Right lower leg",
});

export const ALLERGY_KINDS = options({
  nutOils: "Nut oils",
  fragrances: "Fragrances or essential oils",
  latex: "Latex",
  lotions: "Lotions or creams",
  other: "Other",
});

export const YES_NO = options({ yes: "Yes", no: "No" });

/** Follow-up to "Cancer": the precaution differs for treatment now and treatment past. */
export const CANCER_TREATMENT = options({
  current: "I am being treated now",
  past: "My treatment has finished",
});

/** Follow-up to "Lymphedema or lymph nodes removed": the pressure limit applies to that limb, for life. */
export const LIMBS = options({
  leftLeg: "Left leg",
  rightLeg: "Right leg",
  leftArm: "Left arm",
  rightArm: "Right arm",
});

/** Follow-up to "High blood pressure". */
export const BLOOD_PRESSURE_CONTROL = options({
  yes: "Yes, it is under control",
  no: "No",
  unsure: "I am not sure",
});

export const SKIN_SENSITIVITY = options({
  not: "Not sensitive",
  mild: "Mildly sensitive",
  very: "Very sensitive",
});

export const PRESSURE = options({ light: "Light", medium: "Medium", firm: "Firm" });

export const GOALS = options({
  painRelief: "Pain relief",
  circulation: "Better circulation",
  mobility: "Mobility",
  relaxation: "Relaxation and stress relief",
});

export type Condition = (typeof CONDITIONS.ids)[number];
export type Region = (typeof REGIONS.ids)[number];
export type Limb = (typeof LIMBS.ids)[number];

/** The three consent statements the client ticks before signing. */
export const CONSENT_STATEMENTS = {
  consentSpeakUp: "I will tell my therapist straight away if anything is uncomfortable or painful.",
  consentNotMedicalCare:
    "I understand that massage does not replace medical care, and that I should talk to my doctor before starting a new treatment, above all when my neuropathy has an underlying cause.",
  consentAccurate: "My answers are accurate and complete to the best of my knowledge.",
} as const;
