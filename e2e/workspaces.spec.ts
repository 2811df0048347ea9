import { expect, test } from "@playwright/test";
import { apiSignIn, apiSignUp, PASSWORD, signedInFounder, uniqueEmail } from "./fixtures";
import { withDb } from "./db";

test("sign up in the browser lands in a personal workspace", async ({ page }) => {
  const email = uniqueEmail("signup");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Grace Founder");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/w\/grace-founder/);
  await expect(page.getByTestId("workspace-switcher")).toContainText("Grace Founder's workspace");
  for (const section of ["Assessment", "Opportunities", "Prototypes", "Ideas", "Team", "Settings"]) {
    await expect(page.getByRole("link", { name: section, exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/sign-in");
  // An empty form is answered in the page, without asking the server.
  let posted = false;
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api/auth/callback/credentials")) posted = true;
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email and password.")).toBeVisible();
  expect(posted).toBe(false);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
});

test("create a workspace, invite a teammate who signs up and accepts, change their role, see the audit log", async ({ page, browser }) => {
  await signedInFounder(page, { name: "Olivia Owner" });
  await page.goto("/w");
  await page.getByTestId("workspace-switcher").click();
  await page.getByRole("menuitem", { name: /Create workspace/ }).click();
  await page.getByLabel("Name").fill("Vision Robotics");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/vision-robotics/);

  await page.getByRole("link", { name: "Team", exact: true }).click();
  const mateEmail = uniqueEmail("mate");
  await page.getByLabel("Email").fill(mateEmail);
  await page.getByLabel("Role").selectOption("MEMBER");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(link).toContain("/invite/");
  await expect(page.getByTestId("invitation-row")).toContainText(mateEmail);

  // The teammate opens the link in their own browser, signs up with the invited email, accepts.
  const mateCtx = await browser.newContext();
  const mate = await mateCtx.newPage();
  await mate.goto(link);
  await expect(mate.getByRole("heading", { name: "Join Vision Robotics" })).toBeVisible();
  await mate.getByRole("link", { name: "Create account" }).click();
  await expect(mate.getByLabel("Email")).toHaveValue(mateEmail);
  await mate.getByLabel("Your name").fill("Mateo Mate");
  await mate.getByLabel("Password").fill(PASSWORD);
  await mate.getByRole("button", { name: "Create account" }).click();
  await expect(mate).toHaveURL(/\/invite\//);
  await mate.getByRole("button", { name: "Accept invitation" }).click();
  await expect(mate).toHaveURL(/\/w\/vision-robotics/);

  // The owner makes them a viewer.
  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: mateEmail });
  await row.getByRole("combobox").selectOption("VIEWER");
  await expect(row.getByRole("combobox")).toHaveValue("VIEWER");

  // A viewer cannot change settings.
  await mate.goto(mate.url().replace(/\/w\/([^/]+).*/, "/w/$1/settings"));
  await expect(mate.getByText("Your role can view these settings but not change them.")).toBeVisible();
  await expect(mate.getByLabel("Workspace name")).toBeDisabled();
  await expect(mate.getByRole("heading", { name: "Audit log" })).toHaveCount(0);

  // The owner sees the audit trail.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  const audit = page.getByTestId("audit-row");
  // Roles read as words in the page's language, never as codes (a string filter ignores case: regexes here).
  await expect(audit.filter({ hasText: /changed a member's role from Member to Viewer/ })).toBeVisible();
  await expect(audit.filter({ hasText: new RegExp(`invited ${mateEmail.replace(/[.+]/g, "\\$&")} as Member`) })).toBeVisible();
  await expect(audit.filter({ hasText: /joined as Member/ })).toBeVisible();
  await expect(audit.filter({ hasText: /MEMBER|VIEWER/ })).toHaveCount(0);
  await mateCtx.close();
});

test("revoked and expired invitations explain themselves", async ({ page, browser }) => {
  await signedInFounder(page, { name: "Rita Revoker" });
  await page.goto("/w");
  await page.getByRole("link", { name: "Team", exact: true }).click();

  const invite = async (email: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Create invitation" }).click();
    await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toBeVisible();
    return (await page.getByTestId("invite-link").textContent())!.trim();
  };
  const revokedEmail = uniqueEmail("revoked");
  const revokedLink = await invite(revokedEmail);
  await page.getByTestId("invitation-row").filter({ hasText: revokedEmail }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: revokedEmail })).toHaveCount(0);

  const expiredEmail = uniqueEmail("expired");
  const expiredLink = await invite(expiredEmail);
  await withDb((db) => db.query(`UPDATE "Invitation" SET "expiresAt" = now() - interval '1 day' WHERE email = $1`, [expiredEmail]));

  const other = await (await browser.newContext()).newPage();
  await other.goto(revokedLink);
  await expect(other.getByTestId("invite-status")).toContainText("was revoked");
  await other.goto(expiredLink);
  await expect(other.getByTestId("invite-status")).toContainText("has expired");
  await other.goto(revokedLink.replace(/\/invite\/.*/, "/invite/not-a-real-token-at-all"));
  await expect(other.getByText("This invitation link is not valid")).toBeVisible();
});

test("a stranger cannot open another workspace and a signed-out visitor is sent to sign in", async ({ page, browser }) => {
  const victim = await apiSignUp(page.request, { name: "Victor Victim" });
  const strangerCtx = await browser.newContext();
  const stranger = await strangerCtx.newPage();
  const s = await apiSignUp(stranger.request, { name: "Sam Stranger" });
  await apiSignIn(stranger, s.email);
  const res = await stranger.goto(`/w/${victim.slug}/team`);
  expect(res?.status()).toBe(404);
  await expect(stranger.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
  await page.goto(`/w/${victim.slug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await strangerCtx.close();
});

test("the language switch is remembered for the user", async ({ page }) => {
  await signedInFounder(page, { name: "Li Lei" });
  await page.goto("/w");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
  await expect(page.getByRole("link", { name: "团队", exact: true })).toBeVisible();
  // A new browser session for the same user comes back in Chinese.
  await page.context().clearCookies({ name: "vl-locale" });
  await page.reload();
  await expect(page.getByRole("link", { name: "设置", exact: true })).toBeVisible();
});

test("after signing in, a callbackUrl pointing at another site is not followed", async ({ page, baseURL }) => {
  const { email } = await apiSignUp(page.request, { name: "Rita Redirect" });
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).host));
  for (const payload of ["/%5Cevil.example/", "/%09/evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${payload}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/w\/rita-redirect/);
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  }
  expect(requested).not.toContain("evil.example");
});
