import { expect, test, type Locator, type Page } from "@playwright/test";
import { holdServerActions } from "./helpers";

// The lesson workspace (issue 12): layout at common laptop sizes and on a phone, results that lead
// with what failed, focus after grading, the pass celebration and the smaller things around it.
const stamp = Date.now().toString(36);
const password = "correct horse battery";
const LESSON = "/learn/http/parse-query-pagination";

// Lesson loads (Monaco) and grades take long on a loaded machine.
test.describe.configure({ timeout: 180_000 });

// Fails 4 of the example tests: the first failure's diff has "offset: 20" expected.
const WRONG = `export function parseListQuery(search: string) {
  const params = new URLSearchParams(search);
  const page = Number(params.get("page") ?? 1);
  const limit = Number(params.get("limit") ?? 20);
  const status = params.get("status") === "done" || params.get("status") === "open" ? params.get("status") : null;
  return { status, page, limit, offset: page * limit };
}
`;
const RIGHT = `function intParam(raw: string | null, fallback: number, min: number, max: number): number {
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

/** Collects uncaught page errors and console errors (what the browser's console would show in red). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

async function signUp(page: Page, name: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${stamp}@example.com`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

async function openLesson(page: Page, path = LESSON) {
  await page.goto(path);
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
}

async function typeCode(page: Page, code: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

/**
 * The element of Monaco that takes the keyboard: its EditContext input in a Chromium with the
 * EditContext API (the textarea is then an aria-hidden IME helper), else its input textarea.
 */
function editorInput(page: Page): Locator {
  return page.locator(".monaco-editor .native-edit-context, .monaco-editor textarea.inputarea").first();
}

/** Entirely inside the window, with the page itself not scrolled: seen without scrolling. */
async function expectInView(page: Page, locator: Locator) {
  const box = await locator.boundingBox();
  expect(box, "element is rendered").not.toBeNull();
  const size = page.viewportSize()!;
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBe(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  // Not clipped by its scrolling pane nor covered: what is drawn at its centre is the element itself.
  const onTop = await locator.evaluate(
    (el, [x, y]) => el.contains(document.elementFromPoint(x, y)),
    [box!.x + box!.width / 2, box!.y + box!.height / 2],
  );
  expect(onTop, "the element is what is drawn at its centre").toBe(true);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
]) {
  test(`at ${viewport.width}x${viewport.height}, Submit, the verdict and the first failure are in view without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await signUp(page, `View${viewport.width}`);
    await openLesson(page);
    // The page does not scroll at all: each pane scrolls on its own.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
    ).toBeLessThanOrEqual(1);
    await expectInView(page, page.getByTestId("submit"));
    await expectInView(page, page.getByTestId("run"));
    await expectInView(page, page.getByTestId("code-editor"));

    await typeCode(page, WRONG);
    await page.getByTestId("submit").click();
    await expect(page.getByTestId("verdict")).toContainText("failed", { timeout: 60_000 });
    await expectInView(page, page.getByTestId("verdict"));
    await expectInView(page, page.getByTestId("submit"));
    // Failures first, the first one open; its title, message start and diff are on screen.
    const first = page.getByTestId("test-result").first();
    await expect(first).toHaveAttribute("data-status", "fail");
    await expect(first.locator("details")).toHaveAttribute("open", "");
    await expectInView(page, first.locator("summary"));
    const firstLine = first.getByTestId("test-message").locator("span").first();
    await expectInView(page, firstLine);
    // Focus went back to Submit after grading.
    await expect(page.getByTestId("submit")).toBeFocused();
  });
}

test("results lead with failures, fold the passes, colour the diff and link to the failing check", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page, "Results");
  await openLesson(page);
  // The starter: two example tests pass, the others fail.
  await page.getByTestId("run").click();
  await expect(page.getByTestId("verdict")).toContainText("failed", { timeout: 60_000 });
  await expect(page.getByTestId("run")).toBeFocused();

  const results = page.getByTestId("test-result");
  const statuses = await results.evaluateAll((items) =>
    items.map((item) => item.getAttribute("data-status")),
  );
  const firstPass = statuses.indexOf("pass");
  expect(firstPass).toBeGreaterThan(0);
  expect(statuses.slice(firstPass).every((s) => s === "pass")).toBe(true);
  // Only the first failure is open; the passes are behind their count.
  await expect(page.locator('[data-testid="test-result"][data-status="fail"] details[open]')).toHaveCount(1);
  const passed = page.getByTestId("passed-tests");
  await expect(passed.locator("summary")).toHaveText(`${statuses.length - firstPass} tests passed`);
  await expect(passed).not.toHaveAttribute("open", "");
  // Expected and received lines are marked and coloured differently.
  const first = results.first();
  const expectedLine = first.locator('[data-diff="expected"]').filter({ hasText: "offset: 20" });
  const receivedLine = first.locator('[data-diff="received"]').filter({ hasText: "offset: 0" });
  await expect(expectedLine).toBeVisible();
  await expect(receivedLine).toBeVisible();
  const colour = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await colour(expectedLine)).not.toBe(await colour(receivedLine));
  await expect(page.getByTestId("diff-legend")).toBeVisible();
  // The link to the failing check opens the example test file at its line.
  const location = first.getByTestId("failure-location");
  await expect(location).toContainText("example.test.ts, line");
  const line = Number(/line (\d+)/.exec((await location.textContent()) ?? "")?.[1]);
  await location.click();
  await expect(page.getByRole("tab", { name: /example\.test\.ts/ })).toHaveAttribute("aria-selected", "true");
  // The cursor is on that line: Monaco marks its line number as the active one.
  expect(line).toBeGreaterThan(0);
  // (A wrapped line has one row per screen line; its first row shows the number.)
  await expect(page.locator(".monaco-editor .line-numbers.active-line-number").first()).toHaveText(
    String(line),
  );
  await expect(editorInput(page)).toHaveAttribute("aria-describedby", "editor-help");
});

test("a pass shows the next lesson and a celebration; a visitor is told it is not recorded", async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLesson(page);
  await typeCode(page, RIGHT);
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "pass", { timeout: 60_000 });
  const pass = page.getByTestId("pass-actions");
  await expect(pass).toBeVisible();
  await expect(page.getByTestId("visitor-pass-note")).toContainText("not recorded");
  await expect(page.getByTestId("visitor-pass-note").getByRole("link", { name: "sign in" })).toHaveAttribute(
    "href",
    /\/sign-in\?next=/,
  );
  // Reduced motion: no animation.
  expect(await pass.evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
  const next = page.getByTestId("pass-next-lesson");
  await expect(next).toBeVisible();
  const href = await next.getAttribute("href");
  expect(href).toMatch(/^\/learn\//);
  expect(href).not.toBe(LESSON);
  await next.click();
  await expect(page).toHaveURL(href!);
});

test("the celebration animates for those who did not ask for less motion", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await signUp(page, "Party");
  await openLesson(page);
  await typeCode(page, RIGHT);
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("pass-actions")).toBeVisible({ timeout: 60_000 });
  expect(await page.getByTestId("pass-actions").evaluate((el) => getComputedStyle(el).animationName)).toBe(
    "ws-glow",
  );
  await expect(page.getByTestId("visitor-pass-note")).toHaveCount(0);
});

test("on a phone the workspace is tabbed: the editor is one tap away and results show after grading", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LESSON);
  await expect(page.getByRole("tab", { name: "Lesson" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("lesson")).toBeVisible();
  await expect(page.getByTestId("submit")).toBeHidden();
  await page.getByRole("tab", { name: "Code" }).click();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
  await expect(page.getByTestId("lesson")).toBeHidden();
  await expectInView(page, page.getByTestId("code-editor"));
  await typeCode(page, WRONG);
  await page.getByTestId("submit").click();
  await expect(page.getByRole("tab", { name: /Results/ })).toHaveAttribute("aria-selected", "true", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("verdict")).toBeFocused();
  await expect(page.getByTestId("verdict")).toContainText("failed", { timeout: 60_000 });
  await expect(page.getByTestId("test-result").first().locator("summary")).toBeInViewport();
});

test("the keyboard: skip to the editor first thing, and the editor says how to leave it", async ({
  page,
}) => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await openLesson(page);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to the editor" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(editorInput(page)).toBeFocused();
    await expect(editorInput(page)).toHaveAttribute("aria-describedby", "editor-help");
    await expect(page.locator("#editor-help")).toContainText("Tab");
  }
  // Pages without an editor have no such link.
  await page.goto("/learn");
  await expect(page.getByRole("link", { name: "Skip to the editor" })).toBeHidden();
});

test("pane sizes are remembered across reloads", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLesson(page);
  const lessonPane = page.locator('[data-pane="lesson"]');
  const before = (await lessonPane.boundingBox())!.width;
  const separator = page.getByRole("separator", { name: "Resize the lesson and the code" });
  await separator.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await lessonPane.boundingBox())!.width).toBeLessThan(before - 20);
  const after = (await lessonPane.boundingBox())!.width;
  // The pointer drags the other separator: the code pane grows by what it was dragged.
  const codePane = page.locator('[data-pane="code"]');
  const codeBefore = (await codePane.boundingBox())!.height;
  const bar = (await page.getByRole("separator", { name: "Resize the code and the results" }).boundingBox())!;
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2 + 40, { steps: 4 });
  await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2 + 80, { steps: 4 });
  await page.mouse.up();
  const codeAfter = (await codePane.boundingBox())!.height;
  expect(Math.abs(codeAfter - codeBefore - 80)).toBeLessThan(6);
  await page.reload();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
  expect(Math.abs((await lessonPane.boundingBox())!.width - after)).toBeLessThan(3);
  expect(Math.abs((await codePane.boundingBox())!.height - codeAfter)).toBeLessThan(3);
});

test("a hint does not wait behind a running grade", async ({ page }) => {
  await signUp(page, "Hinted");
  await openLesson(page);
  await typeCode(page, "export function parseListQuery(search: string) {\n  while (true) {}\n}\n");
  // The grade is sent to the server and graded there, but its answer is held back from the page
  // until the hint is on screen, so the grade is still running as far as the page knows, whatever
  // the machine's speed. A hint asked through a Server Action would queue behind it (Next.js runs a
  // page's actions one at a time) and never arrive: this test would fail.
  const grade = await holdServerActions(page, LESSON);
  await page.getByTestId("run").click();
  await expect(page.getByTestId("run")).toBeDisabled();
  await expect.poll(() => grade.count()).toBe(1);
  await page.getByRole("button", { name: "Show a hint (1 of 3)" }).click();
  await expect(page.getByTestId("hint")).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId("run")).toBeDisabled();
  expect(grade.count()).toBe(1);
  grade.release();
  await expect(page.getByTestId("verdict")).toContainText("Time limit exceeded", { timeout: 90_000 });
});

test("the hints route checks who asks and what they send", async ({ page, request }) => {
  const url = "/api/hints/parse-query-pagination";
  expect((await request.post(url, { data: { index: 0 } })).status()).toBe(401);
  await signUp(page, "HintApi");
  const api = page.request;
  expect((await api.post(url, { data: { index: 1 } })).status()).toBe(400);
  expect((await api.post(url, { data: { index: "x" } })).status()).toBe(400);
  expect(
    (
      await api.post(url, {
        data: "index=0",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      })
    ).status(),
  ).toBe(415);
  expect((await api.post("/api/hints/no-such-exercise", { data: { index: 0 } })).status()).toBe(404);
  const first = await api.post(url, { data: { index: 0 } });
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ hint: expect.objectContaining({ index: 0 }) });
  expect((await api.post(url, { data: { index: 99 } })).status()).toBe(400);
});

test("lesson loads log no errors, /favicon.ico is served and the 404 page has its own title", async ({
  page,
  request,
}) => {
  const errors = watchConsole(page);
  for (const path of [
    LESSON,
    "/learn/security/sql-injection",
    "/learn/projects/url-shortener",
    "/learn/testing/unit-tests-slugify",
  ]) {
    // Monaco's load errors came with its TypeScript worker's start: wait until that worker answers.
    const worker = page.waitForEvent("worker", { timeout: 90_000 });
    await openLesson(page, path);
    expect(await (await worker).evaluate(() => typeof self.postMessage)).toBe("function");
  }
  expect(errors).toEqual([]);

  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page).toHaveTitle(/^Page not found/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("There is nothing at this address");
});

test("a SQL lesson starts no TypeScript worker (megabytes it does not need); a TypeScript lesson does", async ({
  page,
}) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  const errors = watchConsole(page);
  await openLesson(page, "/learn/databases/indexes-query-plans");
  // Use the editor and run the example tests: still no worker.
  await page.getByTestId("run").click();
  await expect(page.getByTestId("verdict")).toBeVisible({ timeout: 60_000 });
  expect(workers).toEqual([]);
  expect(errors).toEqual([]);
  // The same page code does start one for a TypeScript exercise (so the check above can fail).
  const worker = page.waitForEvent("worker", { timeout: 90_000 });
  await openLesson(page, LESSON);
  await worker;
});

test("the home page and the catalog suggest the same lesson", async ({ page }) => {
  await signUp(page, "Agree");
  // Open a lesson that is not the catalog's first: both pages suggest continuing it.
  await openLesson(page, "/learn/security/sql-injection");
  await page.goto("/");
  await expect(page.getByTestId("continue")).toHaveAttribute("data-lesson", "sql-injection");
  await expect(page.getByTestId("continue")).toContainText("Continue where you left off");
  await page.goto("/learn");
  await expect(page.getByTestId("next-lesson")).toHaveAttribute("data-lesson", "sql-injection");
  await expect(page.getByTestId("next-lesson")).toContainText("Continue where you left off");
});
