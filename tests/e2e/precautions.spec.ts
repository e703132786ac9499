import { expect, test } from "@playwright/test";
import { expectAccessible, failOnConsoleErrors } from "./a11y";
import { DRAFT_KEY } from "@/components/intake/draft";
import { validIntake, query, signIn } from "./helpers";

test.beforeEach(({ page }) => failOnConsoleErrors(page));

test("the precaution card: what the therapist must do, acknowledged before review", async ({ page, browser }) => {
  // The client: neuropathy from diabetes, numb soles and a blister on the left heel marked on the
  // drawing, and a nut oil allergy. The other answers are already in the tab's draft.
  const client = await (await browser.newContext()).newPage();
  failOnConsoleErrors(client);
  await client.goto("/intake");
  await client.evaluate(([key, draft]) => sessionStorage.setItem(key, JSON.stringify(draft)), [DRAFT_KEY, {
    values: validIntake({
      fullName: "Nadia Whitfield",
      signature: "Nadia Whitfield",
      conditions: ["neuropathy", "diabetes"],
      neuropathyCauses: ["diabetes"],
      symptoms: ["numbness"],
      symptomStrength: 6,
      hasAllergies: "yes",
      allergies: ["nutOils"],
    }),
    step: "neuropathy",
    idempotencyKey: crypto.randomUUID(),
  }] as const);
  await client.reload();
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
  expect(query("SELECT status FROM Intake WHERE fullName = 'Nadia Whitfield'")).toEqual([{ status: "new" }]);

  const boxes = card.getByRole("checkbox", { name: /Read and understood/ });
  await expect(boxes).toHaveCount(2);
  await boxes.first().check();
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.locator(".review-form [role=alert]")).toContainText("1 of 2 still to tick");
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByText(/^Reviewed by/)).toBeVisible();
  await expect(card.getByText("✓ Acknowledged at review")).toHaveCount(2);

  const [review] = query<{ acknowledged: string; precautionsVersion: number }>(
    "SELECT r.acknowledged, r.precautionsVersion FROM Review r JOIN Intake i ON i.id = r.intakeId WHERE i.fullName = 'Nadia Whitfield'",
  );
  expect(JSON.parse(review!.acknowledged)).toEqual(["refer.neuropathy-cause", "avoid.wounds"]);
  expect(review!.precautionsVersion).toBe(1);
});
