import { expect, test, type Page } from "@playwright/test";
import { demoWithTrainedRun, signedInFounder } from "./fixtures";

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
  // Polled: the ring can arrive a frame after focus (seen flaky when read at once).
  await expect.poll(() => item.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe("none");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toBeHidden();
  await expect(page.getByTestId("workspace-switcher")).toBeFocused();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
});

/**
 * What keyboard users see after a key press: null when focus sits on an element that shows it
 * (an outline or ring on the element, or on the label wrapping a visually hidden input), else why not.
 */
function focusProblem(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return "focus lost (on <body>)";
    for (const e of [el, el.closest("label")]) {
      if (!e) continue;
      const s = getComputedStyle(e);
      if ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none") return null;
    }
    const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 50);
    return `focus not shown on <${el.tagName.toLowerCase()}> "${name}"`;
  });
}

/** Presses a key and checks that focus is still somewhere visible. */
async function press(page: Page, key: string) {
  await page.keyboard.press(key);
  expect(await focusProblem(page), `after ${key}`).toBeNull();
}

/** Tabs forward until `done` holds for the focused element (bounded, so a focus trap fails the test). */
async function tabUntil(page: Page, done: () => Promise<boolean>, max = 80) {
  for (let i = 0; i < max; i++) {
    await press(page, "Tab");
    if (await done()) return;
  }
  throw new Error(`not reached in ${max} Tab presses`);
}

test.describe("keyboard only", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("a founder answers the whole questionnaire with the keyboard, focus always visible", async ({ page }) => {
    test.setTimeout(180_000);
    const { slug } = await signedInFounder(page, { name: "Kai Keys" });
    await page.goto(`/w/${slug}/assessment/take`);
    await expect(page.getByRole("heading", { name: "Page 1 of 3: Technical vision" })).toBeVisible();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (el?.type === "radio") return { kind: "radio", checked: !!document.querySelector(`input[name="${el.name}"]:checked`) };
        return { kind: el?.textContent?.trim() ?? "" };
      });
    let submitted = false;
    for (let i = 0; i < 600 && !submitted; i++) {
      await press(page, "Tab");
      const f = await focused();
      if (f.kind === "radio" && !f.checked) {
        // Arrow keys move the choice within a question: the third option.
        await press(page, "ArrowRight");
        await press(page, "ArrowRight");
      } else if (f.kind === "Next page") {
        await press(page, "Enter");
        await expect(page.getByRole("heading", { name: /^Page \d of 3/ })).toBeFocused();
      } else if (f.kind === "Submit and see my results") {
        await page.keyboard.press("Enter");
        submitted = true;
      }
    }
    await expect(page).toHaveURL(/\/assessment\/results\//, { timeout: 30_000 });
    await expect(page.getByTestId("facet-radar")).toBeVisible();
  });

  test("the workspace switcher and its create dialog give focus back where it was", async ({ page }) => {
    const { slug } = await signedInFounder(page, { name: "Sam Switch" });
    await page.goto(`/w/${slug}`);
    const switcher = page.getByTestId("workspace-switcher");
    await tabUntil(page, () => switcher.evaluate((el) => el === document.activeElement));
    await press(page, "Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await press(page, "End"); // the last item: "Create workspace"
    await expect(page.getByRole("menuitem", { name: /Create workspace/ })).toBeFocused();
    await press(page, "Enter");
    const dialog = page.getByRole("dialog", { name: "Create a workspace" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await press(page, "Escape");
    await expect(dialog).toBeHidden();
    await expect(switcher).toBeFocused();

    // Open it again and create one: the new workspace opens, named in the switcher, focus on it.
    // Each key waits for what the previous one opened, as a person would: keys pressed before the
    // menu or dialog has rendered are lost (seen once in CI).
    await press(page, "Enter");
    await expect(page.getByRole("menu")).toBeVisible();
    await press(page, "End");
    await expect(page.getByRole("menuitem", { name: /Create workspace/ })).toBeFocused();
    await press(page, "Enter");
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("Keyboard Labs");
    await page.keyboard.press("Enter");
    await expect(switcher).toContainText("Keyboard Labs");
    await expect(switcher).toBeFocused();
  });

  test("a confusion-matrix cell opens with the keyboard, and its images step through a lightbox", async ({ page }) => {
    test.setTimeout(300_000);
    const demo = await demoWithTrainedRun(page);
    await page.goto(`/w/${demo.slug}/prototypes/${demo.prototypeId}/runs/${demo.runId}`);
    await expect(page.getByRole("table", { name: /Confusion matrix/ })).toBeVisible();
    const cell = page.locator('[data-testid^="confusion-cell-"]:not([disabled])').first();
    await tabUntil(page, () => cell.evaluate((el) => el === document.activeElement), 120);
    await press(page, "Enter");
    const images = page.getByTestId("confusion-cell-images");
    const first = images.getByRole("button").first();
    await expect(first).toBeVisible();
    await tabUntil(page, () => first.evaluate((el) => el === document.activeElement));
    await press(page, "Enter");

    const lightbox = page.getByTestId("lightbox");
    await expect(lightbox).toBeVisible();
    const count = await images.getByRole("button").count();
    await expect(lightbox).toContainText(`1 of ${count}`);
    if (count > 1) {
      await press(page, "ArrowRight");
      await expect(lightbox).toContainText(`2 of ${count}`);
      await press(page, "ArrowLeft");
    }
    await expect(lightbox).toContainText(`1 of ${count}`);
    // Focus stays inside while it is open.
    for (let i = 0; i < 6; i++) {
      await press(page, "Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("[data-testid=lightbox]"))).toBe(true);
    }
    await press(page, "Escape");
    await expect(lightbox).toBeHidden();
    await expect(first).toBeFocused();
  });
});
