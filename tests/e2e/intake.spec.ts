import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors } from "./a11y";
import { daysFromToday, query } from "./helpers";
import { chooseRadio, pressButton, tabTo, tick, typeDate, typeInto } from "./keyboard";

/** Nothing sticks out sideways on a 360 px wide phone. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectStep(page: Page, heading: string, count: string) {
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeFocused();
  await expect(page.getByText(count, { exact: true })).toBeVisible();
  await expectAccessible(page, heading);
  await expectNoSidewaysScroll(page);
}

test.beforeEach(({ page }) => failOnConsoleErrors(page));

test("a new client fills in every step with the keyboard alone and submits", async ({ page }) => {
  const appointment = daysFromToday(10);
  await page.goto("/");
  await expect(page).toHaveURL(/\/intake$/);
  await expect(page.getByText("Step 1 of 6", { exact: true })).toBeVisible();
  await expectAccessible(page, "About you");

  // Step 1: a slip first, to see the errors as a keyboard user meets them.
  await pressButton(page, "Next");
  await expect(page.getByLabel("Full name", { exact: true })).toBeFocused();
  await expect(page.getByRole("alert").filter({ hasText: "need your attention" })).toBeVisible();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveAccessibleDescription(/Enter your full name/);
  await expectAccessible(page, "About you, with errors");

  await typeInto(page, page.getByLabel("Full name", { exact: true }), "Maria Jensen");
  await typeInto(page, page.getByLabel("Email", { exact: true }), "maria.jensen@example.com");
  await typeInto(page, page.getByLabel("Phone", { exact: true }), "+1 555 010 2030");
  await typeDate(page, page.getByLabel("Date of birth", { exact: true }), "1958-04-12");
  await typeDate(page, page.getByLabel("Appointment date", { exact: true }), appointment);
  await typeInto(page, page.getByLabel("Emergency contact name", { exact: true }), "Tom Jensen");
  await typeInto(page, page.getByLabel("Emergency contact phone", { exact: true }), "555 010 9999");
  await pressButton(page, "Next");

  // Step 2: health. Ticking neuropathy adds a step.
  await expectStep(page, "Your health", "Step 2 of 6");
  await tick(page, page.getByLabel("Peripheral neuropathy", { exact: true }));
  await tick(page, page.getByLabel("Diabetes", { exact: true }));
  await expect(page.getByText("Step 2 of 7", { exact: true })).toBeVisible();
  await typeInto(page, page.getByLabel("Medications", { exact: true }), "Metformin");
  await tick(page, page.getByLabel("I have talked to my doctor about massage", { exact: true }));
  await pressButton(page, "Next");

  // Step 3: neuropathy.
  await expectStep(page, "Your feet and legs", "Step 3 of 7");
  await tick(page, page.getByRole("group", { name: "What caused your neuropathy?" }).getByLabel("Diabetes", { exact: true }));
  await tick(page, page.getByLabel("Numbness", { exact: true }));
  await tick(page, page.getByLabel("Tingling", { exact: true }));
  await tabTo(page, page.getByLabel("How strong are your symptoms today?", { exact: true }));
  await page.keyboard.type("4");
  await expect(page.getByLabel("How strong are your symptoms today?", { exact: true })).toHaveValue("4");
  const reduced = page.getByRole("group", { name: "Where is feeling reduced (numb)?" });
  await tick(page, reduced.getByLabel("Left sole", { exact: true }));
  await tick(page, reduced.getByLabel("Right sole", { exact: true }));
  await tick(page, page.getByRole("group", { name: "Where are there wounds, blisters or ulcers?" }).getByLabel("Left heel", { exact: true }));
  await pressButton(page, "Next");

  // Step 4: allergies and skin.
  await expectStep(page, "Allergies and skin", "Step 4 of 7");
  await chooseRadio(page, page.getByRole("group", { name: "Do you have any allergies?" }), "Yes");
  await tick(page, page.getByLabel("Nut oils", { exact: true }));
  await chooseRadio(page, page.getByRole("group", { name: "How sensitive is your skin?" }), "Mildly sensitive");
  await pressButton(page, "Next");

  // Step 5: preferences.
  await expectStep(page, "Your preferences", "Step 5 of 7");
  await chooseRadio(page, page.getByRole("group", { name: "Pressure preference" }), "Light");
  await typeInto(page, page.getByLabel("Areas to avoid", { exact: true }), "Left heel");
  await pressButton(page, "Next");

  // Step 6: consent.
  await expectStep(page, "Consent and signature", "Step 6 of 7");
  for (const box of await page.getByRole("checkbox").all()) await tick(page, box);
  await typeInto(page, page.getByLabel("Signature (type your full name)", { exact: true }), "maria jensen");
  await pressButton(page, "Next");

  // Review, then submit.
  await expectStep(page, "Check your answers", "Step 7 of 7");
  await expect(page.getByText("Left sole, Right sole")).toBeVisible();
  await expect(page.getByText("4 out of 10")).toBeVisible();
  await pressButton(page, "Submit intake");

  await expect(page).toHaveURL(/\/intake\/thank-you\?ref=/);
  await expect(page.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  const reference = (await page.locator(".code").textContent()) ?? "";
  expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  // After a client-side navigation the title follows the page by a moment: axe must not race it.
  await expect(page).toHaveTitle("Thank you · Massage intake");
  await expectAccessible(page, "Thank you");

  // The row is in the database, with what was typed.
  {
    const [row] = await query<{ fullName: string; appointmentDate: string; status: string; answers: unknown }>(
      `SELECT "fullName", "appointmentDate", "status", "answers" FROM "Intake" WHERE "reference" = ?`,
      reference,
    );
    expect(row).toMatchObject({ fullName: "Maria Jensen", appointmentDate: appointment, status: "new" });
    // JSON text on SQLite, parsed already on PostgreSQL (jsonb).
    const answers = typeof row!.answers === "string" ? JSON.parse(row!.answers) : row!.answers;
    expect(answers).toMatchObject({
      conditions: ["neuropathy", "diabetes"],
      neuropathyCauses: ["diabetes"],
      symptomStrength: 4,
      reducedFeeling: ["leftSole", "rightSole"],
      woundsOrBlisters: ["leftHeel"],
      allergies: ["nutOils"],
      skinSensitivity: "mild",
      pressure: "light",
    });
  }

  // The draft is gone: a new intake starts empty.
  await page.goto("/intake");
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("");
});

test("answers survive a reload of the page", async ({ page }) => {
  await page.goto("/intake");
  await page.getByLabel("Full name", { exact: true }).fill("Ann Lee");
  await page.getByLabel("Email", { exact: true }).fill("ann@example.com");
  await page.reload();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Ann Lee");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("ann@example.com");
});
