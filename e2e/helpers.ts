import { execFileSync } from "node:child_process";
import { expect, type Browser } from "@playwright/test";
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
