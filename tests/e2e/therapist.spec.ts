import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors } from "./a11y";
import { validIntake, attemptSignIn, query, signIn, submitIntake } from "./helpers";
import { E2E_THERAPIST } from "./server-config";

test.beforeEach(({ page }) => failOnConsoleErrors(page));

test("a therapist finds a new intake, reads it, marks it reviewed and signs out", async ({ page, browser }) => {
  // A client submits, in a browser of their own.
  const clientPage = await (await browser.newContext()).newPage();
  const reference = await submitIntake(
    clientPage,
    validIntake({ fullName: "Imogen Castellano", conditions: ["diabetes"], medications: "Metformin 500 mg" }),
  );

  // The dashboard is closed to anyone not signed in.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page, "Sign in");

  // A wrong password says so, without saying which part was wrong.
  await attemptSignIn(page, "not-the-right-password");
  await expect(page.locator(".form-error[role=alert]")).toHaveText("That email and password do not match an account.");

  await signIn(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Intakes" })).toBeVisible();
  await expectAccessible(page, "Dashboard");

  // Find the client by name, then by reference.
  await page.getByLabel("Search").fill("castellano");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByRole("row", { name: /Imogen Castellano/ });
  await expect(row).toContainText("New");
  await expect(row).toContainText(reference);
  await page.getByLabel("Search").fill(reference.toLowerCase());
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("row")).toHaveCount(2);

  await page.getByRole("link", { name: "Imogen Castellano" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Imogen Castellano" })).toBeVisible();
  await expect(page.getByText(reference)).toBeVisible();
  await expect(page.getByText("Metformin 500 mg")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Health", exact: true })).toBeVisible();
  await expectAccessible(page, "Submission");

  await page.getByLabel("Note (optional)").fill("Checked feet plan with client by phone.");
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByText(`Reviewed by ${E2E_THERAPIST.name}`)).toBeVisible();
  await expect(page.getByText("Checked feet plan with client by phone.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as reviewed" })).toHaveCount(0);

  // Every look and the review are in the trail, with who did them.
  await page.reload();
  const trail = page.getByRole("region", { name: "Audit trail" });
  // Opened, shown again after the review, reloaded: each rendering of the answers is a view.
  await expect(trail.getByRole("row", { name: /Viewed the intake/ })).toHaveCount(3);
  await expect(trail.getByRole("row", { name: /Marked the intake as reviewed/ })).toContainText(E2E_THERAPIST.name);

  const [stored] = await query<{ status: string; note: string; reviewer: string }>(
    `SELECT i."status", r."note", u."email" AS reviewer FROM "Intake" i JOIN "Review" r ON r."intakeId" = i."id" JOIN "User" u ON u."id" = r."reviewerId" WHERE i."reference" = ?`,
    reference,
  );
  expect(stored).toEqual({ status: "reviewed", note: "Checked feet plan with client by phone.", reviewer: E2E_THERAPIST.email });

  // The dashboard shows it reviewed.
  await page.getByRole("link", { name: "← All intakes" }).click();
  await expect(page.getByRole("row", { name: /Imogen Castellano/ })).toContainText("Reviewed");

  // Sign out: the dashboard is closed again, and the old session is gone from the database.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
  const actions = (
    await query<{ action: string }>(
      `SELECT "action" FROM "AuditEvent" WHERE "actorEmail" = ? OR "actorId" = (SELECT "id" FROM "User" WHERE "email" = ?) ORDER BY "id"`,
      E2E_THERAPIST.email,
      E2E_THERAPIST.email,
    )
  ).map((r) => r.action);
  expect(actions).toEqual(expect.arrayContaining(["sign_in_failed", "sign_in", "intake_view", "intake_review", "sign_out"]));
});

test("staff pages print without the app around them", async ({ page, browser }) => {
  const clientPage = await (await browser.newContext()).newPage();
  await submitIntake(clientPage, validIntake({ fullName: "Priya Ndlovu", signature: "Priya Ndlovu" }));
  await signIn(page);
  await page.getByLabel("Search").fill("Priya Ndlovu");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByRole("link", { name: "Priya Ndlovu" }).click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Mark as reviewed" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Priya Ndlovu" })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
});
