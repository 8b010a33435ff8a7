import { expect, test, type Page } from "@playwright/test";
import { holdServerActions } from "./helpers.ts";

// The learner's experience end to end: real browser, real server, real sandbox, real database.
const stamp = Date.now().toString(36);
const password = "correct horse battery";
const LESSON = "/learn/http/parse-query-pagination";

const WRONG = `export function parseListQuery(search: string) {
  const params = new URLSearchParams(search);
  const page = Number(params.get("page") ?? 1);
  const limit = Number(params.get("limit") ?? 20);
  const status = params.get("status") === "done" || params.get("status") === "open" ? params.get("status") : null;
  return { status, page, limit, offset: page * limit };
}
`;

const RIGHT = `// fixed: clamp, validate, offset from page 1
function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || !/^-?\\d+$/.test(raw)) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

export function parseListQuery(search: string) {
  const params = new URLSearchParams(search);
  const raw = params.get("status");
  const status = raw === "open" || raw === "done" ? raw : null;
  const page = intParam(params.get("page"), 1, 1, 1000);
  const limit = intParam(params.get("limit"), 20, 1, 100);
  return { status, page, limit, offset: (page - 1) * limit };
}
`;

async function signUp(page: Page, name: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${stamp}@example.com`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(name);
}

async function openLesson(page: Page, path = LESSON) {
  await page.goto(path);
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}

/**
 * Replaces the editor's content. insertText types the text as one input, but Monaco still
 * auto-closes brackets it sees typed, leaving extras after the cursor: delete whatever follows.
 */
async function typeCode(page: Page, code: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

async function editorText(page: Page): Promise<string> {
  return ((await page.locator(".monaco-editor .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
}

test("a learner fails, fixes, passes, and finds draft and progress after a reload", async ({ page }) => {
  // Two grades, a sign-up, the catalog and a reload: generous on a loaded machine.
  test.setTimeout(150_000);
  await signUp(page, "Ada");
  await openLesson(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Query strings and pagination");
  await expect(page.getByTestId("sign-in-nudge")).toHaveCount(0);

  // A wrong solution: the failing test names itself and says expected vs received.
  await typeCode(page, WRONG);
  await page.keyboard.press("ControlOrMeta+Shift+Enter");
  await expect(page.getByTestId("verdict")).toContainText("failed");
  const failing = page.getByTestId("test-result").filter({ hasText: "page=2&limit=20" });
  await expect(failing).toHaveAttribute("data-status", "fail");
  await expect(failing).toContainText("Failed");
  await expect(failing.locator("pre")).toContainText("offset: 20");
  await expect(failing.locator("pre")).toContainText("offset: 40");
  // Hidden tests are listed by name and description, never with their source, inputs or values.
  const hiddenFailing = page
    .getByTestId("test-result")
    .filter({ hasText: "hidden test" })
    .filter({ has: page.getByTestId("test-summary") })
    .first();
  await expect(hiddenFailing).toBeVisible();
  await expect(hiddenFailing.getByTestId("test-description")).toContainText("Generated");
  await expect(hiddenFailing.getByTestId("test-summary")).toHaveText(
    "Your code's result is not what this test expects.",
  );
  await expect(hiddenFailing.locator("pre")).toHaveCount(0);
  await expect(page.getByTestId("disclosure-note")).toBeVisible();
  await expect(page.getByTestId("attempts")).toContainText("1 submission so far");

  // The fix passes, and the reference solution is offered.
  await typeCode(page, RIGHT);
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("verdict")).toContainText("Passed");
  await expect(page.getByTestId("attempts")).toContainText("Exercise passed");
  await page.getByRole("button", { name: "Compare with the reference solution" }).click();
  await expect(page.getByTestId("solution").locator("pre")).toContainText("parseListQuery");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 10_000 });

  // The catalog shows the lesson completed and the overall progress.
  await page.getByRole("link", { name: "Learn", exact: true }).click();
  await expect(page.getByTestId("lesson-parse-query-pagination")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("lesson-parse-query-pagination")).toContainText("Completed");
  await expect(page.getByTestId("overall-progress")).toContainText(/\b1 of \d+ done/);
  // The home page offers to continue.
  await page.goto("/");
  await expect(page.getByTestId("continue")).toBeVisible();

  // Back on the lesson after a reload: the draft and the progress are still there.
  await openLesson(page);
  await page.reload();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  expect(await editorText(page)).toContain("fixed: clamp, validate");
  await expect(page.getByTestId("attempts")).toContainText("Exercise passed");
  await expect(page.getByTestId("attempts")).toContainText("2 submissions so far");
});

test("a compile error is reported at its line, in the results and in the editor", async ({ page }) => {
  await signUp(page, "Grace");
  await openLesson(page);
  await typeCode(
    page,
    "export function parseListQuery(search: string) {\n  const x = 1;\n  const y = = 2;\n  return x;\n}\n",
  );
  await page.getByTestId("run").click();
  await expect(page.getByTestId("grade-error")).toHaveAttribute("data-kind", "compile");
  await expect(page.getByTestId("verdict")).toContainText("did not compile");
  await expect(page.getByTestId("error-location")).toContainText("line 3");
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-marker-lines", "3");
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
});

test("an infinite loop times out and the page stays usable", async ({ page }) => {
  await signUp(page, "Linus");
  await openLesson(page);
  await typeCode(page, "export function parseListQuery(search: string) {\n  while (true) {}\n}\n");
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run")).toBeDisabled();
  await expect(page.getByTestId("submit")).toBeDisabled();
  await expect(page.getByTestId("verdict")).toContainText("Time limit exceeded", { timeout: 30_000 });
  await expect(page.getByTestId("run")).toBeEnabled();

  // Still usable: the fix runs and passes the example tests.
  await typeCode(page, RIGHT);
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("verdict")).toContainText("example tests passed");
});

test("hints come one at a time and stay revealed; reset asks first", async ({ page }) => {
  await signUp(page, "Barbara");
  await openLesson(page);
  await expect(page.getByTestId("hint")).toHaveCount(0);
  await page.getByRole("button", { name: "Show a hint (1 of 3)" }).click();
  await expect(page.getByTestId("hint")).toHaveCount(1);
  await expect(page.getByTestId("hint").first()).toContainText("URLSearchParams");
  await page.getByRole("button", { name: "Show the next hint (2 of 3)" }).click();
  await expect(page.getByTestId("hint")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("hint")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Show the next hint (3 of 3)" })).toBeVisible();

  // Reset to starter, behind a confirmation.
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await typeCode(page, "// my own attempt\n");
  await page.getByTestId("reset").click();
  const dialog = page.getByRole("dialog", { name: "Reset your code?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await editorText(page)).toContain("my own attempt");
  await page.getByTestId("reset").click();
  await dialog.getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => editorText(page)).toContain("Replace this with real parsing");
});

test("a draft typed just before leaving the page is kept, whichever way the learner leaves", async ({
  page,
}) => {
  await signUp(page, "Margaret");
  await openLesson(page);

  // Typed, then straight to another page (a full navigation: well under the 1 s save delay).
  const typed = `// left at once ${stamp}\nexport const pageSize = 20;\n`;
  await typeCode(page, typed);
  await page.goto("/learn");
  await openLesson(page);
  expect(await editorText(page)).toBe(typed.replace(/\n/g, ""));
  await expect(page.getByTestId("save-status")).toHaveText("Saved");

  // Typed, then a client-side navigation (the workspace unmounts; no pagehide), then a fresh load.
  const again = `// left by a link ${stamp}\nexport const pageSize = 50;\n`;
  await typeCode(page, again);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Lessons" }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await openLesson(page);
  expect(await editorText(page)).toBe(again.replace(/\n/g, ""));
});

test("a draft saves while a long grade is still running", async ({ page }) => {
  await signUp(page, "Edsger");
  await openLesson(page);
  await typeCode(page, "export function parseListQuery(search: string) {\n  while (true) {}\n}\n");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 30_000 });
  // The grade goes to the server and is graded there, but its answer is held back from the page
  // until the save is seen, so the run is still going as far as the page knows however slow the
  // machine is. (Checking the transient "Saving…" instead raced the save on a loaded machine.)
  const grade = await holdServerActions(page, LESSON);
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run")).toHaveText(/Running…/);
  await expect.poll(() => grade.count()).toBe(1);

  // Edit during the grade: the save must not wait for it.
  await typeCode(
    page,
    "export function parseListQuery(search: string) {\n  // saved during the run\n  while (true) {}\n}\n",
  );
  // The server has it while the run is still going, and the page says so.
  await expect
    .poll(
      async () => {
        const response = await page.request.get("/api/drafts/parse-query-pagination");
        const body = (await response.json()) as { drafts: { code: string | null }[] };
        return body.drafts[0]?.code ?? "";
      },
      { timeout: 30_000 },
    )
    .toContain("// saved during the run");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 30_000 });
  await expect(page.getByTestId("run")).toHaveText(/Running…/);
  expect(grade.count()).toBe(1);
  grade.release();
  await expect(page.getByTestId("verdict")).toContainText("Time limit exceeded", { timeout: 90_000 });
  await page.reload();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
  expect(await editorText(page)).toContain("// saved during the run");
});

test("the drafts route checks who asks and what they send", async ({ page, request }) => {
  const url = "/api/drafts/parse-query-pagination";
  // No session: 401.
  const anonymous = await request.put(url, { data: { code: "x" } });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringContaining("Sign in") });

  await signUp(page, "Frances");
  const api = page.request; // shares the signed-in browser context's cookies
  const expectError = async (response: Awaited<ReturnType<typeof api.put>>, status: number) => {
    expect(response.status()).toBe(status);
    const body = (await response.json()) as { error?: unknown };
    expect(typeof body.error).toBe("string");
  };
  await expectError(await api.put("/api/drafts/no-such-exercise", { data: { code: "x" } }), 404);
  await expectError(await api.put("/api/drafts/Not_An_Id", { data: { code: "x" } }), 404);
  await expectError(await api.put(url, { data: { code: 5 } }), 400);
  await expectError(await api.put(url, { data: { text: "x" } }), 400);
  await expectError(
    await api.put(url, { data: "{not json", headers: { "Content-Type": "application/json" } }),
    400,
  );
  await expectError(await api.put(url, { data: "code=x", headers: { "Content-Type": "text/plain" } }), 415);
  await expectError(await api.put(url, { data: { code: "x".repeat(100_001), baseRevision: 0 } }), 413);
  await expectError(
    await api.put(url, {
      data: JSON.stringify({ code: "x".repeat(700_000) }),
      headers: { "Content-Type": "application/json" },
    }),
    413,
  );

  const saved = await api.put(url, { data: { code: "// saved through the route\n", baseRevision: 0 } });
  expect(saved.status()).toBe(200);
  expect(Date.parse(((await saved.json()) as { savedAt: string }).savedAt)).not.toBeNaN();
  await openLesson(page);
  expect(await editorText(page)).toBe("// saved through the route");
});

test("the editor: IntelliSense for the sandbox's globals, markers, SQL highlighting, light and dark themes", async ({
  page,
}) => {
  await openLesson(page);
  const editor = page.locator(".monaco-editor").first();

  // Completion of a sandbox global's static members (from sandbox/types/globals.d.ts).
  await typeCode(page, "export function parseListQuery(search: string) {\n  return Response.");
  await expect(async () => {
    await page.keyboard.press("Control+Space");
    await expect(page.locator(".monaco-editor .suggest-widget")).toContainText("json", { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  // F1 lists the editor's commands (the help text below the editor says so).
  await page.keyboard.press("F1");
  await expect(page.locator(".quick-input-widget")).toBeVisible();
  await page.keyboard.press("Escape");

  // A hover on a global, and a type error from the TypeScript worker shown as a marker.
  await typeCode(page, 'const status: number = "ok";\nResponse.json(status);\n');
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible({ timeout: 30_000 });
  // Over the R of the line's first token.
  await page
    .locator(".monaco-editor .view-line")
    .filter({ hasText: /^Response\.json/ })
    .locator("span span")
    .first()
    .hover({ position: { x: 4, y: 5 } });
  await expect(page.locator(".monaco-hover").filter({ hasText: "Response" }).first()).toBeVisible({
    timeout: 15_000,
  });

  // Light theme by default here; the toggle switches the editor too.
  await expect(editor).toHaveClass(/\bvs\b/);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(editor).toHaveClass(/\bvs-dark\b/);
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(editor).toHaveClass(/\bvs\b/);

  // SQL is highlighted: a keyword gets a token class other than plain text (mtk1).
  await openLesson(page, "/learn/databases/sql-select-where");
  const keyword = page.locator(".monaco-editor .view-line span", { hasText: /^SELECT\s*$/ }).first();
  await expect(keyword).toBeVisible();
  await expect(keyword).not.toHaveClass(/\bmtk1\b/);
});

test("the quiz answers at once and a visitor is invited to sign in", async ({ page }) => {
  await page.goto(LESSON);
  await expect(page.getByTestId("sign-in-nudge").getByRole("link", { name: "signing in" })).toHaveAttribute(
    "href",
    `/sign-in?next=${encodeURIComponent(LESSON)}`,
  );
  const question = page.getByTestId("quiz-question-offset");
  await question.getByLabel("Rows 30 to 39 (OFFSET 30 LIMIT 10)").check();
  await question.getByRole("button", { name: "Check answer" }).click();
  await expect(question.getByTestId("quiz-feedback")).toContainText("Not quite");
  await expect(question).toContainText("classic off-by-one");
  await question.getByLabel("Rows 20 to 29 (OFFSET 20 LIMIT 10)").check();
  await question.getByRole("button", { name: "Check answer" }).click();
  await expect(question.getByTestId("quiz-feedback")).toContainText("Correct!");
});

test("unknown lessons and tracks are 404s with a way back", async ({ page }) => {
  const response = await page.goto("/learn/http/no-such-lesson");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is no such track or lesson" })).toBeVisible();
  expect((await page.goto("/learn/no-such-track"))?.status()).toBe(404);
});
