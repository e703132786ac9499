/**
 * Bad input, generated: fast-check sends thousands of valid, mutated and malformed bodies to the
 * API of a production server. The oracle is the schema itself, run here on the same body: what
 * it accepts must be a 201, what it refuses a 400 with the same field errors. Never a 5xx.
 * The same generated answers go to the web form's server action, and generated text (lone
 * surrogates, NUL, bidi and control characters, invisible-only strings, raw bytes) to the
 * dashboard's search, signed in: never a 5xx there either.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/read-json";
import { MAX_ACTION_BODY_BYTES, nestsDeeperThan } from "@/lib/http/request-shape";
import { intakeSchema, intakeFields, toValidationErrors } from "@/lib/intake/schema";
import { actionId, postSignIn } from "../helpers/http-forms";
import { createTherapistWithCli, freshDatabase, makeClient, printFigures, startServer, type Server } from "./harness";
import { intakeBody } from "../helpers/intake-fixtures";

const RUNS = 10_000;
const ACTION_RUNS = 2_000;
const SEARCH_RUNS = 1_000;
const FIELDS = Object.keys(intakeFields.shape);
const THERAPIST = { email: "fuzz@clinic.example", name: "Fuzz Therapist", password: "fuzz-password-long-enough" };

let server: Server;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  const databasePath = await freshDatabase("fuzz");
  createTherapistWithCli(databasePath, THERAPIST);
  server = await startServer(databasePath, 3203);
  client = makeClient(server.url, 4);
});
afterAll(async () => {
  client?.close();
  await server?.stop();
});

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ minLength: 2_001, maxLength: 3_000 }),
  fc.constantFrom("", " ", "\u0000", "\u202e", "💆‍♀️", "<script>alert(1)</script>", "'; DROP TABLE Intake; --", "1e309"),
  // What an outside probe sent: lone surrogates, NUL, bidi and control characters, invisible-only
  // text, piles of combining marks.
  fc.constantFrom(
    "\ud800",
    "Maria \udfffJensen",
    "Maria\u0000Jensen",
    "\u001b[31mMaria",
    "Maria\u0007",
    "\u200b\u200b\u200b",
    "Maria \u202eJensen",
    "\u2066Maria\u2069",
    `Maria${"\u0301".repeat(300)}`,
    // Strings React's action decoder would read as references to other parts.
    "$",
    "$1",
    "$@0",
    "$Q2",
    "$nope",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 1, max: 2_000 }).map((n) => JSON.parse("[".repeat(n) + "]".repeat(n)) as unknown),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

type Mutation = (body: Record<string, unknown>) => unknown;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...FIELDS).map((f): Mutation => (b) => {
    const rest = { ...b };
    delete rest[f];
    return rest;
  }),
  fc.tuple(fc.constantFrom(...FIELDS), junk).map(([f, v]): Mutation => (b) => ({ ...b, [f]: v })),
  fc.tuple(fc.string({ maxLength: 20 }).filter((k) => k !== "website" && !FIELDS.includes(k)), junk).map(
    ([k, v]): Mutation => (b) => ({ ...b, [k]: v }),
  ),
  fc.constant<Mutation>((b) => [b]),
  junk.map((v): Mutation => () => v),
);

/** A body as text: valid, mutated once or twice, or not JSON at all. */
const bodies = fc.oneof(
  { weight: 2, arbitrary: fc.nat(1_000_000).map((i) => JSON.stringify(intakeBody(i, "Fuzz"))) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.nat(1_000_000), fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([i, ms]) => JSON.stringify(ms.reduce<unknown>((b, m) => (typeof b === "object" && b && !Array.isArray(b) ? m(b as Record<string, unknown>) : b), intakeBody(i, "Fuzz"))) ?? "null"),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat(1_000_000), fc.nat(), fc.string({ maxLength: 3 }))
      .map(([i, cut, insert]) => {
        const text = JSON.stringify(intakeBody(i, "Fuzz"));
        const at = cut % text.length;
        return text.slice(0, at) + insert + text.slice(at + 1, at + 1 + (cut % 7) === 0 ? at + 1 : text.length);
      }),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  // Deep nesting, as a whole body or in a field.
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)) },
);

describe("generated bad input", () => {
  it(`answers ${RUNS} generated bodies: 201 when valid, 400 with field errors when not, never a 5xx`, async () => {
    const tally: Record<string, number> = {};
    const latencies: number[] = [];
    let fiveHundreds = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(bodies, async (text) => {
        const answer = await client.post("/api/intakes", text);
        tally[answer.status] = (tally[answer.status] ?? 0) + 1;
        latencies.push(answer.ms);
        if (answer.status >= 500 || answer.status === 0) fiveHundreds++;
        expect(answer.status, text.slice(0, 300)).not.toBeGreaterThanOrEqual(500);

        if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
          expect(answer.status).toBe(413);
          return;
        }
        if (nestsDeeperThan(text)) {
          expect(answer.status, text.slice(0, 300)).toBe(400);
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          expect(answer.status, text.slice(0, 300)).toBe(400);
          return;
        }
        const local = intakeSchema.safeParse(parsed);
        const body = "body" in answer ? (JSON.parse(answer.body) as { fieldErrors?: Record<string, string> }) : {};
        if (local.success) {
          expect(answer.status, text.slice(0, 300)).toBe(201);
        } else {
          expect(answer.status, text.slice(0, 300)).toBe(400);
          expect(body.fieldErrors).toEqual(toValidationErrors(local.error).fieldErrors);
        }
      }),
      { numRuns: RUNS },
    );
    latencies.sort((a, b) => a - b);
    printFigures("Bad-input proof", {
      bodies: RUNS,
      statuses: JSON.stringify(tally),
      "5xx": fiveHundreds,
      "throughput (req/s, one at a time)": RUNS / ((performance.now() - started) / 1000),
      "p50 (ms)": latencies[Math.floor(latencies.length / 2)] ?? 0,
      "p99 (ms)": latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    });
    expect(tally["201"]).toBeGreaterThan(RUNS / 10);
    expect(tally["400"]).toBeGreaterThan(RUNS / 2);
  });
});

/** The form's own encoding of a string (React's encodeReply): a leading "$" is doubled. */
function asFormSends(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(asFormSends);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asFormSends(v)]));
  return value;
}

describe("generated bad input to the web form and the dashboard", () => {
  it(`answers ${ACTION_RUNS} generated submissions of the web form's server action without a 5xx`, async () => {
    const id = actionId("submitIntake");
    const tally: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (text, raw) => {
        let parsed: unknown;
        let payload: string;
        try {
          parsed = JSON.parse(text);
          // Most as the form sends them; some raw, as a hand-made request might.
          payload = raw ? `[${text}, "${crypto.randomUUID()}"]` : JSON.stringify([asFormSends(parsed), crypto.randomUUID()]);
        } catch {
          parsed = undefined;
          payload = text;
        }
        const answer = await client.post("/intake", payload, {
          "content-type": "text/plain;charset=UTF-8",
          "next-action": id,
          accept: "text/x-component",
          origin: server.url,
        });
        tally[answer.status] = (tally[answer.status] ?? 0) + 1;
        expect(answer.status, payload.slice(0, 300)).toBeGreaterThan(0);
        expect(answer.status, payload.slice(0, 300)).toBeLessThan(500);
        if (Buffer.byteLength(payload) > MAX_ACTION_BODY_BYTES) expect(answer.status).toBe(413);
        else if (nestsDeeperThan(payload)) expect(answer.status).toBe(400);
        else if (!raw && parsed !== undefined && "body" in answer) {
          const accepted = intakeSchema.safeParse(parsed).success;
          expect(answer.body.includes('"ok":true'), payload.slice(0, 300)).toBe(accepted);
        }
      }),
      { numRuns: ACTION_RUNS },
    );
    printFigures("Bad-input proof, web form", { bodies: ACTION_RUNS, statuses: JSON.stringify(tally) });
    expect(tally["200"]).toBeGreaterThan(ACTION_RUNS / 2);
  });

  it(`answers ${SEARCH_RUNS} generated dashboard searches, signed in, without a 5xx`, async () => {
    const { cookie } = await postSignIn(server.url, THERAPIST.email, THERAPIST.password);
    expect(cookie).toBeTruthy();
    const tally: Record<string, number> = {};
    // Typed text, and raw bytes percent-encoded by hand (NUL, a lone surrogate in UTF-8, invalid UTF-8).
    const typed = fc.oneof(junk.filter((v): v is string => typeof v === "string"), fc.string({ unit: "grapheme", maxLength: 30 }));
    const encoded = fc.oneof(
      typed.map((v) => encodeURIComponent(v.toWellFormed())),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }).map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")),
      fc.constantFrom("%00", "Maria%00Jensen", "%ED%A0%80", "%E2%80%AE", "%FF%FE", "%C0%80"),
    );
    await fc.assert(
      fc.asyncProperty(encoded, async (q) => {
        const response = await fetch(`${server.url}/dashboard?q=${q}`, { headers: { cookie: cookie! }, redirect: "manual" });
        tally[response.status] = (tally[response.status] ?? 0) + 1;
        await response.arrayBuffer();
        expect(response.status, q).toBeLessThan(500);
      }),
      { numRuns: SEARCH_RUNS },
    );
    printFigures("Bad-input proof, dashboard search", { searches: SEARCH_RUNS, statuses: JSON.stringify(tally) });
    // Signed in all along: every search got the page.
    expect(tally["200"]).toBe(SEARCH_RUNS);
  });
});
