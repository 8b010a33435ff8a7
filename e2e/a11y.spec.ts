import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { setRole, signUpInNewContext } from "./helpers";

// axe-core over every page type, in the light and the dark theme: no serious or critical violation
// of WCAG 2.1 A/AA. Lessons are checked with the editor loaded and with results on screen.
const stamp = Date.now().toString(36);
const password = "correct horse battery";
const admin = `axe-admin-${stamp}@example.com`;
const learner = `axe-learner-${stamp}@example.com`;

const LESSONS = {
  function: "/learn/http/parse-query-pagination",
  handler: "/learn/databases/n-plus-one",
  sql: "/learn/databases/indexes-query-plans",
  tests: "/learn/testing/async-code-timers",
  security: "/learn/security/sql-injection",
  project: "/learn/projects/url-shortener",
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // two sign-ups and an `npm run user` process, on a loaded machine
  await signUpInNewContext(browser, admin, password);
  setRole(admin, "admin");
  // A learner of our own, so the progress table always links to a learner's page.
  await signUpInNewContext(browser, learner, password);
});

async function check(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(0, 2).join(" ")}`)
        .join("\n")}`,
  );
  expect(report, `${label}: serious or critical accessibility violations`).toEqual([]);
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 60_000 });
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem("theme", t), theme);
    });

    test(`visitor pages (${theme})`, async ({ page }) => {
      test.setTimeout(240_000);
      for (const path of [
        "/",
        "/learn",
        "/learn/http",
        "/sign-in",
        "/sign-up",
        "/forgot-password",
        "/reset-password?token=not-a-real-token",
        "/docs/api",
        "/no-such-page",
      ]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*dark)/);
        await check(page, `${path} (${theme})`);
      }
    });

    test(`lessons of each kind, with results (${theme})`, async ({ page }) => {
      test.setTimeout(300_000);
      for (const [kind, path] of Object.entries(LESSONS)) {
        await page.goto(path);
        await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", {
          timeout: 90_000,
        });
        await check(page, `${kind} lesson ${path} (${theme})`);
      }
      // A failing run and a passing one: the results panel, diffs and the celebration.
      await page.goto(LESSONS.function);
      await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", {
        timeout: 90_000,
      });
      await page.getByTestId("submit").click();
      await expect(page.getByTestId("results")).toBeVisible({ timeout: 60_000 });
      await check(page, `lesson with results (${theme})`);
      // The phone layout (tabs).
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("tab", { name: /Results/ }).click();
      await check(page, `lesson on a phone, results tab (${theme})`);
      await page.getByRole("tab", { name: "Lesson" }).click();
      await check(page, `lesson on a phone, lesson tab (${theme})`);
    });

    test(`account and teach pages (${theme})`, async ({ page }) => {
      test.setTimeout(240_000);
      await signIn(page, admin);
      for (const path of [
        "/",
        "/learn",
        "/account",
        "/teach",
        "/teach/keys",
        "/teach/audit",
        "/teach/forbidden",
      ]) {
        await page.goto(path);
        await check(page, `${path} (${theme})`);
      }
      // A learner's page, reached from the progress table.
      await page.goto("/teach");
      await page.locator('a[href^="/teach/learners/"]').filter({ hasText: learner }).click();
      await expect(page).toHaveURL(/\/teach\/learners\//);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await check(page, `/teach/learners (${theme})`);
      await page.goto(LESSONS.function);
      await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", {
        timeout: 90_000,
      });
      await check(page, `lesson signed in (${theme})`);
    });
  });
}
