import { expect, test } from "@playwright/test";
import { signedInFounder } from "./fixtures";

test("each workspace page names itself in the title, in the founder's language", async ({ page }) => {
  const { slug } = await signedInFounder(page, { name: "Tia Titles" });
  await page.goto(`/w/${slug}/prototypes`);
  await expect(page).toHaveTitle("Prototypes · Tia Titles's workspace · VentureLens");
  await page.goto(`/w/${slug}/assessment/take`);
  await expect(page).toHaveTitle("Questionnaire · Assessment · Tia Titles's workspace · VentureLens");

  const zh = await signedInFounder(page, { name: "Tia Zh", locale: "zh" });
  await page.goto(`/w/${zh.slug}/opportunities`);
  await expect(page).toHaveTitle(/^机会地图 · .+ · VentureLens$/);
});

test("the site has an icon", async ({ request }) => {
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-icon.png"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(/^image\//);
  }
});
