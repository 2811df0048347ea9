import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { signedInFounder, trpc } from "./fixtures";

// Deleting a prototype from its settings (dialog, keyboard, what goes, the idea that loses its
// evidence, the notice and the audit log), and the train page's "Start training" waiting for the runs.

const png = (r: number, g: number, b: number) =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

async function workspaceId(page: Page, slug: string) {
  const list = await trpc<{ id: string; slug: string }[]>(page.request, "workspace.list", undefined, "query");
  return list.find((w) => w.slug === slug)!.id;
}

/** A prototype with two classes of two stored images each: enough to start a run. */
async function prototypeWithImages(page: Page, wsId: string, name: string) {
  const { id } = await trpc<{ id: string }>(page.request, "prototypes.create", { workspaceId: wsId, name, classes: ["ok", "crack"] });
  const detail = await trpc<{ classes: { id: string }[] }>(page.request, "prototypes.get", { workspaceId: wsId, prototypeId: id }, "query");
  for (const [c, cls] of detail.classes.entries()) {
    const form = new FormData();
    form.append("classId", cls.id);
    for (const i of [0, 1]) {
      const data = await png(c * 200, i * 120, 60);
      form.append("files", new Blob([new Uint8Array(data)], { type: "image/png" }), `${c}-${i}.png`);
    }
    const res = await page.request.post(`/api/prototypes/${id}/images`, { multipart: form });
    expect(res.ok(), await res.text()).toBeTruthy();
  }
  return id;
}

test("delete a prototype from its settings: the dialog says what goes, asks for the name, and the idea report says it was deleted", async ({
  page,
}) => {
  const { slug } = await signedInFounder(page, { name: "Dana Delete" });
  const wsId = await workspaceId(page, slug);
  const prototypeId = await prototypeWithImages(page, wsId, "Crack spotter");
  const idea = await trpc<{ id: string }>(page.request, "ideas.create", { workspaceId: wsId, title: "Bridge inspections", prototypeId });
  const assumption = await trpc<{ id: string }>(page.request, "ideas.addAssumption", {
    workspaceId: wsId,
    ideaId: idea.id,
    kind: "feasibility",
    statement: "The model spots cracks",
    importance: "critical",
  });
  await trpc(page.request, "ideas.planExperiment", {
    workspaceId: wsId,
    ideaId: idea.id,
    plan: { assumptionId: assumption.id, kind: "prototype", prototypeId, prototypeMetric: "accuracy", threshold: 0.5 },
  });

  await page.goto(`/w/${slug}/prototypes/${prototypeId}/settings`);
  const open = page.getByRole("button", { name: "Delete prototype…" });
  // Keyboard only: open, close with Escape (focus comes back), open again.
  await open.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete “Crack spotter”?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();

  await expect(dialog.getByTestId("delete-impact")).toContainText("4 images and their stored files");
  await expect(dialog.getByTestId("delete-impact")).toContainText("no training runs");
  await expect(dialog.getByTestId("delete-ideas")).toContainText("This idea uses it as evidence and loses it:");
  await expect(dialog.getByRole("link", { name: "Bridge inspections" })).toBeVisible();

  const confirm = dialog.getByRole("button", { name: "Delete for good" });
  const nameField = dialog.getByLabel("Type the prototype name “Crack spotter” to confirm");
  await expect(confirm).toBeDisabled();
  await nameField.fill("crack spotter");
  await expect(confirm).toBeDisabled();
  await nameField.fill("Crack spotter");
  await expect(confirm).toBeEnabled();
  await nameField.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/w/${slug}/prototypes$`));
  await expect(page.getByTestId("deleted-notice")).toHaveText(
    "“Crack spotter” was deleted, with its images, training runs and stored files.",
  );
  await expect(page.getByTestId("prototype-list")).not.toContainText("Crack spotter");
  // The notice is said once.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("deleted-notice")).toHaveCount(0);

  await page.goto(`/w/${slug}/ideas/${idea.id}`);
  await expect(page.getByTestId("experiment")).toContainText("The prototype this experiment measured was deleted");

  await page.goto(`/w/${slug}/settings`);
  await expect(page.getByText("deleted the prototype “Crack spotter” with its images, training runs and stored files")).toBeVisible();
});

test("Start training waits until the runs are known, and the queued run takes the button's place at once", async ({ page }) => {
  const { slug } = await signedInFounder(page, { name: "Tom Train" });
  const wsId = await workspaceId(page, slug);
  const prototypeId = await prototypeWithImages(page, wsId, "Race check");

  // Hold every answer about the runs list until told to let it through.
  let hold: Promise<void> | null = null;
  let release = () => {};
  const holdRuns = () => {
    hold = new Promise<void>((r) => (release = r));
  };
  await page.route(/\/api\/trpc\/[^?]*runs\.list/, async (route) => {
    if (hold) await hold;
    await route.continue().catch(() => {});
  });

  holdRuns();
  await page.goto(`/w/${slug}/prototypes/${prototypeId}/train`);
  const start = page.getByTestId("start-training");
  await expect(start).toBeDisabled();
  await expect(page.getByTestId("start-wait")).toHaveText("Checking whether a run is already in progress…");
  await expect(start).toHaveAccessibleDescription("Checking whether a run is already in progress…");
  release();
  hold = null;
  await expect(start).toBeEnabled();
  await expect(page.getByTestId("start-wait")).toHaveCount(0);

  // The list's refetch after starting is held: the server's answer alone shows the run.
  holdRuns();
  await start.click();
  const live = page.getByTestId("live-run");
  await expect(live).toBeVisible();
  await expect(live).toContainText("Training version 1");
  await expect(start).toHaveCount(0);
  release();
  hold = null;

  const runs = await trpc<{ id: string }[]>(page.request, "runs.list", { workspaceId: wsId, prototypeId }, "query");
  expect(runs).toHaveLength(1);
  // Leave the shared worker free for the other journeys.
  await live.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByTestId("latest-run")).toBeVisible({ timeout: 60_000 });
});

test("a viewer sees the prototype's settings without the danger zone", async ({ page, browser }) => {
  const { slug } = await signedInFounder(page, { name: "Olga Owner" });
  const wsId = await workspaceId(page, slug);
  const { id: prototypeId } = await trpc<{ id: string }>(page.request, "prototypes.create", {
    workspaceId: wsId,
    name: "Shared model",
    classes: ["a", "b"],
  });
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  const account = await signedInFounder(viewer, { name: "Vic Viewer" });
  const { link } = await trpc<{ link: string }>(page.request, "invitations.create", {
    workspaceId: wsId,
    email: account.email,
    role: "VIEWER",
  });
  await trpc(viewer.request, "invitations.accept", { token: link.split("/invite/")[1] });

  await viewer.goto(`/w/${slug}/prototypes/${prototypeId}/settings`);
  await expect(viewer.getByRole("heading", { name: "Settings of Shared model" })).toBeVisible();
  await expect(viewer.getByTestId("danger-zone")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete prototype…" })).toHaveCount(0);
  await page.goto(`/w/${slug}/prototypes/${prototypeId}/settings`);
  await expect(page.getByTestId("danger-zone")).toBeVisible();
  await viewerContext.close();
});
