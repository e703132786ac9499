import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors } from "./a11y";
import { PRECAUTION_RULES_VERSION } from "@/lib/intake/precautions";
import { openFormAt, validIntake, query, signIn } from "./helpers";

test.beforeEach(({ page }) => failOnConsoleErrors(page));

test("the precaution card: what the therapist must do, acknowledged before review", async ({ page, browser }) => {
  // The client: neuropathy from diabetes, numb soles and a blister on the left heel marked on the
  // drawing, and a nut oil allergy. The other answers are already in the tab's draft.
  const client = await openFormAt(browser, "neuropathy", validIntake({
    fullName: "Nadia Whitfield",
    signature: "Nadia Whitfield",
    conditions: ["neuropathy", "diabetes"],
    neuropathyCauses: ["diabetes"],
    symptoms: ["numbness"],
    symptomStrength: 6,
    hasAllergies: "yes",
    allergies: ["nutOils"],
  }));
  await expect(client.getByRole("heading", { name: "Your feet and legs" })).toBeVisible();
  const map = client.getByRole("group", { name: /Feet and lower legs/ });
  await client.getByLabel("Reduced feeling", { exact: true }).check();
  await map.getByRole("checkbox", { name: "Left sole" }).click();
  await map.getByRole("checkbox", { name: "Right sole" }).click();
  await client.getByLabel("Wound or blister", { exact: true }).check();
  await map.getByRole("checkbox", { name: "Left heel" }).click();
  await expect(
    client.getByRole("group", { name: "Where are there wounds, blisters or ulcers?" }).getByLabel("Left heel"),
  ).toBeChecked();
  await expectAccessible(client, "Neuropathy step with the body map");
  for (let step = 0; step < 4; step++) await client.getByRole("button", { name: "Next" }).click();
  await expect(client.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await client.getByRole("button", { name: "Submit intake" }).click();
  await expect(client).toHaveURL(/thank-you/);

  // The therapist.
  await signIn(page);
  await page.getByLabel("Only intakes with a stop, refer or avoid precaution").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  const row = page.getByRole("row", { name: /Nadia Whitfield/ });
  await expect(row).toContainText("1 refer");
  await expect(row).toContainText("1 avoid");
  await row.getByRole("link", { name: "Nadia Whitfield" }).click();

  const card = page.getByRole("region", { name: "Precautions" });
  await expect(card).toBeVisible();
  const avoid = card.locator(".level-avoid");
  await expect(avoid.getByRole("heading")).toContainText("Avoid these areas");
  await expect(avoid).toContainText("Wounds or blisters: Left heel");
  await expect(card.locator(".level-modify")).toContainText("Light pressure only.");
  await expect(card.locator(".level-modify")).toContainText("No heat");
  await expect(card.locator(".level-modify")).toContainText("sugary drink");
  await expect(card.locator(".level-products")).toContainText("nut-free");
  // Most serious first: refer, then avoid, then modify, then products.
  const levels = await card.locator(".level").evaluateAll((els) => els.map((e) => e.className.replace("level level-", "")));
  expect(levels).toEqual(["refer", "avoid", "modify", "products", "always"]);
  // The map marks the heel to avoid.
  const mapRegion = page.getByRole("region", { name: "Feet and lower legs" });
  await expect(mapRegion.locator('[data-region="leftHeel"][data-avoid]')).toHaveCount(1);
  await expect(mapRegion.getByRole("img")).toHaveAccessibleName(/Reduced feeling\s*Left sole, Right sole/);
  await expectAccessible(page, "Submission with precautions");

  // Not before each stop/refer/avoid item is acknowledged.
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.locator(".review-form [role=alert]")).toContainText("2 of 2 still to tick");
  expect(await query(`SELECT "status" FROM "Intake" WHERE "fullName" = 'Nadia Whitfield'`)).toEqual([{ status: "new" }]);

  const boxes = card.getByRole("checkbox", { name: /Read and understood/ });
  await expect(boxes).toHaveCount(2);
  await boxes.first().check();
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.locator(".review-form [role=alert]")).toContainText("1 of 2 still to tick");
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByText(/^Reviewed by/)).toBeVisible();
  await expect(card.getByText("✓ Acknowledged at review")).toHaveCount(2);

  const [review] = await query<{ acknowledged: unknown; precautionsVersion: number }>(
    `SELECT r."acknowledged", r."precautionsVersion" FROM "Review" r JOIN "Intake" i ON i."id" = r."intakeId" WHERE i."fullName" = 'Nadia Whitfield'`,
  );
  // JSON text on SQLite, parsed already on PostgreSQL (jsonb).
  const acknowledged = typeof review!.acknowledged === "string" ? JSON.parse(review!.acknowledged) : review!.acknowledged;
  expect(acknowledged).toEqual(["refer.neuropathy-cause", "avoid.wounds"]);
  expect(review!.precautionsVersion).toBe(PRECAUTION_RULES_VERSION);
});

test("a red, hot or swollen foot: the client is told to see a doctor today, the therapist not to massage", async ({ page, browser }) => {
  // The client: diabetic neuropathy; the rest of the answers are in the tab's draft, and the
  // health step is answered on the page.
  const client = await openFormAt(browser, "health", validIntake({
    fullName: "Rowan Pierce",
    signature: "Rowan Pierce",
    conditions: ["neuropathy", "diabetes"],
    neuropathyCauses: ["diabetes"],
    symptoms: ["numbness"],
    symptomStrength: 3,
    doctorConsulted: true,
  }));
  await expect(client.getByRole("heading", { name: "Your health" })).toBeVisible();
  await client.getByLabel("A foot or leg that is red, hot or swollen today").check();
  const advice = client.getByRole("region", { name: "Please contact your doctor or foot clinic today" });
  // Not yet: the advice comes on the last steps, with the answers complete.
  await expect(advice).toHaveCount(0);
  for (let step = 0; step < 4; step++) await client.getByRole("button", { name: "Next" }).click();
  await expect(client.getByRole("heading", { name: "Consent and signature" })).toBeVisible();
  await expect(advice).toContainText("You told us about a foot or leg that is red, hot or swollen today.");
  await expect(advice).toContainText("Your therapist will be in touch with you about your appointment.");
  await expectAccessible(client, "Consent step with the advice to see a doctor today");
  await client.getByRole("button", { name: "Next" }).click();
  await expect(client.getByRole("heading", { name: "Check your answers" })).toBeVisible();
  await expect(advice).toBeVisible();
  await client.getByRole("button", { name: "Submit intake" }).click();
  await expect(client).toHaveURL(/thank-you/);
  await expect(client.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(advice).toContainText("please do not wait for your massage appointment");
  await expectAccessible(client, "Confirmation with the advice to see a doctor today");

  // The therapist: the dashboard flags it, and the card says it first, with its source.
  await signIn(page);
  const row = page.getByRole("row", { name: /Rowan Pierce/ });
  await expect(row).toContainText("1 do not massage");
  await row.getByRole("link", { name: "Rowan Pierce" }).click();
  const card = page.getByRole("region", { name: "Precautions" });
  const first = card.locator(".level").first();
  await expect(first.getByRole("heading")).toContainText("Do not massage today");
  const item = first.locator('[data-precaution="stop.foot-attack"]');
  await expect(item).toContainText("foot attack, an emergency");
  await expect(item).toContainText('Because: Ticked "A foot or leg that is red, hot or swollen today"');
  await expect(item.locator(".source")).toContainText('Source: Diabetes UK, "Foot attack"');
  await expect(item.getByRole("link", { name: 'Diabetes UK, "Foot attack"' })).toHaveAttribute("href", /^https:\/\/www\.diabetes\.org\.uk\//);
  await expect(item.getByRole("checkbox", { name: /Read and understood/ })).toBeVisible();
  await expectAccessible(page, "Submission with a stop item");

  // The rules, and where they come from, for any therapist who wants to know why.
  await page.getByRole("link", { name: "How the card decides, and its sources" }).click();
  await expect(page.getByRole("heading", { name: "How the precaution card decides" })).toBeVisible();
  await expect(page.locator("#clinic-guidance")).toContainText("The clinic's own guidance");
});
