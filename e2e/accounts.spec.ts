import { expect, test, type Page } from "@playwright/test";

// Unique per run: the database is fresh for each run, but a re-run against a reused server must not collide.
const stamp = Date.now().toString(36);
const password = "correct horse battery";

async function signUp(page: Page, email: string, name = "Ada") {
  await page.goto("/sign-up");
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function signIn(page: Page, email: string, pw: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("sign up, sign out, sign in", async ({ page }) => {
  const email = `ada-${stamp}@example.com`;
  await signUp(page, email);
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Ada");

  await signOut(page);
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  await signIn(page, email.toUpperCase(), password);
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Ada");

  // The session survives a reload.
  await page.reload();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Ada");
});

test("a wrong password gets an inline message and keeps what was typed", async ({ page }) => {
  const email = `grace-${stamp}@example.com`;
  await signUp(page, email, "Grace");
  await signOut(page);

  await signIn(page, email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("don't match an account");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("not the password");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an email that already has an account is refused and the form keeps its values", async ({ page }) => {
  const email = `linus-${stamp}@example.com`;
  await signUp(page, email, "Linus");
  await signOut(page);

  await signUp(page, email, "Someone else");
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page.getByLabel("Name (optional)")).toHaveValue("Someone else");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("form validation explains what is wrong", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
});

test("repeated failed sign-ins are rate-limited, even with the right password", async ({ page }) => {
  // The e2e server runs with SIGNIN_MAX_FAILURES=3.
  const email = `mallory-${stamp}@example.com`;
  await signUp(page, email, "Mallory");
  await signOut(page);
  for (let attempt = 0; attempt < 3; attempt++) {
    await signIn(page, email, `guess-${attempt}-wrong`);
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("don't match");
  }
  await signIn(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("Too many failed sign-ins");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("home, not-found and theme", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Learn backend development");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is nothing at this address" })).toBeVisible();

  const html = page.locator("html");
  const wasDark = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: /Switch to (light|dark) theme/ }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});
