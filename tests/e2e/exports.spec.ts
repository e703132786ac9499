/**
 * Exports over real HTTP from the production build: a therapist downloads the filtered list as CSV
 * from the dashboard and a submission as PDF from its page; an EHR reads the FHIR Questionnaire
 * (public) and a QuestionnaireResponse with an API key made by `npm run apikey:create`, until
 * `apikey:revoke`. Each read is audited; without a session or key the answer is 401 with no client
 * data in it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Questionnaire, QuestionnaireResponse } from "@medplum/fhirtypes";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { extractText, getDocumentProxy } from "unpdf";
import { responseProblems, validateR4 } from "../helpers/fhir";
import { failOnConsoleErrors } from "./a11y";
import { daysFromToday, query, signIn, submitIntake, validIntake } from "./helpers";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_URL, E2E_THERAPIST } from "./server-config";

const root = path.resolve(import.meta.dirname, "../..");
const NAME = "Zoë Łukasiewicz-Núñez";
const OTHER = "Walter Filteredout";

/** The documented command, as an owner runs it on the server. */
function npmRun(script: string, ...args: string[]): string {
  return execFileSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, BETTER_AUTH_SECRET: E2E_AUTH_SECRET, BETTER_AUTH_URL: E2E_BASE_URL, NODE_ENV: "production", LOG_LEVEL: "silent" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

let intakeId = "";
test.beforeAll(async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await submitIntake(page, validIntake({ fullName: NAME, signature: NAME, conditions: ["varicoseVeins"], medications: "=SUM(1,2)", appointmentDate: daysFromToday(9) }));
  await submitIntake(page, validIntake({ fullName: OTHER, signature: OTHER, appointmentDate: daysFromToday(10) }));
  [{ id: intakeId }] = (await query<{ id: string }>(`SELECT "id" FROM "Intake" WHERE "fullName" = ?`, NAME)) as [{ id: string }];
  await page.context().close();
});

test("the dashboard's Download CSV exports the list as filtered, for a spreadsheet", async ({ page }) => {
  failOnConsoleErrors(page);
  await signIn(page);
  const csvDownloads = async () =>
    (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "action" = 'export_csv' AND "actorId" IS NOT NULL`))[0]!.n;
  const before = await csvDownloads();
  await page.goto(`/dashboard?from=&q=${encodeURIComponent("Łukasiewicz")}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^intakes-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.Client)).toEqual([NAME]);
  expect(rows[0]!.Conditions).toBe("Varicose veins");
  expect(rows[0]!.Medications).toBe("'=SUM(1,2)");
  expect(await csvDownloads()).toBe(before + 1);
});

test("a submission's Download PDF holds the name, the card and the answers", async ({ page }) => {
  failOnConsoleErrors(page);
  await signIn(page);
  await page.goto(`/dashboard/submissions/${intakeId}`);
  const card = await page.locator("[data-precaution] .instruction").allInnerTexts();
  expect(card.length).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^intake-[A-Z0-9-]+\.pdf$/);
  const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  const pdf = await getDocumentProxy(bytes);
  const { text } = await extractText(pdf, { mergePages: true });
  const flat = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
  expect(flat(text)).toContain(flat(NAME));
  for (const instruction of card) expect(flat(text)).toContain(flat(instruction));
  expect(flat(text)).toContain(flat("Varicose veins"));
  const [{ n }] = (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "action" = 'export_pdf' AND "intakeId" = ?`, intakeId)) as [{ n: number }];
  expect(n).toBe(1);
});

test("an EHR reads the Questionnaire, and a response with an API key until it is revoked", async ({ playwright, page }) => {
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies: [], origins: [] } });

  const q = await api.get("/api/fhir/Questionnaire/intake");
  expect(q.status()).toBe(200);
  expect(q.headers()["content-type"]).toContain("application/fhir+json");
  const questionnaire = (await q.json()) as Questionnaire;
  expect(await validateR4(questionnaire)).toEqual([]);
  expect((await api.get("/api/fhir/Questionnaire/other")).status()).toBe(404);

  // Nobody signed in, no key: 401, and nothing about the client.
  const anonymous = await api.get(`/api/fhir/QuestionnaireResponse/${intakeId}`);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.text()).not.toContain("Łukasiewicz");

  const key = npmRun("apikey:create", "--name", "Practice EHR", "--owner", E2E_THERAPIST.email);
  expect(key).toMatch(/^intake_[A-Za-z]{64}$/);
  const headers = { "x-api-key": key };
  const read = await api.get(`/api/fhir/QuestionnaireResponse/${intakeId}`, { headers });
  expect(read.status()).toBe(200);
  const response = (await read.json()) as QuestionnaireResponse;
  expect(await validateR4(response)).toEqual([]);
  const version = response.questionnaire!.split("|")[1]!;
  const answeredOn = (await (await api.get(`/api/fhir/Questionnaire/intake/_history/${version}`)).json()) as Questionnaire;
  expect(responseProblems(response, answeredOn)).toEqual([]);
  expect(response.contained!.some((c) => c.resourceType === "DetectedIssue")).toBe(true);
  expect((await api.get("/api/fhir/QuestionnaireResponse/doesnotexist0000", { headers })).status()).toBe(404);
  // The README's curl for the CSV and the PDF, with the same key.
  const csv = await api.get(`/api/exports/intakes.csv?from=&q=${encodeURIComponent("Łukasiewicz")}`, { headers });
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(2);
  const pdf = await api.get(`/api/exports/intakes/${intakeId}/pdf?paper=letter`, { headers });
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  expect((await api.get("/api/exports/intakes/doesnotexist0000/pdf", { headers })).status()).toBe(404);
  const wrongKey = `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`;
  expect((await api.get(`/api/fhir/QuestionnaireResponse/${intakeId}`, { headers: { "x-api-key": wrongKey } })).status()).toBe(401);

  const [audited] = (await query<{ apiKeyId: string | null }>(
    `SELECT "apiKeyId" FROM "AuditEvent" WHERE "action" = 'export_fhir' AND "intakeId" = ? ORDER BY "id" DESC`,
    intakeId,
  )) as [{ apiKeyId: string | null }];
  expect(audited.apiKeyId).not.toBeNull();
  // The submission's audit trail names the key that read it.
  await signIn(page);
  await page.goto(`/dashboard/submissions/${intakeId}`);
  // Two reads of this intake by the key: its FHIR response and its PDF.
  await expect(page.getByRole("cell", { name: 'API key "Practice EHR"' })).toHaveCount(2);

  const listed = npmRun("apikey:list");
  expect(listed).toContain(audited.apiKeyId!);
  expect(listed).not.toContain(key);
  npmRun("apikey:revoke", "--id", audited.apiKeyId!);
  expect((await api.get(`/api/fhir/QuestionnaireResponse/${intakeId}`, { headers })).status()).toBe(401);
  expect(npmRun("apikey:list")).toMatch(new RegExp(`${audited.apiKeyId}\\s+revoked`));
  // Revoked, the key is still named in the trail of what it read.
  await page.reload();
  // Two reads of this intake by the key: its FHIR response and its PDF.
  await expect(page.getByRole("cell", { name: 'API key "Practice EHR"' })).toHaveCount(2);
  await api.dispose();
});

test("a signed-in therapist reads a response with the session", async ({ page }) => {
  await signIn(page);
  const read = await page.request.get(`/api/fhir/QuestionnaireResponse/${intakeId}`);
  expect(read.status()).toBe(200);
  expect(((await read.json()) as QuestionnaireResponse).subject?.display).toBe(NAME);
});
