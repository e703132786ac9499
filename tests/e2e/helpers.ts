import { expect, type Browser, type Page } from "@playwright/test";
import { localDateOf } from "@/lib/appointments/clinic-time";
import { DRAFT_KEY } from "@/components/intake/draft";
import { failOnConsoleErrors } from "./a11y";
import type { IntakeFormValues } from "@/lib/intake/schema";
import { sqlFor } from "../helpers/test-sql";
import { E2E_DATABASE, E2E_THERAPIST, E2E_TIME_ZONE } from "./server-config";

export { daysFromToday, validIntake } from "../helpers/intake-fixtures";

/**
 * Submits an intake through the real form, starting from its review step (the answers are put in
 * the tab's draft, as the form itself keeps them): a quick way to have intakes to look at.
 */
export async function submitIntake(page: Page, values: Partial<IntakeFormValues>): Promise<string> {
  await page.goto("/intake");
  await page.evaluate(([key, draft]) => sessionStorage.setItem(key, JSON.stringify(draft)), [
    DRAFT_KEY,
    { values, step: "review", idempotencyKey: crypto.randomUUID() },
  ] as const);
  await page.reload();
  await page.getByRole("button", { name: "Submit intake" }).click();
  await expect(page).toHaveURL(/thank-you/);
  return (await page.locator(".code").textContent()) ?? "";
}

/**
 * A client's own browser (a context of its own, so no staff session), on the form at `step` with
 * `values` already in the tab's draft, as if typed before.
 */
export async function openFormAt(browser: Browser, step: string, values: Partial<IntakeFormValues>): Promise<Page> {
  const client = await (await browser.newContext()).newPage();
  failOnConsoleErrors(client);
  await client.goto("/intake");
  await client.evaluate(([key, draft]) => sessionStorage.setItem(key, JSON.stringify(draft)), [
    DRAFT_KEY,
    { values, step, idempotencyKey: crypto.randomUUID() },
  ] as const);
  await client.reload();
  return client;
}

/** Fills in and sends the sign-in form; the caller checks what came of it. */
export async function attemptSignIn(page: Page, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(E2E_THERAPIST.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs the test therapist in and waits for the dashboard. */
export async function signIn(page: Page) {
  await attemptSignIn(page, E2E_THERAPIST.password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/**
 * Reads the test server's database directly, beside the app: SQL for both databases (identifiers
 * in double quotes, `?` for values, CAST(count(*) AS INTEGER) for a count; see test-sql.ts).
 */
export async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const db = sqlFor(E2E_DATABASE);
  try {
    return await db.rows<T>(sql, ...params);
  } finally {
    await db.close();
  }
}

/** Changes the test server's database directly (an UPDATE a test needs to stage a case). */
export async function execute(sql: string, ...params: unknown[]): Promise<void> {
  const db = sqlFor(E2E_DATABASE);
  try {
    await db.run(sql, ...params);
  } finally {
    await db.close();
  }
}

/** A date `days` after today in the clinic's zone. */
export const clinicDay = (days: number) => localDateOf(new Date(Date.now() + days * 86_400_000), E2E_TIME_ZONE);

/** The therapist (signed in on `page`) creates an appointment; its personal link. */
export async function createAppointment(page: Page, client: { name: string; email: string } | { search: string; pick: RegExp }, date: string, time: string) {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "New appointment" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New appointment" })).toBeVisible();
  if ("name" in client) {
    await page.getByLabel("Client name", { exact: true }).fill(client.name);
    await page.getByLabel("Client email", { exact: true }).fill(client.email);
    await page.getByLabel("Client phone (optional)", { exact: true }).fill("07700 900123");
  } else {
    await page.getByLabel("Find a returning client").fill(client.search);
    await page.getByRole("button", { name: client.pick }).click();
  }
  await page.getByLabel("Appointment date", { exact: true }).fill(date);
  await page.getByLabel("Appointment time", { exact: true }).fill(time);
  await page.getByRole("button", { name: "Create appointment" }).click();
  await expect(page.getByRole("heading", { name: "Appointment created" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
  return page.getByLabel("Personal link").inputValue();
}

