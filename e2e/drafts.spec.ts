import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";

// Drafts that cannot be lost (issue 12): every keystroke kept in the browser, saved to the server
// with revisions, retried when offline, reconciled between tabs and devices. Real browser, server
// and database; the network is cut with Playwright's offline mode and request routing.
const stamp = Date.now().toString(36);
const LESSON = "/learn/http/parse-query-pagination";
const EXERCISE = "parse-query-pagination";
const PROJECT = "/learn/projects/url-shortener";
const password = "correct horse battery";

async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase()}-${stamp}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Password hashing (scrypt) is slow on a loaded machine.
  await expect(page.getByTestId("signed-in-as")).toHaveText(name, { timeout: 60_000 });
  return email;
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible({ timeout: 60_000 });
}

async function waitForEditor(page: Page) {
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 90_000 });
}

async function open(page: Page, path = LESSON) {
  await page.goto(path);
  await waitForEditor(page);
}

const tab = (page: Page, name: string) =>
  page.getByRole("tab", { name: new RegExp(`^${name.replace(/\./g, "\\.")}`) });

/** Replaces the editor's content (see learner.spec.ts for why the tail is deleted). Resolves right after the last keystroke. */
async function typeCode(page: Page, code: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

/** The text of the editor's model (every line, not only those on screen). */
async function editorText(page: Page): Promise<string> {
  return ((await page.locator(".monaco-editor .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
}

const flat = (code: string) => code.replace(/\n/g, "");

/** The server's copy, through the drafts route with the page's cookies. */
async function serverDraft(
  page: Page,
  file = "",
): Promise<{ code: string | null; revision: number } | undefined> {
  const response = await page.request.get(`/api/drafts/${EXERCISE}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    drafts: { file: string; code: string | null; revision: number }[];
  };
  return body.drafts.find((d) => d.file === file);
}

/**
 * Types `code` and reloads the page 50 ms after its last keystroke: the page itself schedules the
 * reload from that keystroke's keydown event, so the delay does not depend on the test's round trips.
 */
async function typeThenReloadAt50ms(page: Page, code: string) {
  await typeCode(page, code.slice(0, -1));
  await page.evaluate(() => {
    // keydown comes before the editor handles the key; the text change happens in the same task, long before 50 ms.
    document.addEventListener("keydown", () => window.setTimeout(() => window.location.reload(), 50), {
      once: true,
      capture: true,
    });
  });
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.keyboard.type(code.slice(-1));
  await navigated;
  await waitForEditor(page);
}

test("a reload within 100 ms of typing keeps the edit, 5 times in a row", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, "Quick");
  await open(page);
  for (let i = 1; i <= 5; i++) {
    // Well inside the 1 s save delay: only the browser's own copy (and the flush on leaving) can have it.
    const code = `// reload ${i} ${stamp}\nexport const pageSize = ${i};`;
    await typeThenReloadAt50ms(page, code);
    expect(await editorText(page)).toBe(flat(code));
  }
  // And the last edit reaches the server.
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(page))?.code).toBe(`// reload 5 ${stamp}\nexport const pageSize = 5;`);
});

test("a visitor's edit survives a reload within 100 ms too, and stays in this browser", async ({ page }) => {
  await open(page);
  for (let i = 1; i <= 2; i++) {
    const code = `// visitor ${i} ${stamp};`;
    await typeThenReloadAt50ms(page, code);
    expect(await editorText(page)).toBe(code);
  }
  await typeCode(page, "// visitor, saved\n");
  await expect(page.getByTestId("save-status")).toHaveText("Saved in this browser");
});

test("a project's files are kept each on its own across a quick reload", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, "Files");
  await open(page, PROJECT);
  for (const name of ["codes.ts", "store.ts"]) {
    await tab(page, name).click();
    await expect(tab(page, name)).toHaveAttribute("aria-selected", "true");
    await typeCode(page, `// quick ${name} ${stamp}\n`);
  }
  await page.reload();
  await waitForEditor(page);
  for (const name of ["codes.ts", "store.ts"]) {
    await tab(page, name).click();
    await expect(tab(page, name)).toHaveAttribute("aria-selected", "true");
    expect(await editorText(page)).toBe(`// quick ${name} ${stamp}`);
  }
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
});

test("an edit made offline is saved when the connection returns, and survives a reload", async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await signUp(page, "Offline");
  await open(page);
  await typeCode(page, "// before going offline\n");
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  await context.setOffline(true);
  const offline = `// typed offline ${stamp}\nexport const pageSize = 7;\n`;
  await typeCode(page, offline);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "offline", { timeout: 45_000 });
  await expect(page.getByTestId("save-status")).toHaveText("Offline: kept in this browser");
  // A few failed attempts while offline (the retries back off).
  await page.waitForTimeout(3_000);

  await context.setOffline(false);
  // The online event sends it at once: no need to type again.
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(page))?.code).toBe(offline);
  await page.reload();
  await waitForEditor(page);
  expect(await editorText(page)).toBe(flat(offline));
  await expect(page.getByTestId("draft-notice")).toHaveCount(0);

  // Offline again, then back online and reloaded at once: the browser's copy is shown and saved.
  await context.setOffline(true);
  const again = `// offline, then reloaded ${stamp}\n`;
  await typeCode(page, again);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "offline", { timeout: 45_000 });
  await context.setOffline(false);
  await page.reload();
  await waitForEditor(page);
  expect(await editorText(page)).toBe(flat(again));
  await expect(page.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(page))?.code).toBe(again);
});

test("two tabs on one exercise show the newest text, and a reload keeps it", async ({ context }) => {
  test.setTimeout(150_000);
  const a = await context.newPage();
  await signUp(a, "Tabs");
  const b = await context.newPage();
  await open(a);
  await open(b);

  const fromA = `// typed in tab A ${stamp}\n`;
  await typeCode(a, fromA);
  // Tab B follows what tab A types (same browser): no stale copy to type over.
  await expect.poll(() => editorText(b)).toBe(flat(fromA));
  await expect(a.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  const fromB = `// then in tab B ${stamp}\n`;
  await typeCode(b, fromB);
  await expect.poll(() => editorText(a)).toBe(flat(fromB));
  await expect(b.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  // Typing in A again, then reloading both: the newest text everywhere, on the server too.
  const last = `// last, in tab A ${stamp}\n`;
  await typeCode(a, last);
  await a.reload();
  await b.reload();
  await waitForEditor(a);
  await waitForEditor(b);
  expect(await editorText(a)).toBe(flat(last));
  expect(await editorText(b)).toBe(flat(last));
  await expect(a.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(a))?.code).toBe(last);
});

test("two devices: a stale save is refused, the newer edit kept, and the other version offered", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await browser.newContext();
  const a = await first.newPage();
  const email = await signUp(a, "Devices");
  await open(a);
  await typeCode(a, "// device A, first\n");
  await expect(a.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  // A second browser (its own storage, like another computer) opens the lesson at that revision.
  const second = await browser.newContext();
  const b = await second.newPage();
  await signIn(b, email);
  await open(b);
  expect(await editorText(b)).toBe("// device A, first");

  // A saves a newer revision; B, not knowing, types and saves: the server refuses B's stale save.
  const fromA = `// device A, second ${stamp}\n`;
  await typeCode(a, fromA);
  await expect(a.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  const refused = b.waitForResponse(
    (r) =>
      r.url().includes(`/api/drafts/${EXERCISE}`) && r.request().method() === "PUT" && r.status() === 409,
  );
  const fromB = `// device B, typed last ${stamp}\n`;
  await typeCode(b, fromB);
  const conflict = (await (await refused).json()) as { current: { code: string; revision: number } };
  expect(conflict.current.code).toBe(fromA);

  // B's edit is the newer one: kept and saved over A's, with A's version one click away.
  await expect(b.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  const notice = b.getByTestId("draft-notice");
  await expect(notice).toContainText("replaced a different version");
  expect((await serverDraft(b))?.code).toBe(fromB);
  await a.reload();
  await waitForEditor(a);
  expect(await editorText(a)).toBe(flat(fromB));

  await notice.getByRole("button", { name: "Restore that version" }).click();
  // The click's update reaches Monaco after a render: poll (a read right after the click raced it at load 9).
  await expect.poll(() => editorText(b)).toBe(flat(fromA));
  await expect(b.getByTestId("draft-notice")).toHaveCount(0);
  await expect(b.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(b))?.code).toBe(fromA);
  await first.close();
  await second.close();
});

/**
 * Types `code` in `page` with its saves cut off, and returns a new context holding that browser's
 * state (cookies and localStorage), as when the browser is closed before a save gets through. The
 * old page is not left: leaving it would send the unsaved edit with a `keepalive` request that
 * Playwright's routing does not see (Chromium sends it after the document is gone), so it would
 * reach the server and the two copies would no longer differ. It stays open, its saves refused by
 * the route, until the caller closes its context.
 */
async function leaveUnsaved(browser: Browser, page: Page, code: string): Promise<BrowserContext> {
  await page.route("**/api/drafts/**", (route) => route.abort("internetdisconnected"));
  await typeCode(page, code);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "retrying", {
    timeout: 45_000,
  });
  return browser.newContext({ storageState: await page.context().storageState() });
}

test("on load, the newer copy is shown and the page says which, with the other one a click away", async ({
  browser,
}) => {
  // Four browser contexts, three of them with the editor loaded: at load 15 the last editor took
  // over 30 s to be ready and the run passed 180 s (the first half, the notice, had passed).
  test.setTimeout(300_000);
  const contexts: BrowserContext[] = [await browser.newContext()];
  const first = await contexts[0]!.newPage();
  const email = await signUp(first, "Loads");
  await open(first);
  await typeCode(first, "// saved from the laptop\n");
  await expect(first.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  // The laptop's next edit does not reach the server: it is only in the laptop's browser.
  const unsaved = `// laptop edit that never reached the server ${stamp}\n`;
  contexts.push(await leaveUnsaved(browser, first, unsaved));
  expect((await serverDraft(first))?.code).toBe("// saved from the laptop\n");

  // Back on the laptop: its own copy is newer than the server's, shown, said so, and saved.
  let l = await contexts[1]!.newPage();
  await open(l);
  expect(await editorText(l)).toBe(flat(unsaved));
  await expect(l.getByTestId("draft-notice")).toContainText("Restored your unsaved edit");
  await l.getByTestId("draft-notice").getByRole("button", { name: "Show the saved copy instead" }).click();
  await expect.poll(() => editorText(l)).toBe("// saved from the laptop");
  await expect(l.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(l))?.code).toBe("// saved from the laptop\n");

  // Another laptop edit does not reach the server; meanwhile a phone saves something newer.
  const stale = `// laptop, older than the phone ${stamp}\n`;
  contexts.push(await leaveUnsaved(browser, l, stale));
  const phone = await browser.newContext();
  contexts.push(phone);
  const p = await phone.newPage();
  await signIn(p, email);
  await open(p);
  const fromPhone = `// the phone's newer edit ${stamp}\n`;
  await typeCode(p, fromPhone);
  await expect(p.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });

  // The laptop shows the phone's newer copy and offers its own older one.
  l = await contexts[2]!.newPage();
  await open(l);
  expect(await editorText(l)).toBe(flat(fromPhone));
  const notice = l.getByTestId("draft-notice");
  await expect(notice).toContainText("Showing the copy saved at");
  await notice.getByRole("button", { name: "Use this browser's edit instead" }).click();
  await expect.poll(() => editorText(l)).toBe(flat(stale));
  await expect(l.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  expect((await serverDraft(l))?.code).toBe(stale);
  for (const context of contexts) await context.close();
});

test("reset goes back to the starter on the server too, and a save from before it is refused", async ({
  context,
}) => {
  test.setTimeout(120_000);
  const a = await context.newPage();
  await signUp(a, "Resets");
  await open(a);
  await typeCode(a, "// to be reset\n");
  await expect(a.getByTestId("save-status")).toHaveText("Saved", { timeout: 45_000 });
  const before = (await serverDraft(a))!.revision;

  await a.getByTestId("reset").click();
  await a.getByRole("dialog", { name: "Reset your code?" }).getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => editorText(a)).toContain("Replace this with real parsing");
  // The server keeps the draft with code null (the starter) at a new revision; "pending" until the reset arrives.
  await expect
    .poll(async () => {
      const draft = await serverDraft(a);
      return draft === undefined ? "pending" : draft.code;
    })
    .toBeNull();
  expect((await serverDraft(a))!.revision).toBeGreaterThan(before);

  // A save from before the reset (a stale revision) is refused with the reset state.
  const stale = await a.request.put(`/api/drafts/${EXERCISE}`, {
    data: { code: "// from before the reset", baseRevision: before },
  });
  expect(stale.status()).toBe(409);
  expect(((await stale.json()) as { current: { code: null } }).current.code).toBeNull();
  await a.reload();
  await waitForEditor(a);
  expect(await editorText(a)).toContain("Replace this with real parsing");
});
