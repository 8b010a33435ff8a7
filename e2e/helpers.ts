import { execFileSync } from "node:child_process";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E_DATABASE } from "../playwright.config.ts";

/** Promotes an account through the real command line (`npm run user -- set-role`), on the e2e database. */
export function setRole(email: string, role: "learner" | "instructor" | "admin"): void {
  const output = execFileSync("npm", ["run", "--silent", "user", "--", "set-role", email, role], {
    env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` },
    encoding: "utf8",
  });
  if (!output.includes(`Updated ${email}: role ${role}.`)) throw new Error(`set-role did not update ${email}: ${output}`);
}

/** Signs up through the real sign-up form, in a browser context of its own. */
export async function signUpInNewContext(browser: Browser, email: string, password: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/learn/);
  await context.close();
}

/**
 * Holds back from the page the answers to its Server Actions (POSTs to `path` with a Next-Action
 * header): each is sent to the server and handled there, but the page gets the answer only after
 * `release()`. A test can then do something "while a grade is still running" however fast or slow
 * the machine is. `count()` says how many actions were sent.
 */
export async function holdServerActions(page: Page, path: string): Promise<{ release(): void; count(): number }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let count = 0;
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
      count++;
      const response = await route.fetch({ timeout: 180_000 });
      await released;
      await route.fulfill({ response });
    },
  );
  return { release, count: () => count };
}
