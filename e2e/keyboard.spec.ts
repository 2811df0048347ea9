import { expect, test, type Page } from "@playwright/test";
import { signedInFounder } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const focusedInsideDrawer = (page: Page) => page.evaluate(() => !!document.activeElement?.closest("#workspace-drawer"));

test("the mobile menu works with the keyboard alone: closed it is out of the way, open it holds focus, Escape gives it back", async ({
  page,
}) => {
  const { slug } = await signedInFounder(page, { name: "Kira Keyboard" });
  await page.goto(`/w/${slug}`);
  const toggle = page.getByRole("button", { name: "Open menu" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveAttribute("aria-controls", "workspace-drawer");

  // Skip link, then the toggle: none of the closed drawer's controls sit in between.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(toggle).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer).toBeVisible();
  await expect(page.getByRole("button", { name: "Close menu" })).toBeFocused();

  // More presses than the drawer has controls, both ways: focus wraps and never leaves it.
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press("Tab");
    expect(await focusedInsideDrawer(page), `Tab #${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusedInsideDrawer(page), `Shift+Tab #${i + 1}`).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toBeFocused();
  await expect(page.locator("#workspace-drawer")).toBeHidden();

  // Reopened, Escape inside the workspace switcher closes only the switcher.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Close menu" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("workspace-switcher")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  // The item under the keyboard shows a ring, not only a faint background.
  const item = page.locator('[role="menuitem"]:focus');
  await expect(item).toHaveCount(1);
  expect(await item.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe("none");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(page.getByTestId("workspace-switcher")).toBeFocused();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
});
