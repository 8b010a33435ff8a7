import http from "node:http";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { setRole } from "./helpers.ts";

// The real server (npm start: scripts/server.ts around Next.js), real database, real browser.
const stamp = Date.now().toString(36);
const password = "correct horse battery";
const EXERCISE = "parse-query-pagination";

async function signUp(page: Page, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Generous: hashing a password takes a while on a loaded machine.
  await expect(page).toHaveURL(/\/learn$/, { timeout: 60_000 });
}

async function signIn(page: Page, email: string, pw = password, next?: string) {
  await page.goto(next === undefined ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Saves a draft with the given cookies: what a stolen session cookie could do. */
async function saveDraftWith(request: APIRequestContext, cookie: string): Promise<number> {
  const response = await request.put(`/api/drafts/${EXERCISE}`, {
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    // The same code each time: a save of the current code is accepted whatever its base revision.
    data: { code: "// saved", baseRevision: 0 },
  });
  return response.status();
}

const cookieHeader = async (context: BrowserContext) =>
  (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

/** A raw request (fetch refuses TRACE and other odd methods). */
function rawRequest(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const url = new URL(path, test.info().project.use.baseURL);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(url, { method, headers: options.headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end(options.body);
    },
  );
}

test("sign-in sends hostile next= values home, never to another site", async ({ browser, baseURL }) => {
  // Nine sign-ins (each a scrypt hash on the server): 59 s of the default 60 on a busy machine.
  test.setTimeout(180_000);
  const email = `redirect-${stamp}@example.com`;
  const setup = await browser.newPage();
  await signUp(setup, email);
  await setup.close();
  const hostile = [
    "/\t/evil.example/",
    "/.//evil.example/",
    "/learn/../\\evil.example",
    "//evil.example/",
    "https://evil.example/",
    "/\n/evil.example",
    "/%2e/%2e//evil.example",
    "javascript:alert(1)",
  ];
  for (const next of hostile) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email, password, next);
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    const url = new URL(page.url());
    expect(url.origin, JSON.stringify(next)).toBe(new URL(baseURL!).origin);
    expect(url.pathname, JSON.stringify(next)).toBe("/learn");
    await context.close();
  }
  // A path on this site is honoured.
  const page = await browser.newPage();
  await signIn(page, email, password, "/learn/http");
  await expect(page).toHaveURL(/\/learn\/http$/);
  await page.close();
});

test("a spoofed X-Forwarded-For changes nothing without TRUST_PROXY", async ({ browser }) => {
  const email = `spoof-${stamp}@example.com`;
  const setup = await browser.newPage();
  await signUp(setup, email);
  await setup.close();
  // Three failures (SIGNIN_MAX_FAILURES=3 in e2e), each claiming another address.
  const context = await browser.newContext();
  const page = await context.newPage();
  for (let i = 0; i < 3; i++) {
    await context.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${i + 1}` });
    await signIn(page, email, "not the password");
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("don't match");
  }
  await context.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.200" });
  await signIn(page, email);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText("Too many failed sign-ins");
  await context.close();
});

test("a session cookie captured before sign-out is refused after it; password change ends other sessions", async ({
  browser,
  request,
}) => {
  const email = `sessions-${stamp}@example.com`;
  const first = await browser.newContext();
  const page = await first.newPage();
  await signUp(page, email);
  const captured = await cookieHeader(first);
  expect(await saveDraftWith(request, captured)).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await saveDraftWith(request, captured)).toBe(401);

  // Two browsers; changing the password in one ends the other's session.
  await signIn(page, email);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const second = await browser.newContext();
  const other = await second.newPage();
  await signIn(other, email);
  await expect(other.getByTestId("signed-in-as")).toBeVisible();
  const otherCookie = await cookieHeader(second);
  expect(await saveDraftWith(request, otherCookie)).toBe(200);

  await page.goto("/account");
  await expect(page.getByTestId("session-count")).toContainText("2 browsers");
  await page.getByLabel("Current password").fill("wrong one");
  await page.getByLabel("New password").fill("password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("one of the ten most common passwords")).toBeVisible();
  await page.getByLabel("New password").fill("a brand new sentence of mine");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(password);
  const beforeChange = await cookieHeader(first);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?changed=password/, { timeout: 30_000 });
  await expect(page.getByText("Your password is changed and every session has ended.")).toBeVisible();
  expect(await saveDraftWith(request, otherCookie)).toBe(401);
  expect(await saveDraftWith(request, beforeChange)).toBe(401);
  await signIn(page, email, "a brand new sentence of mine");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(await saveDraftWith(request, await cookieHeader(first))).toBe(200);
  await page.goto("/account");

  // Sign out everywhere ends this one too.
  const current = await cookieHeader(first);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await saveDraftWith(request, current)).toBe(401);
  await first.close();
  await second.close();
});

test("sign-up refuses common passwords with a message that helps", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(`weak-${stamp}@example.com`);
  for (const weak of ["password", "12345678", "        "]) {
    await page.getByLabel("Password").fill(weak);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator("#field-password-error")).toContainText("Try a few unrelated words");
  }
  await expect(page.getByLabel("Email")).toHaveValue(`weak-${stamp}@example.com`);
});

test("pages carry a nonce CSP and the other security headers; inline scripts carry the nonce", async ({
  request,
}) => {
  const response = await request.get("/learn");
  const csp = response.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()["permissions-policy"]).toContain("camera=()");
  expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // Plain HTTP: no HSTS (browsers ignore it there, and it must not pin a site that has no HTTPS).
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const html = await response.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
  expect(inline.length).toBeGreaterThan(0);
  for (const [tag, attributes] of inline) expect(attributes, tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  const again = (await request.get("/learn")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("the editor works under the CSP, with no violation reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`/learn/http/${EXERCISE}`);
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await page.getByTestId("run").click();
  await expect(page.getByTestId("results")).toHaveAttribute("data-status", /fail|pass|error/);
  expect(violations).toEqual([]);
});

test("odd methods get a 4xx with a true Allow header, never a 500", async ({ request }) => {
  for (const method of ["TRACE", "QUERY", "PROPFIND"]) {
    const api = await rawRequest(method, "/api/v1/tracks");
    expect(api.status, method).toBe(405);
    expect(api.headers["content-type"]).toBe("application/problem+json");
    expect(api.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(JSON.parse(api.body)).toMatchObject({ status: 405, code: "method_not_allowed" });
    const unknown = await rawRequest(method, "/api/v1/nothing-here");
    expect(unknown.status, method).toBe(404);
    const page = await rawRequest(method, "/learn");
    expect(page.status, method).toBe(405);
  }
  const options = await request.fetch("/api/v1/exercises/x/grade", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers().allow).toBe("POST, OPTIONS");
  const wrong = await request.fetch("/api/v1/exercises/x/grade", { method: "DELETE" });
  expect(wrong.status()).toBe(405);
  expect(wrong.headers().allow).toBe("POST, OPTIONS");
  // Routes outside /api/v1 too: a body that says what is allowed, and a true Allow header.
  for (const [method, path, allow] of [
    ["POST", "/api/drafts/http-status-codes", "GET, PUT, DELETE, HEAD, OPTIONS"],
    ["GET", "/api/hints/http-status-codes", "POST, OPTIONS"],
    ["POST", "/api/health", "GET, HEAD, OPTIONS"],
    ["DELETE", "/api/ready", "GET, HEAD, OPTIONS"],
    ["POST", "/account/export", "GET, HEAD, OPTIONS"],
    ["PUT", "/teach/progress.csv", "GET, HEAD, OPTIONS"],
  ]) {
    const refused = await request.fetch(path, { method });
    expect(refused.status(), `${method} ${path}`).toBe(405);
    expect(refused.headers().allow, `${method} ${path}`).toBe(allow);
    expect((await refused.json()).error).toContain(allow);
  }
});

test("a path whose %-escapes do not decode gets a 400 that says so, never a 500", async () => {
  for (const path of ["/learn/http/%ff", "/learn/%", "/learn/http/%C0%AE"]) {
    const page = await rawRequest("GET", path);
    expect(page.status, path).toBe(400);
    expect(page.body, path).toContain("%-escape");
  }
  for (const path of ["/api/v1/exercises/%ff", "/api/v1/submissions/%C0%AE", "/api/drafts/%ff"]) {
    for (const method of ["GET", "POST"]) {
      const api = await rawRequest(method, path, {
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(api.status, `${method} ${path}`).toBe(400);
      expect(api.headers["content-type"]).toBe("application/problem+json");
      expect(JSON.parse(api.body)).toMatchObject({ status: 400, code: "invalid_path" });
    }
  }
  // A well-formed escape still reaches the route, which asks for an API key.
  expect((await rawRequest("GET", "/api/v1/exercises/caf%C3%A9")).status).toBe(401);
});

test("malformed Server Action calls get a 4xx with a clear body, never a 500", async ({ baseURL }) => {
  const host = new URL(baseURL!).host;
  const action = (headers: Record<string, string>, body: string | Buffer) =>
    rawRequest("POST", "/sign-in", {
      headers: { "Next-Action": "0".repeat(42), Host: host, ...headers },
      body,
    });
  const foreign = await action(
    { Origin: "https://evil.example", "Content-Type": "text/plain;charset=UTF-8" },
    "[]",
  );
  expect(foreign.status).toBe(403);
  expect(foreign.body).toContain("another site");
  const big = await action(
    { Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" },
    Buffer.alloc(1024 * 1024 + 10, "a"),
  );
  expect(big.status).toBe(413);
  const garbage = await action(
    { Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" },
    "{not json]]",
  );
  expect(garbage.status).toBe(400);
  const deep = await action(
    { Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" },
    "[".repeat(10_000) + "]".repeat(10_000),
  );
  expect(deep.status).toBe(400);
  const unknownAction = await action(
    { Origin: `http://${host}`, "Content-Type": "text/plain;charset=UTF-8" },
    "[]",
  );
  expect(unknownAction.status).toBeGreaterThanOrEqual(400);
  expect(unknownAction.status).toBeLessThan(500);
});

test("hints need an account; staff actions land in the admin's audit log", async ({ browser, page }) => {
  // Two sign-ups, two `npm run user` processes and a sign-in: over 60 s at load 10 (PostgreSQL run).
  test.setTimeout(180_000);
  await page.goto(`/learn/http/${EXERCISE}`);
  await page.getByRole("button", { name: /Show a hint/ }).click();
  await expect(page.getByText("Sign in to see hints")).toBeVisible();
  await expect(page.getByTestId("hint")).toHaveCount(0);

  const admin = `admin-${stamp}@example.com`;
  const teacher = `teacher-${stamp}@example.com`;
  const context = await browser.newContext();
  const adminPage = await context.newPage();
  await signUp(adminPage, admin);
  const other = await browser.newContext();
  await signUp(await other.newPage(), teacher);
  await other.close();
  setRole(admin, "admin");
  setRole(teacher, "instructor");
  // The role change ended the admin's session: sign in again.
  await adminPage.goto("/account");
  await expect(adminPage).toHaveURL(/\/sign-in/);
  await signIn(adminPage, admin);
  await expect(adminPage.getByTestId("signed-in-as")).toBeVisible({ timeout: 30_000 });
  await adminPage.goto("/teach/audit");
  const rows = adminPage.getByTestId("audit-row");
  await expect(rows.filter({ hasText: teacher })).toContainText("Role changed");
  await expect(rows.filter({ hasText: teacher })).toContainText("command line");
  await context.close();
});
