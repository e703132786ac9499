import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-json";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import { submitIntakeAnswers } from "@/lib/submissions/submit";

/**
 * POST /api/intakes: the intake as JSON, for booking systems. The same schema and the same storage
 * path as the web form. Public, like the form: it needs no session, and is rate limited per address.
 * Described in /api/openapi.json.
 */

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export async function POST(request: Request) {
  const keyHeader = request.headers.get("idempotency-key");
  if (keyHeader !== null && !IDEMPOTENCY_KEY.test(keyHeader)) {
    return json(400, {
      error: "Idempotency-Key must be 8 to 200 letters, digits or . _ : - (a UUID works).",
      fieldErrors: {},
    });
  }
  const body = await readJsonBody(request);
  if (!body.ok) return json(body.status, { error: body.error, fieldErrors: {} });

  try {
    const outcome = await submitIntakeAnswers({
      values: body.value,
      // Without a key every request is a new intake; namespaced so API keys never meet the form's.
      idempotencyKey: `api:${keyHeader ?? randomUUID()}`,
      address: clientAddress(request.headers),
    });
    switch (outcome.kind) {
      case "created":
        return json(201, { id: outcome.id, reference: outcome.reference });
      case "duplicate":
        return json(201, { id: outcome.id, reference: outcome.reference }, { "Idempotent-Replayed": "true" });
      case "invalid":
        return json(400, {
          error: outcome.formError ?? "Some answers are missing or not valid.",
          fieldErrors: outcome.fieldErrors,
        });
      case "rate-limited":
        return json(
          429,
          { error: "Too many intakes from this address. Try again later.", fieldErrors: {} },
          { "Retry-After": String(outcome.retryAfterSeconds) },
        );
    }
  } catch (error) {
    log.error({ event: "api.intake_failed", err: errorKind(error) });
    return json(500, { error: "The intake could not be stored just now. Try again.", fieldErrors: {} });
  }
}
