/**
 * The owner's Team page in a real browser: a therapist added by email sets a password from the
 * emailed one-time link and signs in; as a therapist who is not the owner they get 403 on the
 * page and its actions; disabled by the owner, their session ends at once.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startMailServer } from "../helpers/mail-server";
import { failOnConsoleErrors } from "./a11y";
import { query, signIn } from "./helpers";
import { E2E_SMTP_PORT } from "./server-config";

let mail: Awaited<ReturnType<typeof startMailServer>>;
test.beforeAll(async () => {
  mail = await startMailServer(E2E_SMTP_PORT);
});
test.afterAll(async () => mail.close());

const manifestPath = path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json");
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { node: Record<string, { exportedName?: string }> };
  return Object.entries(manifest.node).find(([, v]) => v.exportedName === name)![0];
}

const NEW = { name: "Tomas Newhire", email: "tomas.newhire@clinic.example", password: "tomas-sets-his-own-password" };

test("the owner adds a therapist, who sets a password from the email; others get 403; disabling ends their session", async ({ page, browser }) => {
  failOnConsoleErrors(page);
  await signIn(page);
  await page.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(NEW.name);
  await page.getByLabel("Email", { exact: true }).fill(NEW.email);
  await page.getByRole("button", { name: "Add therapist" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${NEW.email} was sent a link` })).toBeVisible();
  const [message] = await mail.waitFor(1);
  expect(message!.to).toContain(NEW.email);
  const link = /http\S+\/set-password\/[A-Za-z0-9_-]{43}/.exec(message!.text)![0];

  // The new therapist sets a password, then signs in.
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(link);
  await newcomer.getByLabel("New password", { exact: true }).fill(NEW.password);
  await newcomer.getByLabel("Repeat the password", { exact: true }).fill("not the same password");
  await newcomer.getByRole("button", { name: "Set password" }).click();
  await expect(newcomer.getByText("The two passwords are not the same")).toBeVisible();
  // A refused password form is emptied: both are typed again.
  await newcomer.getByLabel("New password", { exact: true }).fill(NEW.password);
  await newcomer.getByLabel("Repeat the password", { exact: true }).fill(NEW.password);
  await newcomer.getByRole("button", { name: "Set password" }).click();
  await expect(newcomer).toHaveURL(/\/login\?password=set$/);
  await newcomer.getByLabel("Email", { exact: true }).fill(NEW.email);
  await newcomer.getByLabel("Password", { exact: true }).fill(NEW.password);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer).toHaveURL(/\/dashboard$/);
  await newcomer.goto(link);
  await expect(newcomer.getByText("This link has expired or was used already.")).toBeVisible();

  // Not the owner: 403 on the page, and on each of its actions; nothing changes.
  const forbidden = await newcomer.request.get("/dashboard/team", { maxRedirects: 0 });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.text()).not.toContain("e2e.therapist@clinic.example");
  const [owner] = await query<{ id: string }>(`SELECT "id" FROM "User" WHERE "role" = 'owner' ORDER BY "createdAt" LIMIT 1`);
  for (const [name, body, type] of [
    ["addTeamMember", JSON.stringify([{ name: "Mallory Sneaky", email: "mallory.sneaky@clinic.example" }]), "text/plain;charset=UTF-8"],
  ] as const) {
    const response = await newcomer.request.post("/dashboard/team", { headers: { "next-action": actionId(name), "content-type": type, accept: "text/x-component" }, data: body, maxRedirects: 0 });
    expect(response.status(), name).toBe(403);
  }
  for (const name of ["disableTeamMember", "resetTeamMemberTwoFactor", "sendNewPasswordLink"]) {
    // As React sends a form's data to its action.
    const response = await newcomer.request.post("/dashboard/team", {
      headers: { "next-action": actionId(name), accept: "text/x-component" },
      multipart: { "1_userId": owner!.id, "0": '["$K1"]' },
      maxRedirects: 0,
    });
    expect(response.status(), name).toBe(403);
  }
  expect(await query(`SELECT "id" FROM "User" WHERE "email" = 'mallory.sneaky@clinic.example'`)).toEqual([]);
  expect(Boolean((await query<{ disabled: unknown }>(`SELECT "disabled" FROM "User" WHERE "id" = ?`, owner!.id))[0]!.disabled)).toBe(false);

  // The owner disables the new account: its session ends at once.
  await page.reload();
  await page.getByRole("button", { name: `Disable ${NEW.name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(NEW.name) })).toContainText("Disabled");
  await newcomer.goto("/dashboard");
  await expect(newcomer).toHaveURL(/\/login/);
  const audit = await query<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "subjectUserId" = (SELECT "id" FROM "User" WHERE "email" = ?) ORDER BY "id"`, NEW.email);
  expect(audit.map((a) => a.action)).toEqual(["team_added", "team_disabled"]);
});
