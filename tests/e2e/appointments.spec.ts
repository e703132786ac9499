/**
 * Appointments and personal links, end to end: the therapist creates an appointment, the email
 * reaches a real SMTP server, the client fills half the form from the link, continues in another
 * browser and submits; a second appointment asks the date of birth, starts from the last answers
 * (but not from today's), and the therapist sees what changed.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startMailServer } from "../helpers/mail-server";
import { expectAccessible, failOnConsoleErrors } from "./a11y";
import { clinicDay, createAppointment, execute, query, signIn } from "./helpers";
import { E2E_CLINIC_NAME, E2E_SMTP_PORT } from "./server-config";

let mail: Awaited<ReturnType<typeof startMailServer>>;
test.beforeAll(async () => {
  mail = await startMailServer(E2E_SMTP_PORT);
});
test.afterAll(async () => mail.close());

async function clientPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  failOnConsoleErrors(page);
  return page;
}

/** The dashboard's row of a client's appointment, in the list of appointments. */
const appointmentRow = (page: Page, name: string) => page.getByRole("region", { name: "Appointments", exact: true }).getByRole("row", { name: new RegExp(name) }).first();

const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();
const stepHeading = (page: Page, name: string) => expect(page.getByRole("heading", { level: 2, name })).toBeVisible();

test("a client fills the form from a personal link on two devices; a return visit starts from the last answers", async ({ browser, page }) => {
  failOnConsoleErrors(page);
  const email = "nadia.okafor@example.com";
  const firstDate = clinicDay(3);

  // The therapist creates the appointment; the email arrives, with the link and nothing else.
  await signIn(page);
  const link = await createAppointment(page, { name: "Nadia Okafor", email }, firstDate, "10:30");
  await expect(page.getByRole("status").filter({ hasText: `The personal link was emailed to ${email}` })).toBeVisible();
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  const [invitation] = await mail.waitFor(1);
  expect(invitation!.to).toContain(email);
  expect(invitation!.subject).toContain(E2E_CLINIC_NAME);
  expect(invitation!.text).toContain(link);
  expect(invitation!.text).toContain("10:30");
  const stored = await query<{ linkHash: string }>(`SELECT "linkHash" FROM "Appointment"`);
  expect(JSON.stringify(stored)).not.toContain(link.split("/i/")[1]);
  await page.goto("/dashboard");
  await expect(appointmentRow(page, "Nadia Okafor")).toContainText("Not opened");

  // The client opens the link: name and email are filled in; they answer the first two steps.
  const phone = await clientPage(browser);
  await phone.goto(link);
  await expect(phone.getByLabel("Full name", { exact: true })).toHaveValue("Nadia Okafor");
  await expect(phone.getByLabel("Email", { exact: true })).toHaveValue(email);
  await expect(phone.getByLabel("Appointment date", { exact: true })).toHaveValue(firstDate);
  await expectAccessible(phone, "personal link form");
  await phone.getByLabel("Phone", { exact: true }).fill("07700 900123");
  await phone.getByLabel("Date of birth", { exact: true }).fill("1951-06-02");
  await phone.getByLabel("Emergency contact name", { exact: true }).fill("Ada Okafor");
  await phone.getByLabel("Emergency contact phone", { exact: true }).fill("07700 900456");
  await next(phone);
  await stepHeading(phone, "Your health");
  await phone.getByLabel("Diabetes", { exact: true }).check();
  await phone.getByLabel("Fever, cold or flu today", { exact: true }).check();
  await next(phone);
  await stepHeading(phone, "Allergies and skin");
  await page.goto("/dashboard");
  await expect(appointmentRow(page, "Nadia Okafor")).toContainText("In progress");

  // The same link on a computer continues where the phone stopped.
  const computer = await clientPage(browser);
  await computer.goto(link);
  await stepHeading(computer, "Allergies and skin");
  await computer.getByRole("group", { name: "Do you have any allergies?" }).getByLabel("No", { exact: true }).check();
  await computer.getByRole("group", { name: "How sensitive is your skin?" }).getByLabel("Not sensitive", { exact: true }).check();
  await next(computer);
  await stepHeading(computer, "Your preferences");
  await computer.getByRole("group", { name: "Pressure preference" }).getByLabel("Light", { exact: true }).check();
  await next(computer);
  await stepHeading(computer, "Consent and signature");
  for (const box of await computer.getByRole("checkbox").all()) await box.check();
  await computer.getByLabel("Signature (type your full name)", { exact: true }).fill("Nadia Okafor");
  await next(computer);
  await stepHeading(computer, "Check your answers");
  await expect(computer.getByText("Ada Okafor")).toBeVisible();
  await computer.getByRole("button", { name: "Submit intake" }).click();
  await expect(computer).toHaveURL(/\/intake\/thank-you\?ref=/);
  const reference = (await computer.locator(".code").textContent()) ?? "";

  // Stored against the appointment, the draft gone; the link now only names the reference.
  const [intake] = await query<{ appointmentId: string | null; clientId: string | null }>(
    `SELECT "appointmentId", "clientId" FROM "Intake" WHERE "reference" = ?`,
    reference,
  );
  expect(intake!.appointmentId).not.toBeNull();
  expect(intake!.clientId).not.toBeNull();
  expect(await query(`SELECT "appointmentId" FROM "IntakeDraft" WHERE "appointmentId" = ?`, intake!.appointmentId)).toEqual([]);
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1, name: "This form has already been sent" })).toBeVisible();
  await expect(phone.getByText(reference)).toBeVisible();
  await expect(phone.getByText("Ada Okafor")).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(appointmentRow(page, "Nadia Okafor")).toContainText("Submitted");

  // A second appointment for the same client, found by search.
  const secondDate = clinicDay(5);
  const secondLink = await createAppointment(page, { search: "okaf", pick: /Choose Nadia Okafor/ }, secondDate, "14:00");
  await mail.waitFor(2);
  expect(mail.received[1]!.text).toContain(secondLink);

  // The date of birth comes first: a wrong one is refused (and audited), the right one opens the form.
  const returning = await clientPage(browser);
  await returning.goto(secondLink);
  await expect(returning.getByText("Ada Okafor")).toHaveCount(0);
  await returning.getByLabel("Date of birth", { exact: true }).fill("1951-02-06");
  await returning.getByRole("button", { name: "Continue" }).click();
  await expect(returning.getByText("This date of birth does not match")).toBeVisible();
  const failures = await query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "action" = 'link_dob_failed'`);
  expect(failures[0]!.n).toBe(1);
  await returning.getByLabel("Date of birth", { exact: true }).fill("1951-06-02");
  await returning.getByRole("button", { name: "Continue" }).click();

  // Every answer from last time but today's, this visit's date, consent and signature.
  await expect(returning.getByLabel("Full name", { exact: true })).toHaveValue("Nadia Okafor");
  await expect(returning.getByLabel("Emergency contact name", { exact: true })).toHaveValue("Ada Okafor");
  await expect(returning.getByLabel("Appointment date", { exact: true })).toHaveValue(secondDate);
  await expect(returning.getByText("These answers come from your last visit")).toBeVisible();
  await next(returning);
  await stepHeading(returning, "Your health");
  await expect(returning.getByText("These answers come from your last visit")).toBeVisible();
  await expect(returning.getByLabel("Diabetes", { exact: true })).toBeChecked();
  await expect(returning.getByLabel("Fever, cold or flu today", { exact: true })).not.toBeChecked();
  await returning.getByLabel("Varicose veins", { exact: true }).check();
  await next(returning);
  await stepHeading(returning, "Allergies and skin");
  await expect(returning.getByRole("group", { name: "How sensitive is your skin?" }).getByLabel("Not sensitive", { exact: true })).toBeChecked();
  await next(returning);
  await stepHeading(returning, "Your preferences");
  await next(returning);
  await stepHeading(returning, "Consent and signature");
  await expect(returning.getByText("These answers come from your last visit")).toHaveCount(0);
  for (const box of await returning.getByRole("checkbox").all()) await expect(box).not.toBeChecked();
  await expect(returning.getByLabel("Signature (type your full name)", { exact: true })).toHaveValue("");
  for (const box of await returning.getByRole("checkbox").all()) await box.check();
  await returning.getByLabel("Signature (type your full name)", { exact: true }).fill("Nadia Okafor");
  await next(returning);
  await returning.getByRole("button", { name: "Submit intake" }).click();
  await expect(returning).toHaveURL(/\/intake\/thank-you\?ref=/);
  const secondReference = (await returning.locator(".code").textContent()) ?? "";

  // The therapist sees what changed, and the matching precaution.
  const [second] = await query<{ id: string }>(`SELECT "id" FROM "Intake" WHERE "reference" = ?`, secondReference);
  await page.goto(`/dashboard/submissions/${second!.id}`);
  const changed = page.getByRole("region", { name: /Changed since the last visit/ });
  await expect(changed).toBeVisible();
  await expect(changed).toContainText("Varicose veins");
  await expect(changed).toContainText("Fever, cold or flu today");
  await expect(page.locator(".instruction", { hasText: "Varicose veins: do not massage over them." })).toBeVisible();
  await expectAccessible(page, "returning client's submission");
});

test("with the mail server down the appointment is kept and its link shown; unknown and expired links say what to do", async ({ browser, page }) => {
  failOnConsoleErrors(page);
  await mail.close();
  await signIn(page);
  const link = await createAppointment(page, { name: "Eli Nomail", email: "eli.nomail@example.com" }, clinicDay(2), "09:15");
  await expect(page.locator(".form-error[role=alert]")).toContainText("The email was not sent");
  await expect(page.locator(".form-error[role=alert]")).toContainText("The appointment is saved");
  expect(link).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  const [appointment] = await query<{ id: string }>(
    `SELECT a."id" FROM "Appointment" a JOIN "Client" c ON c."id" = a."clientId" WHERE c."email" = 'eli.nomail@example.com'`,
  );
  expect(appointment).toBeDefined();

  const client = await clientPage(browser);
  await client.goto(`/i/${"A".repeat(43)}`);
  await expect(client.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
  await expect(client.getByText("contact the clinic")).toBeVisible();
  await client.goto("/i/not-a-token");
  await expect(client.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();

  // The link works until the end of its day; moved into the past, it has expired.
  await client.goto(link);
  await expect(client.getByLabel("Full name", { exact: true })).toHaveValue("Eli Nomail");
  await execute(`UPDATE "Appointment" SET "linkExpiresAt" = "createdAt" WHERE "id" = ?`, appointment!.id);
  await client.goto(link);
  await expect(client.getByRole("heading", { level: 1, name: "This link has expired" })).toBeVisible();
  await expect(client.getByText("contact the clinic")).toBeVisible();
  await expect(client.getByLabel("Full name", { exact: true })).toHaveCount(0);
  await expectAccessible(client, "expired link");
});
