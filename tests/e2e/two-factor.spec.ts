/**
 * Two-factor sign-in in a real browser: a therapist sets it up with a code computed by otpauth
 * from the key the page shows, signs out, then signs in with a code, and again with a backup code;
 * a wrong code is refused and counted by the sign-in limits.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { query } from "./helpers";
import { E2E_AUTH_SECRET, E2E_DATABASE_URL } from "./server-config";

const root = path.resolve(import.meta.dirname, "../..");
const ACCOUNT = { email: "two.factor@clinic.example", name: "Tova Factor", password: "two-factor-password-for-tests" };

test.beforeAll(() => {
  execFileSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/therapist.ts", "create", "--email", ACCOUNT.email, "--name", ACCOUNT.name], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, NODE_ENV: "production", BETTER_AUTH_SECRET: E2E_AUTH_SECRET },
    input: ACCOUNT.password,
    stdio: ["pipe", "ignore", "inherit"],
  });
});

async function password(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(ACCOUNT.email);
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNT.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test("a therapist sets up two-factor sign-in, then signs in with a code and with a backup code", async ({ page, browser }) => {
  // A session opened with the password alone elsewhere, before two-factor sign-in is turned on.
  const elsewhere = await (await browser.newContext()).newPage();
  await password(elsewhere);
  await expect(elsewhere).toHaveURL(/\/dashboard$/);

  // Set it up: password, key, backup codes, one code from the "app".
  await password(page);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Two-factor sign-in" }).click();
  await page.getByLabel("Password", { exact: true }).fill(ACCOUNT.password);
  await page.getByRole("button", { name: "Continue" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const backupCodes = await page.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
  expect(backupCodes).toHaveLength(10);
  const app = new TOTP({ secret, digits: 6, period: 30 });
  await page.getByLabel("Authentication code", { exact: true }).fill("123456" === app.generate() ? "654321" : "123456");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  await page.getByLabel("Authentication code", { exact: true }).fill(app.generate());
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // Turning it on ended the password-only session in the other browser.
  await elsewhere.goto("/dashboard");
  await expect(elsewhere).toHaveURL(/\/login/);
  expect(Boolean((await query<{ twoFactorEnabled: unknown }>(`SELECT "twoFactorEnabled" FROM "User" WHERE "email" = ?`, ACCOUNT.email))[0]!.twoFactorEnabled)).toBe(true);
  await signOut(page);

  // The password alone no longer opens the dashboard.
  await password(page);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/login/two-factor");

  // A wrong code is refused, and counted like a wrong password.
  await page.getByLabel("Authentication code", { exact: true }).fill(app.generate() === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  const [throttle] = await query<{ attempts: number }>(`SELECT "attempts" FROM "SignInThrottle" WHERE "key" = ?`, `account:${ACCOUNT.email}`);
  expect(Number(throttle!.attempts)).toBe(1);

  await page.getByLabel("Authentication code", { exact: true }).fill(app.generate({ timestamp: Date.now() }));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);

  // A backup code works once.
  await password(page);
  await expect(page).toHaveURL(/\/login\/two-factor$/);
  await page.getByLabel("Backup code", { exact: true }).fill(backupCodes[0]!);
  await page.getByRole("button", { name: "Use backup code" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);
  await password(page);
  await page.getByLabel("Backup code", { exact: true }).fill(backupCodes[0]!);
  await page.getByRole("button", { name: "Use backup code" }).click();
  await expect(page.getByText("That backup code is not right, or was used already.")).toBeVisible();

  const actions = await query<{ action: string }>(
    `SELECT "action" FROM "AuditEvent" WHERE "actorEmail" = ? OR "actorId" = (SELECT "id" FROM "User" WHERE "email" = ?) ORDER BY "id"`,
    ACCOUNT.email,
    ACCOUNT.email,
  );
  expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["two_factor_enabled", "sign_in_password_ok", "sign_in_failed", "sign_in"]));
});
