import { execFileSync } from "node:child_process";
import { expect, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DATABASE_URL } from "../playwright.config.ts";

/** Promotes an account through the real command line (`npm run user -- set-role`), on the e2e database. */
export function setRole(email: string, role: "learner" | "instructor" | "admin"): void {
  const output = execFileSync("npm", ["run", "--silent", "user", "--", "set-role", email, role], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL },
    encoding: "utf8",
  });
  if (!output.includes(`Updated ${email}: role ${role}.`))
    throw new Error(`set-role did not update ${email}: ${output}`);
}

/** Signs up through the real sign-up form, in a browser context of its own. */
export async function signUpInNewContext(browser: Browser, email: string, password: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up hashes the password (scrypt) and, on a spec's first request to a cold server, loads the
  // password-strength dictionaries: well over 15 s on a loaded 2-core machine.
  await expect(page).toHaveURL(/\/learn/, { timeout: 90_000 });
  await context.close();
}

/**
 * Holds back from the page the answers to its Server Actions (POSTs to `path` with a Next-Action
 * header): each is sent to the server and handled there, but the page gets the answer only after
 * `release()`. A test can then do something "while a grade is still running" however fast or slow
 * the machine is. `count()` says how many actions were sent.
 */
export async function holdServerActions(
  page: Page,
  path: string,
): Promise<{ release(): void; count(): number }> {
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

/**
 * One read query on the suite server's database, SQLite or PostgreSQL (E2E_DATABASE_URL): `?`
 * placeholders, identifiers in double quotes (the same SQL runs on both).
 */
export async function queryE2eDatabase<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (E2E_DATABASE_URL.startsWith("file:")) {
    const database = new Database(E2E_DATABASE_URL.slice("file:".length), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      return database.prepare(sql).all(...params) as T[];
    } finally {
      database.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[];
  } finally {
    await client.end();
  }
}
