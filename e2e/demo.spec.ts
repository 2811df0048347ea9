import { expect, test } from "@playwright/test";

// The README's first command promises a demo workspace with something in every section. The test
// server starts on a fresh database, so the demo account exists, and its prototype's first run
// trains on its own shortly after start-up.
test("the demo account shows a trained prototype and an idea report that joins profile, opportunity and prototype", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("demo@venturelens.local");
  await page.getByLabel("Password").fill("venturelens-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/w\/[^/]+/);
  const slug = page.url().match(/\/w\/([^/?#]+)/)![1]!;

  // The home page says where each section stands, already in the server's HTML (no "…" placeholders first).
  const html = await (await page.request.get(`/w/${slug}`)).text();
  expect(html).toContain('data-testid="home-dimensions"');
  await expect(page.getByTestId("home-dimensions")).toContainText("Technical vision");
  await expect(page.getByTestId("home-opportunities")).toContainText("2 opportunities on the shortlist");
  await expect(page.getByTestId("home-ideas")).toContainText("Defect spotting");
  await expect(page.getByTestId("home-prototypes")).toContainText("Latest run: Surface defect check (generated images) v1");

  await page.goto(`/w/${slug}/prototypes`);
  await expect(page.getByTestId("prototype-latest-run")).toContainText("Latest run v1");
  await page
    .getByRole("link", { name: /Surface defect check/ })
    .first()
    .click();
  await expect(page.getByTestId("class-list")).toContainText("scratched");
  await page.getByRole("link", { name: "Train" }).click();
  await expect(page.getByTestId("latest-run")).toContainText("Succeeded", { timeout: 180_000 });

  await page.goto(`/w/${slug}`);
  await expect(page.getByTestId("home-prototypes")).toContainText("Succeeded");
  await page.goto(`/w/${slug}/ideas`);
  await page
    .getByRole("link", { name: /Defect spotting/ })
    .first()
    .click();
  await expect(page.getByTestId("verdict")).toContainText(/Go|Validate further|Park/);
  await expect(page.getByTestId("pillar-team")).toContainText(/fit \d+\/100/);
  await expect(page.getByTestId("pillar-opportunity")).toContainText("AI visual quality inspection");
  await expect(page.getByTestId("pillar-proof")).toContainText(/Surface defect check \(generated images\)” v1/);
});
