/**
 * `npm run bench:page [-- --url http://host:port] [--runs N] [--detail]`: how fast the lesson page is, in
 * headless Chromium against a warm server. Prints:
 *   - time to first byte and largest contentful paint of a lesson page (fresh browser context each
 *     run, so no HTTP cache; the server is warmed up first), median and worst;
 *   - client JavaScript fetched before Monaco is requested (the page's own bundle), and Monaco's
 *     with its workers, counted once the network is quiet after the editor is ready (with --detail,
 *     each script of both groups: the page's chunks, then the editor's chunks and the TypeScript
 *     worker);
 *   - the submit round trip: click on Submit to the verdict on screen, for a typical exercise.
 * Without --url it starts the built app itself (`npm start` on port 3102 with data/bench.db) and
 * stops it afterwards. Figures are for this machine; nothing is asserted.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const LESSON = "/learn/http/parse-query-pagination";
const SOLUTION = `function intParam(raw: string | null, fallback: number, min: number, max: number): number {
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

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const runs = Number(arg("runs") ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const max = (xs: number[]) => Math.max(...xs);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${Math.round(x)} ms`;

async function startServer(port: number): Promise<{ url: string; child: ChildProcess }> {
  const db = "./data/bench.db";
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.resolve(db + suffix), { force: true });
  const child = spawn("sh", ["scripts/node.sh", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${db}`, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the server exited before it was ready");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become ready in 5 minutes");
}

/** TTFB, LCP and the scripts of one cold page load (fresh context). */
async function measureLoad(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: { url: string; start: number; encoded: number; decoded: number; monaco: boolean }[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let lastSettled = Date.now();
  page.on("request", () => inFlight++);
  page.on("requestfailed", () => {
    inFlight--;
    lastSettled = Date.now();
  });
  page.on("requestfinished", () => {
    inFlight--;
    lastSettled = Date.now();
  });
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script" && !request.url().endsWith(".js")) return;
    pending.push(
      (async () => {
        const response = await request.response();
        const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        const sizes = await request.sizes().catch(() => ({ responseBodySize: body.length }));
        scripts.push({
          url: request.url(),
          start: request.timing().startTime,
          encoded: sizes.responseBodySize,
          decoded: body.length,
          monaco: /MonacoEnvironment|monaco-editor|vs\/editor/.test(body.toString("latin1")),
        });
      })(),
    );
  });
  await page.goto(url + LESSON, { waitUntil: "load" });
  await page.getByTestId("code-editor").and(page.locator('[data-ready="true"]')).waitFor({ timeout: 60_000 });
  // Count every script the editor fetches (its workers too, 1.4 MB), however long they take: wait
  // until no request has been in flight for 500 ms (at most 30 s). Closing the page 300 ms after
  // the editor was ready left the TypeScript worker in or out of the figure by timing alone.
  for (const end = Date.now() + 30_000; Date.now() < end;) {
    if (inFlight <= 0 && Date.now() - lastSettled >= 500) break;
    await page.waitForTimeout(100);
  }
  const timing = await page.evaluate(
    () =>
      new Promise<{ ttfb: number; lcp: number }>((resolve) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve({ ttfb: nav.responseStart, lcp: entries[entries.length - 1]?.startTime ?? NaN });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  await Promise.all(pending);
  await context.close();
  const monacoStart = Math.min(...scripts.filter((s) => s.monaco).map((s) => s.start));
  const before = scripts.filter((s) => s.start < monacoStart);
  const after = scripts.filter((s) => s.start >= monacoStart);
  const sum = (list: typeof scripts, key: "encoded" | "decoded") => list.reduce((n, s) => n + s[key], 0);
  const listed = (list: typeof scripts) =>
    list
      .map((s) => ({ path: new URL(s.url).pathname, encoded: s.encoded, decoded: s.decoded }))
      .sort((a, b) => b.decoded - a.decoded);
  return {
    ...timing,
    beforeEncoded: sum(before, "encoded"),
    beforeDecoded: sum(before, "decoded"),
    beforeCount: before.length,
    beforeScripts: listed(before),
    monacoEncoded: sum(after, "encoded"),
    monacoDecoded: sum(after, "decoded"),
    monacoFound: Number.isFinite(monacoStart),
    monacoScripts: listed(after),
  };
}

async function typeCode(page: Page, code: string) {
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

/** Click on Submit to the verdict on screen, as a signed-in learner. */
async function measureSubmit(
  browser: Browser,
  url: string,
  count: number,
): Promise<{ roundTrips: number[]; graded: number[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + "/sign-up");
  await page.getByLabel("Email").fill(`bench-${Date.now().toString(36)}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByTestId("signed-in-as").waitFor();
  await page.goto(url + LESSON);
  await page.locator('[data-testid="code-editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  await typeCode(page, SOLUTION);
  const roundTrips: number[] = [];
  const graded: number[] = [];
  for (let i = 0; i < count + 1; i++) {
    const started = await page.evaluate(() => {
      const t = performance.now();
      (document.querySelector('[data-testid="submit"]') as HTMLButtonElement).click();
      return t;
    });
    // The verdict is on screen when the results panel is back and Submit is enabled again. A string,
    // not a function: tsx would wrap named inner functions in a helper the page does not have.
    const finished = (await page.evaluate(`new Promise((resolve) => {
      const t0 = ${started};
      const button = () => document.querySelector('[data-testid="submit"]');
      const check = () => (document.querySelector('[data-testid="results"]') && !button().disabled ? resolve(performance.now()) : requestAnimationFrame(check));
      const waitBusy = () => (button().disabled || performance.now() - t0 > 2000 ? check() : requestAnimationFrame(waitBusy));
      waitBusy();
    })`)) as number;
    const text = await page.getByTestId("results").innerText();
    const gradedMs = Number(/Graded in (\d+) ms/.exec(text)?.[1] ?? NaN);
    if (i > 0) {
      // The first submit warms the grader's caches; report the rest.
      roundTrips.push(finished - started);
      graded.push(gradedMs);
    }
  }
  await context.close();
  return { roundTrips, graded };
}

const given = arg("url");
const server = given ? null : await startServer(Number(arg("port") ?? 3102));
const url = given ?? server!.url;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  // Warm the server (compiled routes, content cache, grader workers).
  await measureLoad(browser, url);
  const loads = [];
  for (let i = 0; i < runs; i++) loads.push(await measureLoad(browser, url));
  const submit = await measureSubmit(browser, url, runs);
  const first = loads[0]!;
  const summary = {
    url: url + LESSON,
    runs,
    ttfbMs: { median: median(loads.map((l) => l.ttfb)), max: max(loads.map((l) => l.ttfb)) },
    lcpMs: { median: median(loads.map((l) => l.lcp)), max: max(loads.map((l) => l.lcp)) },
    jsBeforeEditor: {
      scripts: first.beforeCount,
      transferBytes: first.beforeEncoded,
      decodedBytes: first.beforeDecoded,
    },
    monacoJs: {
      found: first.monacoFound,
      transferBytes: first.monacoEncoded,
      decodedBytes: first.monacoDecoded,
    },
    submitRoundTripMs: { median: median(submit.roundTrips), max: max(submit.roundTrips) },
    gradeServerMs: { median: median(submit.graded) },
  };
  console.log(`Lesson page ${summary.url} (${runs} cold loads on a warm server, headless Chromium)`);
  console.log(
    `  time to first byte         median ${ms(summary.ttfbMs.median)}, max ${ms(summary.ttfbMs.max)}`,
  );
  console.log(
    `  largest contentful paint   median ${ms(summary.lcpMs.median)}, max ${ms(summary.lcpMs.max)}`,
  );
  const detail = process.argv.includes("--detail");
  const printScripts = (list: typeof first.monacoScripts) => {
    for (const s of list)
      console.log(
        `    ${s.path.padEnd(48)} ${kb(s.encoded).padStart(10)} transferred ${kb(s.decoded).padStart(10)} decoded`,
      );
  };
  console.log(
    `  JS before Monaco requested ${first.beforeCount} scripts, ${kb(first.beforeEncoded)} transferred (${kb(first.beforeDecoded)} decoded)`,
  );
  if (detail) printScripts(first.beforeScripts);
  console.log(
    `  Monaco and later JS        ${kb(first.monacoEncoded)} transferred (${kb(first.monacoDecoded)} decoded)${first.monacoFound ? "" : " (Monaco not detected!)"}`,
  );
  if (detail) printScripts(first.monacoScripts);
  console.log(
    `  submit round trip          median ${ms(summary.submitRoundTripMs.median)}, max ${ms(summary.submitRoundTripMs.max)} (grading itself: median ${ms(summary.gradeServerMs.median)})`,
  );
  console.log(JSON.stringify(summary));
} finally {
  await browser.close();
  if (server?.child.pid) process.kill(-server.child.pid, "SIGTERM");
}
