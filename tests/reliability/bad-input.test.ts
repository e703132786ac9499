/**
 * Bad input, generated: fast-check sends thousands of valid, mutated and malformed bodies to the
 * API of a production server. The oracle is the schema itself, run here on the same body: what
 * it accepts must be a 201, what it refuses a 400 with the same field errors. Never a 5xx.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/api/read-json";
import { intakeSchema, intakeFields, toValidationErrors } from "@/lib/intake/schema";
import { freshDatabase, makeClient, printFigures, startServer, type Server } from "./harness";
import { intakeBody } from "./valid-intake";

const RUNS = 10_000;
const FIELDS = Object.keys(intakeFields.shape);

let server: Server;
let client: ReturnType<typeof makeClient>;
beforeAll(async () => {
  server = await startServer(freshDatabase("fuzz"), 3203);
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
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

type Mutation = (body: Record<string, unknown>) => unknown;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...FIELDS).map((f): Mutation => (b) => {
    const { [f]: _dropped, ...rest } = b;
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
