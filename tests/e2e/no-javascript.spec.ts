import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { clinicDay, createAppointment, daysFromToday, query, signIn } from "./helpers";

/**
 * The questionnaire as a browser without JavaScript uses it (an old phone that has not loaded the
 * page's scripts yet, or one that has them turned off): every step is a plain HTML form posted to
 * the server, which answers with the next step, or with this step and its errors. And the same
 * form once the JavaScript arrives: nothing typed before it is lost. (axe needs a script in the
 * page, so accessibility is checked on the same HTML by the tests with JavaScript.)
 */

const stepHeading = (page: Page, name: string) => page.getByRole("heading", { level: 2, name });
const press = (page: Page, name: string) => page.getByRole("button", { name, exact: true }).click();

async function expectStep(page: Page, heading: string, count: string) {
  await expect(stepHeading(page, heading)).toBeVisible();
  await expect(page.getByText(count, { exact: true })).toBeVisible();
}

async function fillAboutYou(page: Page, name: string, appointment: string) {
  await page.getByLabel("Full name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill("olga.berg@example.com");
  await page.getByLabel("Phone", { exact: true }).fill("+1 555 010 2040");
  await page.getByLabel("Date of birth", { exact: true }).fill("1949-02-03");
  await page.getByLabel("Appointment date", { exact: true }).fill(appointment);
  await page.getByLabel("Emergency contact name", { exact: true }).fill("Per Berg");
  await page.getByLabel("Emergency contact phone", { exact: true }).fill("555 010 7777");
}

test.describe("with JavaScript turned off", () => {
  test.use({ javaScriptEnabled: false });

  test("a client fills in every step, with an error, a question an answer adds, Back and Change, and submits", async ({ page }) => {
    const appointment = daysFromToday(9);
    await page.goto("/intake");
    await expectStep(page, "About you", "Step 1 of 6");

    // A step with errors comes back with each error beside its field, and what was typed kept.
    await page.getByLabel("Full name", { exact: true }).fill("Olga Berg");
    await page.getByLabel("Email", { exact: true }).fill("olga@");
    await press(page, "Next");
    await expectStep(page, "About you", "Step 1 of 6");
    await expect(page.getByRole("alert").filter({ hasText: "need your attention" })).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(/Enter an email address like name@example.com/);
    await expect(page.getByLabel("Phone", { exact: true })).toHaveAccessibleDescription(/Enter your phone number/);
    await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Olga Berg");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("olga@");

    await fillAboutYou(page, "Olga Berg", appointment);
    await press(page, "Next");

    // Health: neuropathy adds a step.
    await expectStep(page, "Your health", "Step 2 of 6");
    await page.getByLabel("Peripheral neuropathy", { exact: true }).check();
    await page.getByLabel("Medications", { exact: true }).fill("Gabapentin");
    await press(page, "Next");
    await expectStep(page, "Your feet and legs", "Step 3 of 7");

    // Back keeps what was typed on the way.
    await press(page, "Back");
    await expectStep(page, "Your health", "Step 2 of 7");
    await expect(page.getByLabel("Peripheral neuropathy", { exact: true })).toBeChecked();
    await expect(page.getByLabel("Medications", { exact: true })).toHaveValue("Gabapentin");
    await press(page, "Next");

    await expectStep(page, "Your feet and legs", "Step 3 of 7");
    await page.getByRole("group", { name: "What caused your neuropathy?" }).getByLabel("Chemotherapy", { exact: true }).check();
    await page.getByLabel("Numbness", { exact: true }).check();
    await page.getByLabel("How strong are your symptoms today?", { exact: true }).selectOption("6");
    // The drawing needs JavaScript; its labelled checkboxes are the way without it.
    const reduced = page.getByRole("group", { name: "Where is feeling reduced (numb)?" });
    await reduced.getByLabel("Left sole", { exact: true }).check();
    await reduced.getByLabel("Right toes", { exact: true }).check();
    await press(page, "Next");

    // A conditional question: "Yes" adds "What are you allergic to?" to the same step.
    await expectStep(page, "Allergies and skin", "Step 4 of 7");
    await expect(page.getByRole("group", { name: "What are you allergic to?" })).toHaveCount(0);
    await page.getByRole("group", { name: "Do you have any allergies?" }).getByLabel("Yes", { exact: true }).check();
    await page.getByRole("group", { name: "How sensitive is your skin?" }).getByLabel("Not sensitive", { exact: true }).check();
    await press(page, "Next");
    await expectStep(page, "Allergies and skin", "Step 4 of 7");
    await expect(page.getByRole("status")).toContainText("Your answer added a question to this page");
    const allergies = page.getByRole("group", { name: "What are you allergic to?" });
    await expect(allergies).toBeVisible();
    // Not answered: now it is an error, beside the question.
    await press(page, "Next");
    await expect(allergies).toContainText("Choose at least one allergy, or answer No above");
    await allergies.getByLabel("Latex", { exact: true }).check();
    await press(page, "Next");

    await expectStep(page, "Your preferences", "Step 5 of 7");
    await page.getByRole("group", { name: "Pressure preference" }).getByLabel("Light", { exact: true }).check();
    await press(page, "Next");

    await expectStep(page, "Consent and signature", "Step 6 of 7");
    for (const box of await page.getByRole("checkbox").all()) await box.check();
    await page.getByLabel("Signature (type your full name)", { exact: true }).fill("Olga Berg");
    await press(page, "Next");

    // The review, and Change back to a step.
    await expectStep(page, "Check your answers", "Step 7 of 7");
    await expect(page.getByText("Left sole, Right toes")).toBeVisible();
    await expect(page.getByText("6 out of 10")).toBeVisible();
    await page.getByRole("button", { name: "Change your preferences" }).click();
    await expectStep(page, "Your preferences", "Step 5 of 7");
    await page.getByLabel("Areas to avoid", { exact: true }).fill("Right toes");
    await press(page, "Next");
    await press(page, "Next");
    await expectStep(page, "Check your answers", "Step 7 of 7");
    await press(page, "Submit intake");

    await expect(page).toHaveURL(/\/intake\/thank-you\?ref=/);
    const reference = (await page.locator(".code").textContent()) ?? "";
    expect(reference).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const [row] = await query<{ fullName: string; appointmentDate: string; answers: unknown }>(
      `SELECT "fullName", "appointmentDate", "answers" FROM "Intake" WHERE "reference" = ?`,
      reference,
    );
    expect(row).toMatchObject({ fullName: "Olga Berg", appointmentDate: appointment });
    const answers = typeof row!.answers === "string" ? JSON.parse(row!.answers) : row!.answers;
    expect(answers).toMatchObject({
      conditions: ["neuropathy"],
      medications: "Gabapentin",
      neuropathyCauses: ["chemotherapy"],
      symptomStrength: 6,
      reducedFeeling: ["leftSole", "rightToes"],
      hasAllergies: "yes",
      allergies: ["latex"],
      pressure: "light",
      areasToAvoid: "Right toes",
    });

    // The draft on the server went with the submit: the form starts empty again.
    await page.goto("/intake");
    await expectStep(page, "About you", "Step 1 of 6");
    await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("");
    expect(await query(`SELECT "id" FROM "FormDraft" WHERE CAST("answers" AS TEXT) LIKE ?`, "%Olga Berg%")).toHaveLength(0);
  });
});

test("a browser that keeps no cookies is told why the form started again", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Every answer reaches the page without the cookies it sets, as in a browser set to refuse them.
  await page.route("**/intake**", async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name.toLowerCase() !== "set-cookie"));
    // The fetch itself keeps them in the context's jar: empty it before the browser goes on.
    await context.clearCookies();
    await route.fulfill({ response, headers });
  });
  await page.goto("/intake");
  await expect(page.getByText("Your browser did not keep this form")).toHaveCount(0);
  await fillAboutYou(page, "Cora Kuki", daysFromToday(5));
  await press(page, "Next");
  await expect(page.getByRole("alert").filter({ hasText: "Your browser did not keep this form between pages" })).toBeVisible();
  await expectStep(page, "About you", "Step 1 of 6");
  await context.close();
});

test("a personal link works without JavaScript too: its draft, the submit, and a returning client's date of birth", async ({ browser, page }) => {
  await signIn(page);
  const link = await createAppointment(page, { name: "Lars Nyberg", email: "lars.nyberg@example.com" }, clinicDay(4), "11:00");
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await plain.goto(link);
  await expectStep(plain, "About you", "Step 1 of 6");
  await expect(plain.getByLabel("Full name", { exact: true })).toHaveValue("Lars Nyberg");
  await fillAboutYou(plain, "Lars Nyberg", clinicDay(4));
  await press(plain, "Next");
  await expectStep(plain, "Your health", "Step 2 of 6");
  // Kept as the link's draft on the server, as the enhanced form keeps it.
  const [draft] = await query<{ step: string }>(
    `SELECT d."step" FROM "IntakeDraft" d JOIN "Appointment" a ON a."id" = d."appointmentId" JOIN "Client" c ON c."id" = a."clientId" WHERE c."fullName" = ?`,
    "Lars Nyberg",
  );
  expect(draft).toEqual({ step: "health" });
  await plain.getByLabel("Diabetes", { exact: true }).check();
  await press(plain, "Next");
  // Diabetes adds "I inject insulin" to this step: shown, to be answered or left, then Next again.
  await expect(plain.getByLabel("I inject insulin", { exact: true })).toBeVisible();
  await press(plain, "Next");
  await expectStep(plain, "Allergies and skin", "Step 3 of 6");
  await plain.getByRole("group", { name: "Do you have any allergies?" }).getByLabel("No", { exact: true }).check();
  await plain.getByRole("group", { name: "How sensitive is your skin?" }).getByLabel("Not sensitive", { exact: true }).check();
  await press(plain, "Next");
  await expectStep(plain, "Your preferences", "Step 4 of 6");
  await plain.getByRole("group", { name: "Pressure preference" }).getByLabel("Firm", { exact: true }).check();
  await press(plain, "Next");
  await expectStep(plain, "Consent and signature", "Step 5 of 6");
  for (const box of await plain.getByRole("checkbox").all()) await box.check();
  await plain.getByLabel("Signature (type your full name)", { exact: true }).fill("Lars Nyberg");
  await press(plain, "Next");
  await press(plain, "Submit intake");
  await expect(plain).toHaveURL(/\/intake\/thank-you\?ref=/);
  const reference = (await plain.locator(".code").textContent()) ?? "";
  const [intake] = await query<{ appointmentId: string | null }>(`SELECT "appointmentId" FROM "Intake" WHERE "reference" = ?`, reference);
  expect(intake!.appointmentId).not.toBeNull();

  // The next appointment asks the date of birth first; the check posts too.
  const second = await createAppointment(page, { search: "nyberg", pick: /Choose Lars Nyberg/ }, clinicDay(6), "15:00");
  await plain.goto(second);
  await plain.getByLabel("Date of birth", { exact: true }).fill("1950-01-01");
  await press(plain, "Continue");
  await expect(plain.getByText("This date of birth does not match")).toBeVisible();
  await plain.getByLabel("Date of birth", { exact: true }).fill("1949-02-03");
  await press(plain, "Continue");
  await expectStep(plain, "About you", "Step 1 of 6");
  await expect(plain.getByLabel("Emergency contact name", { exact: true })).toHaveValue("Per Berg");
  await expect(plain.getByText("These answers come from your last visit")).toBeVisible();

  // The step posted again, word for word but for one answer, by a browser that never confirmed
  // the date of birth: nothing of it is kept. The same post with the confirmation is, so the
  // post itself is sound.
  const fields = await plain.locator("form.intake-form").locator("input, select, textarea").evaluateAll((elements) =>
    elements.flatMap((e) => {
      const field = e as HTMLInputElement;
      if (!field.name || ((field.type === "checkbox" || field.type === "radio") && !field.checked)) return [];
      return [[field.name, field.value] as [string, string]];
    }),
  );
  const repost = async (request: APIRequestContext) => {
    const data = new FormData();
    for (const [name, value] of fields) data.append(name, name === "emergencyContactName" ? "Mallory Changed" : value);
    data.append("intent", "next");
    const encoded = new Request("http://form.invalid", { method: "POST", body: data });
    await request.post(new URL(second, plain.url()).href, {
      data: Buffer.from(await encoded.arrayBuffer()),
      headers: { "content-type": encoded.headers.get("content-type")!, origin: new URL(plain.url()).origin },
      maxRedirects: 0,
    });
  };
  const changedDrafts = () => query(`SELECT "appointmentId" FROM "IntakeDraft" WHERE CAST("answers" AS TEXT) LIKE ?`, "%Mallory Changed%");
  const stranger = await browser.newContext();
  await repost(stranger.request);
  expect(await changedDrafts()).toHaveLength(0);
  await repost(plain.context().request);
  expect(await changedDrafts()).toHaveLength(1);
  await stranger.close();
});

test("steps posted before the JavaScript arrived are where the enhanced form goes on from", async ({ browser }) => {
  const appointment = daysFromToday(12);
  const before = await browser.newContext({ javaScriptEnabled: false });
  const plain = await before.newPage();
  await plain.goto("/intake");
  await fillAboutYou(plain, "Ines Holm", appointment);
  await press(plain, "Next");
  await expectStep(plain, "Your health", "Step 2 of 6");

  // The same browser, its scripts now running.
  const after = await browser.newContext({ storageState: await before.storageState() });
  const page = await after.newPage();
  await page.goto("/intake");
  await expectStep(page, "Your health", "Step 2 of 6");
  await page.getByLabel("Diabetes", { exact: true }).check();
  // Enhanced: the question diabetes adds appears at once, without a round trip.
  await expect(page.getByLabel("I inject insulin", { exact: true })).toBeVisible();
  await press(page, "Back");
  await expectStep(page, "About you", "Step 1 of 6");
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Ines Holm");
  await expect(page.getByLabel("Appointment date", { exact: true })).toHaveValue(appointment);

  // The enhanced form sends the intake itself; the draft the posted step left on the server goes with it.
  const draftsOfInes = () => query(`SELECT "id" FROM "FormDraft" WHERE CAST("answers" AS TEXT) LIKE ?`, "%Ines Holm%");
  expect(await draftsOfInes()).toHaveLength(1);
  await press(page, "Next");
  await expect(stepHeading(page, "Your health")).toBeVisible();
  await page.getByLabel("Diabetes", { exact: true }).uncheck();
  await press(page, "Next");
  await expect(stepHeading(page, "Allergies and skin")).toBeVisible();
  await page.getByRole("group", { name: "Do you have any allergies?" }).getByLabel("No", { exact: true }).check();
  await page.getByRole("group", { name: "How sensitive is your skin?" }).getByLabel("Not sensitive", { exact: true }).check();
  await press(page, "Next");
  await expect(stepHeading(page, "Your preferences")).toBeVisible();
  await page.getByRole("group", { name: "Pressure preference" }).getByLabel("Light", { exact: true }).check();
  await press(page, "Next");
  await expect(stepHeading(page, "Consent and signature")).toBeVisible();
  for (const box of await page.getByRole("checkbox").all()) await box.check();
  await page.getByLabel("Signature (type your full name)", { exact: true }).fill("Ines Holm");
  await press(page, "Next");
  await expect(stepHeading(page, "Check your answers")).toBeVisible();
  await press(page, "Submit intake");
  await expect(page).toHaveURL(/\/intake\/thank-you\?ref=/);
  const reference = (await page.locator(".code").textContent()) ?? "";
  expect(await query(`SELECT "fullName" FROM "Intake" WHERE "reference" = ?`, reference)).toEqual([{ fullName: "Ines Holm" }]);
  expect(await draftsOfInes()).toHaveLength(0);
  await before.close();
  await after.close();
});

test("what a client types before the JavaScript has loaded is kept when it loads", async ({ page }) => {
  // Hold the page's scripts back until the client has typed.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await released;
    await route.continue();
  });
  // The HTML arrives; the scripts it asks for wait.
  await page.goto("/intake", { waitUntil: "commit" });
  await page.getByLabel("Full name", { exact: true }).fill("Mona Vik");
  await page.getByLabel("Email", { exact: true }).fill("mona.vik@example.com");
  release();
  await page.waitForLoadState("networkidle");
  // Hydrated: Next now checks the step here, without a round trip, and keeps the typing.
  await page.getByLabel("Phone", { exact: true }).focus();
  await press(page, "Next");
  await expect(page.getByLabel("Phone", { exact: true })).toHaveAccessibleDescription(/Enter your phone number/);
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Mona Vik");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("mona.vik@example.com");
  // The tab's draft holds them too, as the enhanced form keeps it.
  const draft = await page.evaluate(() => sessionStorage.getItem("intake-draft-v1"));
  expect(JSON.parse(draft ?? "{}").values).toMatchObject({ fullName: "Mona Vik", email: "mona.vik@example.com" });
});
