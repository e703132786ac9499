import { describe, expect, it } from "vitest";
import { MAX_TEXT, intakeSchema, toValidationErrors } from "@/lib/intake/schema";
import { daysFromToday, neuropathyIntake, validIntake } from "../helpers/intake-fixtures";

function errorsOf(input: unknown) {
  const result = intakeSchema.safeParse(input);
  if (result.success) return {};
  return toValidationErrors(result.error).fieldErrors;
}

function parse(input: unknown) {
  const result = intakeSchema.safeParse(input);
  if (!result.success) throw new Error(JSON.stringify(toValidationErrors(result.error)));
  return result.data;
}

describe("a valid intake", () => {
  it("passes with the required answers only", () => {
    const data = parse(validIntake());
    expect(data.fullName).toBe("Maria Jensen");
    expect(data.conditions).toEqual([]);
  });

  it("passes with neuropathy details and keeps them", () => {
    const data = parse(neuropathyIntake());
    expect(data.neuropathyCauses).toEqual(["diabetes"]);
    expect(data.symptomStrength).toBe(4);
    expect(data.reducedFeeling).toEqual(["leftSole", "rightSole"]);
    expect(data.woundsOrBlisters).toEqual(["leftHeel"]);
  });

  it("trims free text and accepts an appointment today", () => {
    const data = parse(validIntake({ fullName: "  Maria   Jensen ", medications: "  metformin \n", appointmentDate: daysFromToday(0) }));
    expect(data.fullName).toBe("Maria   Jensen");
    expect(data.medications).toBe("metformin");
  });

  it("accepts a signature that differs from the name only in case and spacing", () => {
    expect(errorsOf(validIntake({ signature: "  maria  JENSEN " }))).toEqual({});
  });

  it("stores ticked choices in a stable order, whatever order they were ticked in", () => {
    const data = parse(validIntake({ conditions: ["pregnancy", "diabetes"] }));
    expect(data.conditions).toEqual(["diabetes", "pregnancy"]);
  });

  it("drops fields it does not know", () => {
    const data = parse({ ...validIntake(), isAdmin: true, status: "reviewed" });
    expect(data).not.toHaveProperty("isAdmin");
    expect(data).not.toHaveProperty("status");
  });
});

describe("each invalid answer gets a message on its own field", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["empty full name", { fullName: "   " }, "fullName", /full name/i],
    ["over-long emergency contact name", { emergencyContactName: "x".repeat(121) }, "emergencyContactName", /under 120/],
    ["missing email", { email: "" }, "email", /email address/i],
    ["malformed email", { email: "maria@" }, "email", /name@example\.com/],
    ["phone with letters", { phone: "call me" }, "phone", /7 to 15 digits/],
    ["phone too short", { phone: "12 34" }, "phone", /7 to 15 digits/],
    ["date of birth not a date", { dateOfBirth: "1958-02-30" }, "dateOfBirth", /real date/],
    ["date of birth in the future", { dateOfBirth: daysFromToday(30) }, "dateOfBirth", /in the past/],
    ["implausible age", { dateOfBirth: "1890-01-01" }, "dateOfBirth", /over 120/],
    ["appointment in the past", { appointmentDate: daysFromToday(-3) }, "appointmentDate", /past/],
    ["missing emergency contact", { emergencyContactName: "" }, "emergencyContactName", /emergency/],
    ["bad emergency phone", { emergencyContactPhone: "n/a" }, "emergencyContactPhone", /digits/],
    ["unknown condition", { conditions: ["flu"] }, "conditions", /from the list/],
    ["free text over the limit", { medications: "m".repeat(MAX_TEXT + 1) }, "medications", /under 2,000/],
    ["allergies not answered", { hasAllergies: undefined }, "hasAllergies", /Yes or No/],
    ["skin sensitivity not answered", { skinSensitivity: null }, "skinSensitivity", /sensitive/],
    ["pressure not answered", { pressure: "extra firm" }, "pressure", /pressure/i],
    ["consent not ticked", { consentAccurate: false }, "consentAccurate", /Tick this box/],
    ["signature missing", { signature: "" }, "signature", /full name to sign/],
    ["signature not the name", { signature: "Someone Else" }, "signature", /exactly as you entered/],
  ];

  it.each(cases)("%s", (_name, change, field, message) => {
    const errors = errorsOf({ ...validIntake(), ...change });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]).toMatch(message);
  });

  it("reports every problem at once, cross-field ones included", () => {
    const errors = errorsOf({ ...validIntake(), email: "nope", signature: "Someone Else" });
    expect(Object.keys(errors).sort()).toEqual(["email", "signature"]);
  });

  it("answers a body that is not an object with a form error, not a crash", () => {
    for (const body of [null, "text", 42, [1, 2]]) {
      const result = intakeSchema.safeParse(body);
      expect(result.success).toBe(false);
      if (!result.success) expect(toValidationErrors(result.error).formError).toMatch(/could not be read/);
    }
  });
});

describe("neuropathy questions (only when neuropathy is ticked)", () => {
  it("requires a cause and today's strength when neuropathy is ticked", () => {
    const errors = errorsOf(neuropathyIntake({ neuropathyCauses: [], symptomStrength: undefined }));
    expect(Object.keys(errors).sort()).toEqual(["neuropathyCauses", "symptomStrength"]);
  });

  it("requires the other cause to be described when Other is ticked", () => {
    expect(errorsOf(neuropathyIntake({ neuropathyCauses: ["other"], neuropathyCauseOther: "" }))).toHaveProperty(
      "neuropathyCauseOther",
    );
    expect(parse(neuropathyIntake({ neuropathyCauses: ["other"], neuropathyCauseOther: "Injury" })).neuropathyCauseOther).toBe(
      "Injury",
    );
  });

  it("rejects a strength outside 0 to 10", () => {
    expect(errorsOf(neuropathyIntake({ symptomStrength: 11 }))).toHaveProperty("symptomStrength");
    expect(errorsOf(neuropathyIntake({ symptomStrength: -1 }))).toHaveProperty("symptomStrength");
    expect(errorsOf(neuropathyIntake({ symptomStrength: 2.5 }))).toHaveProperty("symptomStrength");
  });

  it("drops neuropathy answers when neuropathy is not ticked, even invalid ones", () => {
    const data = parse({
      ...neuropathyIntake({ conditions: ["diabetes"] }),
      symptomStrength: 99,
      neuropathyCauses: ["not-a-cause"],
    });
    expect(data.conditions).toEqual(["diabetes"]);
    for (const field of ["neuropathyCauses", "symptoms", "reducedFeeling", "woundsOrBlisters"] as const) {
      expect(data[field]).toEqual([]);
    }
    expect(data.symptomStrength).toBeUndefined();
  });

  it("drops the other-cause text when Other is not among the causes", () => {
    const data = parse(neuropathyIntake({ neuropathyCauses: ["diabetes"], neuropathyCauseOther: "stale" }));
    expect(data.neuropathyCauseOther).toBe("");
  });
});

describe("allergy questions (the list only after Yes, details only for Other)", () => {
  it("requires at least one allergy after Yes", () => {
    expect(errorsOf(validIntake({ hasAllergies: "yes", allergies: [] }))).toHaveProperty("allergies");
  });

  it("requires details only when Other is ticked", () => {
    expect(errorsOf(validIntake({ hasAllergies: "yes", allergies: ["latex"] }))).toEqual({});
    expect(errorsOf(validIntake({ hasAllergies: "yes", allergies: ["other"], allergyDetails: " " }))).toHaveProperty(
      "allergyDetails",
    );
  });

  it("drops the allergy list and details after No", () => {
    const data = parse(validIntake({ hasAllergies: "no", allergies: ["latex", "bogus" as never], allergyDetails: "stale" }));
    expect(data.allergies).toEqual([]);
    expect(data.allergyDetails).toBe("");
  });

  it("drops details when Other is not ticked", () => {
    const data = parse(validIntake({ hasAllergies: "yes", allergies: ["nutOils"], allergyDetails: "stale" }));
    expect(data.allergies).toEqual(["nutOils"]);
    expect(data.allergyDetails).toBe("");
  });
});
