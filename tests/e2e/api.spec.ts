/** The public JSON API over real HTTP: every answer the OpenAPI document promises. */
import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { validIntake, query } from "./helpers";
import { E2E_BASE_URL, E2E_SUBMIT_LIMIT } from "./server-config";

/**
 * Each client its own address, made from the test's title and the client's number in the test, so
 * the rate limit of one test never spills into another, and a test run again after a failure gets
 * the same addresses as the first time. (The test server trusts one proxy: the test plays it.)
 */
const clientsMade = new Map<string, number>();
async function client(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }) {
  const title = test.info().titlePath.join(" > ");
  const n = (clientsMade.get(title) ?? 0) + 1;
  clientsMade.set(title, n);
  const hash = createHash("sha256").update(`${title}#${n}`).digest("hex");
  const address = `2001:db8:${hash.slice(0, 4)}:${hash.slice(4, 8)}:${hash.slice(8, 12)}::${n}`;
  return playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { "x-forwarded-for": address } });
}

test("a valid intake is stored: 201 with its id and reference", async ({ playwright }) => {
  const api = await client(playwright);
  const response = await api.post("/api/intakes", { data: validIntake({ fullName: "Api Client", signature: "api client" }) });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/) });
  expect(await query(`SELECT "fullName", "reference" FROM "Intake" WHERE "id" = ?`, body.id)).toEqual([{ fullName: "Api Client", reference: body.reference }]);
});

test("a filled honeypot gets the answer a real intake gets, and nothing is stored", async ({ playwright }) => {
  const api = await client(playwright);
  const real = await (await api.post("/api/intakes", { data: validIntake({ fullName: "Real Person", signature: "real person" }) })).json();
  const response = await api.post("/api/intakes", {
    data: { ...validIntake({ fullName: "Honey Pot", signature: "honey pot" }), website: "http://spam.example" },
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(Object.keys(real).sort());
  expect(body.id).toMatch(/^[a-f0-9]{32}$/);
  expect(real.id).toMatch(/^[a-f0-9]{32}$/);
  expect(body.reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "fullName" = 'Honey Pot' OR "id" = ?`, body.id)).toEqual([{ n: 0 }]);
});

test("retries with the same Idempotency-Key store one intake and answer the same reference", async ({ playwright }) => {
  const api = await client(playwright);
  const key = crypto.randomUUID();
  const data = validIntake({ fullName: "Idem Potent", signature: "Idem Potent" });
  const responses = await Promise.all([1, 2, 3].map(() => api.post("/api/intakes", { data, headers: { "Idempotency-Key": key } })));
  const bodies = await Promise.all(responses.map((r) => r.json()));
  expect(responses.map((r) => r.status())).toEqual([201, 201, 201]);
  expect(new Set(bodies.map((b) => b.reference)).size).toBe(1);
  expect(responses.filter((r) => r.headers()["idempotent-replayed"] === "true")).toHaveLength(2);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "fullName" = 'Idem Potent'`)).toEqual([{ n: 1 }]);
});

test("bad answers: 400 with a message per field, nothing stored", async ({ playwright }) => {
  const api = await client(playwright);
  const response = await api.post("/api/intakes", {
    data: validIntake({ fullName: "Bad Email", email: "nope", signature: "Someone Else", pressure: "crushing" as never }),
  });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(Object.keys(body.fieldErrors).sort()).toEqual(["email", "pressure", "signature"]);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "fullName" = 'Bad Email'`)).toEqual([{ n: 0 }]);
});

test("malformed JSON is a 400, a body that is not JSON a 415, a large one a 413", async ({ playwright }) => {
  const api = await client(playwright);
  // A Buffer is sent as it is (a string would be encoded as JSON by the client).
  const malformed = await api.post("/api/intakes", { data: Buffer.from('{"fullName": "Half'), headers: { "content-type": "application/json" } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatch(/not valid JSON/);

  const text = await api.post("/api/intakes", { data: Buffer.from("fullName=Mallory"), headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(text.status()).toBe(415);

  const huge = await api.post("/api/intakes", { data: { ...validIntake(), medications: "x".repeat(70 * 1024) } });
  expect(huge.status()).toBe(413);

  const badKey = await api.post("/api/intakes", { data: validIntake(), headers: { "Idempotency-Key": "a b" } });
  expect(badKey.status()).toBe(400);
});

test("past the per-address limit: 429 with Retry-After", async ({ playwright }) => {
  const api = await client(playwright);
  const statuses: number[] = [];
  let retryAfter = "";
  for (let i = 0; i <= E2E_SUBMIT_LIMIT; i++) {
    // Invalid bodies count too: the limit is on requests, not on stored intakes.
    const response = await api.post("/api/intakes", { data: { fullName: "" } });
    statuses.push(response.status());
    retryAfter = response.headers()["retry-after"] ?? retryAfter;
  }
  expect(statuses.slice(0, E2E_SUBMIT_LIMIT)).toEqual(Array(E2E_SUBMIT_LIMIT).fill(400));
  expect(statuses.at(-1)).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  // Another address is not affected.
  const other = await client(playwright);
  expect((await other.post("/api/intakes", { data: { fullName: "" } })).status()).toBe(400);
});

test("the OpenAPI document and the health check", async ({ playwright }) => {
  const api = await client(playwright);
  const doc = await (await api.get("/api/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.components.schemas.IntakeInput.properties).toHaveProperty("fullName");
  const health = await api.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});
