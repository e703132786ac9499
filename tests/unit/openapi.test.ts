import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { intakeFields } from "@/lib/intake/schema";

describe("the OpenAPI document", () => {
  const doc = openApiDocument();
  const schema = doc.components.schemas.IntakeInput as {
    type: string;
    properties: Record<string, { type?: string; enum?: string[]; items?: { enum?: string[] }; maxLength?: number }>;
    required: string[];
  };

  it("is OpenAPI 3.1 with the intake endpoint", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(["/api/intakes", "/api/health"]);
  });

  it("describes the request with the form's own schema: every field, nothing else", () => {
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(intakeFields.shape).sort());
  });

  it("carries the schema's rules: required fields, choices and limits", () => {
    expect(schema.required).toEqual(expect.arrayContaining(["fullName", "email", "pressure", "signature", "consentAccurate"]));
    expect(schema.required).not.toContain("medications");
    expect(schema.properties.pressure!.enum).toEqual(["light", "medium", "firm"]);
    expect(schema.properties.conditions!.items!.enum).toContain("neuropathy");
    expect(schema.properties.medications!.maxLength).toBe(2000);
  });
});
