/**
 * Staff routes and staff server actions, called over real HTTP with no session: they must answer
 * with a way to /login, show no client data and change nothing. A server action is a public POST
 * endpoint (its id is in the page), so each one has to check the session itself.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { daysFromToday, validIntake, query, signIn, submitIntake } from "./helpers";
import { E2E_BASE_URL } from "./server-config";

const manifestPath = path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json");
type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** Every server action the build serves from a staff file (and setting up two-factor sign-in), by name. */
function staffActions(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
  const out: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    const staff = entry.filename?.startsWith("app/(staff)/") || entry.filename?.startsWith("app/two-factor/");
    if (staff && entry.exportedName) out[entry.exportedName] = id;
  }
  return out;
}

async function newAnonymousContext(request: { newContext: (o: object) => Promise<APIRequestContext> }) {
  return request.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies: [], origins: [] } });
}

const SECRET_NAME = "Quentin Guardtest";
const CLIENT_NAME = "Quentin Clientpage";
const SECRET_EMAIL = "quentin.guard@example.com";
let intakeId = "";
let clientId = "";

test.beforeAll(async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await submitIntake(page, validIntake({ fullName: SECRET_NAME, signature: SECRET_NAME, email: SECRET_EMAIL, medications: "Warfarin-guard-test" }));
  [{ id: intakeId }] = (await query<{ id: string }>(`SELECT "id" FROM "Intake" WHERE "fullName" = ?`, SECRET_NAME)) as [{ id: string }];
  // A client with the intake's email, made as a therapist would (no mail server listens: no matter).
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff);
  await staff.goto("/dashboard/appointments/new");
  await staff.getByLabel("Client name", { exact: true }).fill(CLIENT_NAME);
  await staff.getByLabel("Client email", { exact: true }).fill(SECRET_EMAIL);
  await staff.getByLabel("Appointment date", { exact: true }).fill(daysFromToday(4));
  await staff.getByLabel("Appointment time", { exact: true }).fill("11:00");
  await staff.getByRole("button", { name: "Create appointment" }).click();
  await expect(staff.getByRole("heading", { name: "Appointment created" })).toBeVisible();
  [{ id: clientId }] = (await query<{ id: string }>(`SELECT "id" FROM "Client" WHERE "fullName" = ?`, CLIENT_NAME)) as [{ id: string }];
  await staff.context().close();
});

test("every staff page sends anonymous visitors to sign in, with no client data and no caching", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const pages = [
    "/dashboard",
    `/dashboard?q=${encodeURIComponent(SECRET_NAME)}`,
    `/dashboard/submissions/${intakeId}`,
    "/dashboard/precautions",
    "/dashboard/appointments/new",
    `/dashboard/clients/${clientId}`,
    "/two-factor",
    "/dashboard/team",
  ];
  for (const path of pages) {
    // As a browser loads the page, and as the client router fetches it (RSC). Next may first send
    // an RSC request to a cache-busting address; follow such hops, never a hop to /login.
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      let url = path;
      let outcome = "";
      for (let hop = 0; hop < 3 && !outcome; hop++) {
        const response = await api.get(url, { headers, maxRedirects: 0 });
        expect(response.headers()["cache-control"], url).toContain("no-store");
        const body = await response.text();
        expect(body).not.toContain(SECRET_NAME);
        expect(body).not.toContain("Warfarin-guard-test");
        expect(body).not.toContain(CLIENT_NAME);
        expect(body).not.toContain(SECRET_EMAIL);
        const location = response.headers().location ?? "";
        if (response.status() === 200 && headers.RSC) {
          // The client router's payload carries the redirect instead of an HTTP status.
          expect(body).toMatch(/NEXT_REDIRECT;[a-z]+;\/login;/);
          outcome = "/login";
        } else {
          expect([307, 308], url).toContain(response.status());
          if (location === "/login") outcome = location;
          url = location;
        }
      }
      expect(outcome, path).toBe("/login");
    }
  }
  const views = await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "intakeId" = ?`, intakeId);
  expect(views[0]!.n).toBe(0);
  await api.dispose();
});

test("the staff server actions are exactly the ones these tests cover", () => {
  expect(Object.keys(staffActions()).sort()).toEqual([
    "addTeamMember",
    "attachToClient",
    "confirmTwoFactor",
    "createAppointment",
    "disableTeamMember",
    "eraseClientData",
    "markReviewed",
    "resetTeamMemberTwoFactor",
    "searchClients",
    "sendNewPasswordLink",
    "signOut",
    "startTwoFactor",
  ]);
});

test("marking an intake reviewed without a session is refused and changes nothing", async ({ page, playwright }) => {
  // Record the request a signed-in browser really sends for this action, on another intake...
  const other = await (async () => {
    const clientPage = await (await page.context().browser()!.newContext()).newPage();
    await submitIntake(clientPage, validIntake({ fullName: "Olga Otherintake", signature: "Olga Otherintake" }));
    return (await query<{ id: string }>(`SELECT "id" FROM "Intake" WHERE "fullName" = 'Olga Otherintake'`))[0]!.id;
  })();
  await signIn(page);
  await page.goto(`/dashboard/submissions/${other}`);
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  const request = await sent;
  expect(request.headers()["next-action"]).toBe(staffActions().markReviewed);

  // ...then send the same request without the session, aimed at the guarded intake.
  const body = request.postDataBuffer()!.toString("latin1").replaceAll(other, intakeId);
  const api = await newAnonymousContext(playwright.request);
  const response = await api.post(`/dashboard/submissions/${intakeId}`, {
    headers: {
      "next-action": request.headers()["next-action"]!,
      "content-type": request.headers()["content-type"]!,
      accept: "text/x-component",
    },
    data: Buffer.from(body, "latin1"),
    maxRedirects: 0,
  });
  const text = await response.text();
  expect(response.headers()["x-action-redirect"] ?? response.headers().location ?? "").toMatch(/^\/login/);
  expect(text).not.toContain(SECRET_NAME);
  expect(await query(`SELECT "status" FROM "Intake" WHERE "id" = ?`, intakeId)).toEqual([{ status: "new" }]);
  expect(await query(`SELECT "id" FROM "Review" WHERE "intakeId" = ?`, intakeId)).toEqual([]);
  await api.dispose();
});

test("signing out without a session is refused", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const response = await api.post("/dashboard", {
    headers: { "next-action": staffActions().signOut!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: "[]",
    maxRedirects: 0,
  });
  expect(response.headers()["x-action-redirect"] ?? response.headers().location ?? "").toMatch(/^\/login/);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "action" = 'sign_out' AND "actorId" IS NULL`)).toEqual([{ n: 0 }]);
  await api.dispose();
});

/** Where an anonymous call to a staff action was sent: to sign in, never through. */
function redirectOf(response: { headers: () => Record<string, string> }): string {
  return response.headers()["x-action-redirect"] ?? response.headers().location ?? "";
}

test("creating an appointment and finding clients without a session are refused, show nothing and change nothing", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const call = (name: string, args: unknown[]) =>
    api.post("/dashboard/appointments/new", {
      headers: { "next-action": staffActions()[name]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });

  const created = await call("createAppointment", [{ fullName: "Mallory Anonymous", email: "mallory@example.com", date: daysFromToday(3), time: "10:00" }]);
  expect(redirectOf(created)).toMatch(/^\/login/);
  expect(await created.text()).not.toMatch(/\/i\/[A-Za-z0-9_-]{43}/);
  expect(await query(`SELECT "id" FROM "Client" WHERE "email" = 'mallory@example.com'`)).toEqual([]);

  const found = await call("searchClients", ["Quentin"]);
  expect(redirectOf(found)).toMatch(/^\/login/);
  const text = await found.text();
  expect(text).not.toContain(CLIENT_NAME);
  expect(text).not.toContain(SECRET_EMAIL);
  await api.dispose();
});

test("attaching an intake to a client without a session is refused and changes nothing", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  // As the page's plain form posts it (it works without JavaScript).
  const response = await api.post(`/dashboard/submissions/${intakeId}`, {
    multipart: { [`$ACTION_ID_${staffActions().attachToClient!}`]: "", intakeId, clientId },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(500);
  expect(redirectOf(response)).toMatch(/^\/login/);
  expect(await response.text()).not.toContain(SECRET_NAME);
  expect(await query(`SELECT "clientId" FROM "Intake" WHERE "id" = ?`, intakeId)).toEqual([{ clientId: null }]);
  await api.dispose();
});

test("setting up two-factor sign-in without a session is refused, and gives away no key", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const keys = async () => (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "TwoFactor"`))[0]!.n;
  const before = await keys();
  for (const [name, args] of [["startTwoFactor", ["any password"]], ["confirmTwoFactor", ["123456"]]] as const) {
    const response = await api.post("/two-factor", {
      headers: { "next-action": staffActions()[name]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
    expect(redirectOf(response), name).toMatch(/^\/login/);
    expect(await response.text()).not.toContain("otpauth://");
  }
  expect(await keys()).toBe(before);
  await api.dispose();
});

test("the Team page's actions without a session are refused and change nothing", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const added = await api.post("/dashboard/team", {
    headers: { "next-action": staffActions().addTeamMember!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify([{ name: "Mallory Anon", email: "mallory.anon@clinic.example" }]),
    maxRedirects: 0,
  });
  expect(redirectOf(added)).toMatch(/^\/login/);
  const [owner] = await query<{ id: string }>(`SELECT "id" FROM "User" ORDER BY "createdAt" LIMIT 1`);
  for (const name of ["disableTeamMember", "resetTeamMemberTwoFactor", "sendNewPasswordLink"]) {
    const response = await api.post("/dashboard/team", { multipart: { [`$ACTION_ID_${staffActions()[name]!}`]: "", userId: owner!.id }, maxRedirects: 0 });
    expect(response.status(), name).toBeLessThan(500);
    expect(redirectOf(response), name).toMatch(/^\/login/);
  }
  expect(await query(`SELECT "id" FROM "User" WHERE "email" = 'mallory.anon@clinic.example'`)).toEqual([]);
  expect(await query(`SELECT "action" FROM "AuditEvent" WHERE "action" LIKE 'team_%'`)).toEqual([]);
  await api.dispose();
});

test("erasing a client's data without a session is refused and erases nothing", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const response = await api.post(`/dashboard/clients/${clientId}`, {
    multipart: { [`$ACTION_ID_${staffActions().eraseClientData!}`]: "", clientId, confirmName: CLIENT_NAME },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(500);
  expect(redirectOf(response)).toMatch(/^\/login/);
  expect(await query(`SELECT "id" FROM "Client" WHERE "id" = ?`, clientId)).toEqual([{ id: clientId }]);
  expect(await query(`SELECT "id" FROM "AuditEvent" WHERE "action" = 'client_erased'`)).toEqual([]);
  await api.dispose();
});

test("a therapist attaches an intake sent without a link to the client it suggests", async ({ page }) => {
  await signIn(page);
  await page.goto(`/dashboard/submissions/${intakeId}`);
  await page.getByRole("button", { name: `Attach to ${CLIENT_NAME}` }).click();
  // Once attached, the suggestions go and the intake names its client.
  await expect(page.getByRole("button", { name: `Attach to ${CLIENT_NAME}` })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Client's page" })).toHaveCount(1);
  expect(await query(`SELECT "clientId" FROM "Intake" WHERE "id" = ?`, intakeId)).toEqual([{ clientId }]);
  await page.getByRole("link", { name: "Client's page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: CLIENT_NAME })).toBeVisible();
  await expect(page.getByRole("link", { name: /Intake for/ })).toHaveCount(1);
});

test("the owner erases a client's data after typing their name", async ({ page }) => {
  // The browser tests' therapist is the clinic's first account, so its owner.
  await signIn(page);
  await page.goto(`/dashboard/clients/${clientId}`);
  const erase = page.getByRole("region", { name: "Delete client data" });
  await erase.getByLabel(/Type the client's name/).fill("Someone Else");
  await erase.getByRole("button", { name: "Delete client data" }).click();
  await expect(erase.getByText("Type the client's full name exactly")).toBeVisible();
  await erase.getByLabel(/Type the client's name/).fill(CLIENT_NAME);
  await erase.getByRole("button", { name: "Delete client data" }).click();
  await expect(page).toHaveURL(/\/dashboard\?notice=erased$/);
  await expect(page.getByRole("status").filter({ hasText: "The client's data was deleted." })).toBeVisible();
  expect(await query(`SELECT "id" FROM "Client" WHERE "id" = ?`, clientId)).toEqual([]);
  expect(await query(`SELECT "id" FROM "Intake" WHERE "id" = ?`, intakeId)).toEqual([]);
  expect(await query(`SELECT "clientId" FROM "AuditEvent" WHERE "action" = 'client_erased'`)).toEqual([{ clientId }]);
});

test("the export routes answer 401 to anonymous callers, with no client data", async ({ playwright }) => {
  const api = await newAnonymousContext(playwright.request);
  const exportsAudited = async () =>
    (await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "action" LIKE 'export_%'`))[0]!.n;
  const before = await exportsAudited();
  const routes = [
    `/api/fhir/QuestionnaireResponse/${intakeId}`,
    `/api/exports/intakes/${intakeId}/pdf`,
    `/api/exports/intakes/${intakeId}/pdf?paper=letter`,
    "/api/exports/intakes.csv?from=",
    `/api/exports/intakes.csv?from=&q=${encodeURIComponent(SECRET_NAME)}`,
  ];
  for (const route of routes) {
    const tries: Record<string, string>[] = [{}, { "x-api-key": "intake_" + "a".repeat(64) }, { "x-api-key": "not-a-key" }];
    for (const headers of tries) {
      const response = await api.get(route, { headers, maxRedirects: 0 });
      expect(response.status(), route).toBe(401);
      expect(response.headers()["cache-control"], route).toContain("no-store");
      const text = await response.text();
      expect(text, route).not.toContain(SECRET_NAME);
      expect(text, route).not.toContain("Warfarin");
    }
  }
  // Nothing was exported, so nothing was audited as read.
  expect(await exportsAudited()).toBe(before);
  await api.dispose();
});
