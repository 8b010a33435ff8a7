import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";

// A project in stages and several files, in the browser: tabs per file, drafts per file that survive
// a reload, a stage passed unlocking the next, and a regression in stage 1 failing stage 2.
const stamp = Date.now().toString(36);
const LESSON = "/learn/projects/url-shortener";
const DIR = "lessons/projects/url-shortener/stages";
const read = (stage: string, file: string) => fs.readFileSync(`${DIR}/${stage}/solution/${file}`, "utf8");

async function signUp(page: Page, name: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${stamp}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  // Password hashing (scrypt) is slow on a loaded machine.
  await expect(page.getByTestId("signed-in-as")).toHaveText(name, { timeout: 60_000 });
}

async function openProject(page: Page) {
  await page.goto(LESSON);
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}

const tab = (page: Page, name: string) =>
  page.getByRole("tab", { name: new RegExp(`^${name.replace(/\./g, "\\.")}`) });

/** Opens a file's tab and replaces its content (see learner.spec.ts for why the tail is deleted). */
async function typeFile(page: Page, name: string, code: string) {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute("aria-selected", "true");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

async function editorText(page: Page, name: string): Promise<string> {
  await tab(page, name).click();
  await expect(tab(page, name)).toHaveAttribute("aria-selected", "true");
  return ((await page.locator(".monaco-editor .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
}

async function submit(page: Page) {
  await page.getByTestId("submit").click();
  await expect(page.getByTestId("results")).toBeVisible({ timeout: 30_000 });
}

test("a learner builds a project stage by stage in several files; a regression in stage 1 fails stage 2", async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signUp(page, "Margaret");
  await openProject(page);

  // The learner's files and the stage's visible tests as tabs; stage 1 is the current one.
  for (const name of ["routes.ts", "store.ts", "codes.ts", "shorten.example.test.ts"])
    await expect(tab(page, name)).toBeVisible();
  await expect(tab(page, "redirect.example.test.ts")).toHaveCount(0);
  await expect(page.getByTestId("stages")).toHaveAttribute("data-current", "1");
  await expect(page.getByTestId("stage-2")).toHaveAttribute("data-state", "locked");

  // IntelliSense across files: a hover on an import from codes.ts shows its type.
  await tab(page, "routes.ts").click();
  // (Monaco merges a token with the spaces around it into one span; the TypeScript worker may take a
  // while to start on a loaded machine, and its hover says "Loading..." until then: hover again.)
  const identifier = page
    .locator(".monaco-editor .view-line span span", { hasText: /^\s*generateCode\W*$/ })
    .first();
  await expect(async () => {
    await page.mouse.move(0, 0);
    await identifier.hover({ timeout: 10_000 });
    await expect(
      page.locator(".monaco-hover").filter({ hasText: "generateCode(): string" }).first(),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });

  // Stage 1 in three files; each file's draft is saved on its own and survives a reload.
  for (const name of ["codes.ts", "store.ts", "routes.ts"])
    await typeFile(page, name, `// mine: ${name}\n${read("shorten", name)}`);
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 15_000 });
  await page.reload();
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  for (const name of ["codes.ts", "store.ts", "routes.ts"])
    expect(await editorText(page, name)).toContain(`// mine: ${name}`);

  await submit(page);
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("verdict")).toContainText("Stage 1 passed");
  await expect(page.getByTestId("stages")).toHaveAttribute("data-current", "2");
  await expect(page.getByTestId("stage-1")).toHaveAttribute("data-state", "passed");
  await expect(tab(page, "redirect.example.test.ts")).toBeVisible();

  // Stage 2, with a regression: the URL check no longer refuses other schemes. Stage 1's test fails.
  const regressed = read("redirect", "routes.ts").replace(
    'parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null',
    "parsed.href",
  );
  await typeFile(page, "routes.ts", regressed);
  await submit(page);
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "fail");
  const failing = page
    .getByTestId("test-result")
    .filter({ hasText: "stage 1: shorten" })
    .filter({ hasText: "only absolute http and https" });
  await expect(failing).toHaveAttribute("data-status", "fail");
  await expect(
    page.getByTestId("test-result").filter({ hasText: "stage 2: redirect" }).first(),
  ).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("stages")).toHaveAttribute("data-current", "2");

  // A compile error in one file is marked in that file's tab and editor.
  await typeFile(page, "store.ts", `${read("redirect", "store.ts")}\nexport const broken = = 1;\n`);
  await page.getByTestId("run").click();
  await expect(page.getByTestId("grade-error")).toHaveAttribute("data-kind", "compile");
  await expect(page.getByTestId("error-location")).toContainText("of store.ts");
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-marker-files", "store.ts");
  await page.getByTestId("error-location").click();
  await expect(tab(page, "store.ts")).toHaveAttribute("aria-selected", "true");

  // Fixed: stage 2 passes, stage 3 unlocks, and the catalog shows the stages.
  await typeFile(page, "store.ts", read("redirect", "store.ts"));
  await typeFile(page, "routes.ts", read("redirect", "routes.ts"));
  await submit(page);
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("verdict")).toContainText("Stage 2 passed");
  await expect(page.getByTestId("stages")).toHaveAttribute("data-current", "3");
  await expect(page.getByTestId("attempts")).toContainText("2 of 3 stages passed");

  // The reference solution of the last stage passed, file by file.
  await page.getByRole("button", { name: "Show the reference solution" }).click();
  await expect(page.getByTestId("solution").locator('pre[data-file="store.ts"]')).toContainText(
    "createStore",
  );
  await expect(page.getByTestId("solution")).toContainText("At the end of stage 2");

  await page.getByRole("link", { name: "Learn", exact: true }).click();
  await expect(page.getByTestId("stages-url-shortener")).toHaveText("2 of 3 stages passed");
  await expect(page.getByTestId("lesson-url-shortener")).toHaveAttribute("data-status", "started");

  // Reset puts every file back to its starter. Monaco draws only the lines in view, and the
  // starter's TODO lines (codes.ts line 7, routes.ts line 15) are below a short code pane: a tall
  // window shows every line of both files.
  await page.setViewportSize({ width: 1280, height: 1600 });
  await openProject(page);
  await page.getByTestId("reset").click();
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  // The editor shows it once the dialog has closed and Monaco has drawn the new text: poll.
  await expect.poll(() => editorText(page, "codes.ts")).toContain("TODO (stage 1)");
  await expect.poll(() => editorText(page, "routes.ts")).toContain("void generateCode;");
});
