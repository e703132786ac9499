import { z } from "zod";
import { intakeFields, MAX_TEXT } from "@/lib/intake/schema";
import { MAX_BODY_BYTES } from "./read-json";

const error = {
  type: "object",
  required: ["error", "fieldErrors"],
  properties: {
    error: { type: "string" },
    fieldErrors: { type: "object", additionalProperties: { type: "string" }, description: "One message per field." },
  },
} as const;

/**
 * The OpenAPI 3.1 description of the public API. The request body's schema is generated from the
 * same Zod schema that validates it, so the two cannot drift apart.
 */
export function openApiDocument() {
  const intake = z.toJSONSchema(intakeFields, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Massage intake API",
      version: "1.0.0",
      description:
        "Submit a pre-massage intake questionnaire. Questions that depend on another answer (neuropathy details, allergy list, condition follow-ups) are ignored unless that answer shows them; the signature must match the full name.",
    },
    paths: {
      "/api/intakes": {
        post: {
          summary: "Submit an intake",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Retries with the same key store one intake and answer the same reference.",
              schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{8,200}$" },
            },
          ],
          requestBody: {
            required: true,
            description: `At most ${MAX_BODY_BYTES / 1024} KB; free text at most ${MAX_TEXT} characters.`,
            content: { "application/json": { schema: { $ref: "#/components/schemas/IntakeInput" } } },
          },
          responses: {
            "201": {
              description: "Stored (or already stored under this Idempotency-Key).",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["id", "reference"],
                    properties: { id: { type: "string" }, reference: { type: "string", pattern: "^[2-9A-Z]{4}-[2-9A-Z]{4}$" } },
                  },
                },
              },
            },
            "400": { description: "Invalid answers or malformed JSON.", content: { "application/json": { schema: error } } },
            "413": { description: "Body too large.", content: { "application/json": { schema: error } } },
            "415": { description: "Body is not JSON.", content: { "application/json": { schema: error } } },
            "429": {
              description: "Rate limited; see Retry-After.",
              headers: { "Retry-After": { schema: { type: "integer" } } },
              content: { "application/json": { schema: error } },
            },
          },
        },
      },
      "/api/health": {
        get: {
          summary: "Whether the server and its database answer",
          responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
        },
      },
    },
    components: { schemas: { IntakeInput: intake } },
  };
}
