import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Moves focus with the Tab key alone until `target` has it: proves the control is reachable by
 * keyboard in a sensible order (it fails if it takes more than `maxPresses`).
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Could not reach ${target} with ${maxPresses} presses of Tab`);
}

export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Ticks a checkbox with the space bar. */
export async function tick(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Space");
  await expect(target).toBeChecked();
}

/**
 * Chooses a radio button the keyboard way: Tab enters the group on its first button, the arrow
 * keys move the choice, Space picks the first.
 */
export async function chooseRadio(page: Page, group: Locator, label: string): Promise<void> {
  const radios = group.getByRole("radio");
  await tabTo(page, radios.first());
  const target = group.getByLabel(label, { exact: true });
  if (await radios.first().evaluate((el, t) => el === t, await target.elementHandle())) {
    await page.keyboard.press("Space");
  } else {
    for (let i = 0; i < 10 && !(await target.isChecked()); i++) await page.keyboard.press("ArrowDown");
  }
  await expect(target).toBeChecked();
}

/** Types a date into a native date field, in the en-US order the tests' browser uses. */
export async function typeDate(page: Page, target: Locator, isoDate: string): Promise<void> {
  const [y, m, d] = isoDate.split("-");
  await tabTo(page, target);
  await page.keyboard.type(`${m}${d}${y}`);
  await expect(target).toHaveValue(isoDate);
}

export async function pressButton(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole("button", { name, exact: true }));
  await page.keyboard.press("Enter");
}
