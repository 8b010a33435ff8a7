import { expect, test, type Page } from "@playwright/test";
import { setRole, signUpInNewContext } from "./helpers";

// The instructor's pages: access control, API keys (shown once, revocable) and progress with export.

const stamp = `${Date.now().toString(36)}t`;
const password = "correct horse battery";
const instructor = `prof-${stamp}@example.com`;
const learner = `lena-${stamp}@example.com`;

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000); // two sign-ups and an `npm run user` process, on a loaded machine
  await signUpInNewContext(browser, instructor, password);
  await signUpInNewContext(browser, learner, password);
  setRole(instructor, "instructor");
});

test("visitors are sent to sign in; learners are refused everywhere under /teach", async ({ page }) => {
  await page.goto("/teach");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fteach$/);
  expect((await page.request.get("/teach/progress.csv")).status()).toBe(401);

  await signIn(page, learner);
  await expect(page.getByRole("link", { name: "Teach" })).toHaveCount(0);
  for (const path of ["/teach", "/teach/keys", "/teach/learners/anyone"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/teach\/forbidden$/);
    await expect(page.getByRole("heading", { name: "Instructors only" })).toBeVisible();
  }
  const csv = await page.request.get("/teach/progress.csv");
  expect(csv.status()).toBe(403);
  expect((await csv.json()).code).toBe("forbidden");
});

test("an instructor creates a key, sees it once, uses it, and revokes it", async ({ page }) => {
  await signIn(page, instructor);
  await page.getByRole("link", { name: "Teach" }).click();
  await expect(page.getByRole("heading", { name: "Learners' progress" })).toBeVisible();

  await page.goto("/teach/keys");
  await page.getByLabel("Key name").fill("");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name.")).toBeVisible();

  await page.getByLabel("Key name").fill(`LMS ${stamp}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^ss_live_[A-Za-z0-9_-]{32}$/);
  const key = (await shown.textContent())!;
  const row = page.getByTestId("api-key-row").filter({ hasText: `LMS ${stamp}` });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);

  // Copy puts the key on the clipboard; Hide takes it off the screen for good.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.getByRole("button", { name: "Hide key" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await expect(page.getByText("is hidden. It cannot be shown again")).toBeVisible();
  expect(await page.content()).not.toContain(key);

  // Shown once: after a reload the page holds only the prefix.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  // The key works: grade for the learner, then the progress page shows them.
  const graded = await page.request.post("/api/v1/exercises/parse-query-pagination/grade", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      code: "export function parseListQuery() { return { status: null, page: 1, limit: 20, offset: 0 }; }",
      learner,
    },
  });
  expect(graded.status()).toBe(201);

  // The summary counts runs apart from submissions: a run adds a run and no submission.
  const counts = async () => {
    await page.goto("/teach");
    const text = (await page.getByTestId("teach-summary").textContent()) ?? "";
    const match =
      /(\d+) submissions? \(graded against every test\) and (\d+) runs? \(example tests only\)/.exec(text);
    expect(match, text).not.toBeNull();
    return { submissions: Number(match![1]), runs: Number(match![2]) };
  };
  const before = await counts();
  const ran = await page.request.post("/api/v1/exercises/parse-query-pagination/grade", {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      code: "export function parseListQuery() { return { status: null, page: 1, limit: 20, offset: 0 }; }",
      learner,
      mode: "run",
    },
  });
  expect(ran.status()).toBe(201);
  expect(await counts()).toEqual({ submissions: before.submissions, runs: before.runs + 1 });

  await page.goto("/teach");
  await expect(page.getByRole("link", { name: learner })).toBeVisible();
  // Other specs share this database and pass this lesson too, so only the presence of a pass rate is
  // checked here; the CSV below checks this learner's exact figures.
  await expect(page.getByTestId("lesson-row-parse-query-pagination")).toContainText(/\d+%/);
  await expect(page.getByRole("img", { name: /Pass rate per exercise in/ }).first()).toBeVisible();
  // Chart labels and figures are whole and inside the chart, on a desktop and on a phone.
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    const clipped = await page.getByTestId("bar-chart").evaluateAll((charts) =>
      charts.flatMap((chart) => {
        const box = chart.getBoundingClientRect();
        return [...chart.querySelectorAll<HTMLElement>('[data-testid="bar-label"], [data-testid="bar-text"]')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return (
              el.scrollWidth > el.clientWidth + 1 ||
              r.left < box.left - 1 ||
              r.right > box.right + 1 ||
              el.textContent!.endsWith("…")
            );
          })
          .map((el) => el.textContent);
      }),
    );
    expect(clipped).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("link", { name: learner }).click();
  await expect(page.getByRole("heading", { name: learner })).toBeVisible();

  const csv = await page.request.get("/teach/progress.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toBe(
    "learner_email,learner_name,track,lesson,attempts,failed_attempts,passed,first_passed_at,hints_used,last_submission_at",
  );
  expect(text).toContain(`${learner},,http,parse-query-pagination,1,1,false,`);
  expect(text).not.toContain(instructor);

  // Revoke: the row says so and the key stops working.
  // Revoking asks first: Cancel keeps the key, "Revoke key" revokes it.
  await page.goto("/teach/keys");
  await page.getByRole("button", { name: `Revoke LMS ${stamp}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke “LMS ${stamp}”?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  expect(
    (await page.request.get("/api/v1/tracks", { headers: { Authorization: `Bearer ${key}` } })).status(),
  ).toBe(200);
  await page.getByRole("button", { name: `Revoke LMS ${stamp}` }).click();
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: `LMS ${stamp}` })).toContainText("Revoked");
  const refused = await page.request.get("/api/v1/tracks", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).code).toBe("revoked_api_key");
});
