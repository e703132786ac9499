import { expect, type Browser, type Page } from "@playwright/test";
import { DRAFT_KEY } from "@/components/intake/draft";
import { failOnConsoleErrors } from "./a11y";
import type { IntakeFormValues } from "@/lib/intake/schema";
import { sqlFor } from "../helpers/test-sql";
import { E2E_DATABASE, E2E_THERAPIST } from "./server-config";

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
