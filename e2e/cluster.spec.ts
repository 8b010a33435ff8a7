import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  findPostgresBin,
  freePort,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from "../lib/db/throwaway-postgres.ts";
import { startAppServer, type AppServer } from "./support/app-server.ts";

// Two app servers (`npm start`, TRUST_PROXY=1) on one PostgreSQL behind Debian's nginx running the
// repository's deploy/nginx.conf (ports swapped, plus a header naming the upstream that answered).
// Everything is this spec's own: a throwaway cluster, servers and nginx on free ports. Skipped, with
// the reason, only where PostgreSQL or nginx is not installed (.ci/run installs both).
// "Under load": while the first three tests run, a background load (grades and page renders from
// another account) goes through nginx to both servers; the kill test makes its own.
// Also checked here on the real servers: JSON log lines carrying the request id that the response
// returned (X-Request-Id, nginx's $request_id), /api/ready, and /metrics off without METRICS_TOKEN.

const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
const missing = [!findPostgresBin() && "PostgreSQL (initdb)", !fs.existsSync(NGINX) && `nginx (${NGINX})`]
  .filter(Boolean)
  .join(" and ");
const EXERCISE = "parse-query-pagination";
const solution = fs.readFileSync(`lessons/http/${EXERCISE}/solution.ts`, "utf8");
const LOOP = "export function parseListQuery(search: string) {\n  for (;;) {}\n}\n";
const stamp = Date.now().toString(36);
const password = "correct horse battery";
const RATE_LIMIT = 30;

type Server = AppServer;

let cluster: ThrowawayPostgres | null = null;
let databaseUrl = "";
const servers: Server[] = [];
let nginx: ChildProcess | null = null;
let nginxDir = "";
let base = "";
let load: ReturnType<typeof startLoad> | null = null;

process.on("exit", () => nginx?.kill("SIGKILL"));

/** `npm start` behind nginx: trusts its X-Forwarded-For, one grader worker, the spec's rate limit. */
function startServer(name: string): Promise<Server> {
  return startAppServer(
    {
      DATABASE_URL: databaseUrl,
      TRUST_PROXY: "1",
      SANDBOX_WORKERS: "1",
      API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      SIGNUP_MAX_PER_HOUR: "1000",
      DATABASE_POOL_SIZE: "5",
    },
    { name },
  );
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** deploy/nginx.conf with this spec's ports, in a main config of its own (paths under a temp folder). */
function nginxConfig(dir: string, listen: number): string {
  let site = fs.readFileSync("deploy/nginx.conf", "utf8");
  site = site
    .replace(/server 127\.0\.0\.1:3000/, `server 127.0.0.1:${servers[0]!.port}`)
    .replace(/server 127\.0\.0\.1:3001/, `server 127.0.0.1:${servers[1]!.port}`);
  site = site.replace(/listen 80;/, `listen 127.0.0.1:${listen};`).replace(/\s*listen \[::\]:80;/, "");
  // Test only: which server answered (an operator would not publish internal addresses).
  site = site.replace(
    /location \/ \{/,
    "location / {\n        add_header X-Upstream $upstream_addr always;\n        add_header X-Nginx-Request-Id $request_id always;",
  );
  expect(site).toContain(`127.0.0.1:${servers[1]!.port}`);
  return [
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    "worker_processes 1;",
    "events { worker_connections 512; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
      (name) => `  ${name}_temp_path ${dir}/${name};`,
    ),
    site,
    "}",
  ].join("\n");
}

function createLearnerKeys(...names: string[]): string[] {
  const emails = names.map((name) => `${name}-${stamp}@example.com`);
  const out = execFileSync(
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      "--no-node-snapshot",
      "--conditions=react-server",
      "--import",
      "tsx",
      "e2e/support/create-learner-keys.ts",
      ...emails,
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
  );
  const keys = JSON.parse(out.trim().split("\n").pop()!) as Record<string, string>;
  return emails.map((email) => keys[email]!);
}

type LogLine = { requestId?: string; path?: string; status?: number; msg?: string };

function parsedLines(server: Server): LogLine[] {
  return server
    .output()
    .split("\n")
    .flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed && typeof parsed === "object" ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
}

function requestLines(): LogLine[] {
  return servers.flatMap(parsedLines).filter((line) => line.msg === "request");
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The server that answered: $upstream_addr lists every server nginx tried, the last one answered. */
function answeredBy(header: string | null | undefined): string {
  return (header ?? "").split(", ").pop() ?? "";
}

/** The request ids of background answers other than 200/201/429 (nginx's own error pages carry one too). */
const badRequestIds: string[] = [];

/** Requests in a loop through nginx until stopped: grades (mostly refused by the key's limit after a while: cheap but real) and page renders. */
function startLoad(key: string, concurrency: number): { stop: () => Promise<Record<string, number>> } {
  let running = true;
  const statuses: Record<string, number> = {};
  const loop = async (n: number) => {
    for (let i = 0; running; i++) {
      const what = i % 2 === n % 2 ? "POST grade" : "GET /";
      const answer = await (
        what === "POST grade"
          ? fetch(`${base}/api/v1/exercises/${EXERCISE}/grade`, {
              method: "POST",
              headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
              body: JSON.stringify({ code: solution, mode: "submit" }),
            })
          : fetch(`${base}/`)
      ).then(
        async (r) => (
          await r.arrayBuffer(),
          {
            status: r.status,
            id: r.headers.get("x-request-id") ?? r.headers.get("x-nginx-request-id"),
            upstream: r.headers.get("x-upstream"),
          }
        ),
        (error: unknown) => ({ status: `error ${String(error)}`, id: null, upstream: null }),
      );
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (![200, 201, 429].includes(Number(answer.status)) && answer.id) badRequestIds.push(answer.id);
      if (![200, 201, 429].includes(Number(answer.status)))
        console.log(
          `[cluster] background ${what}: ${answer.status} (request id ${answer.id}, upstream ${answer.upstream})`,
        );
    }
  };
  const loops = Array.from({ length: concurrency }, (_, n) => loop(n));
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return statuses;
    },
  };
}

type Graded = {
  status: number;
  upstream: string;
  replayed: boolean;
  body: { submissionId?: string; code?: string; result?: { status: string } };
};

async function grade(key: string, code: string, idempotencyKey?: string): Promise<Graded> {
  const response = await fetch(`${base}/api/v1/exercises/${EXERCISE}/grade`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "Content-Type": "application/json",
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    },
    body: JSON.stringify({ code, mode: "submit" }),
  });
  const text = await response.text();
  let body: Graded["body"] = {};
  try {
    body = JSON.parse(text) as Graded["body"];
  } catch {
    // nginx's own 502 page is HTML.
  }
  return {
    status: response.status,
    upstream: answeredBy(response.headers.get("x-upstream")),
    replayed: response.headers.get("idempotent-replayed") === "true",
    body,
  };
}

test.describe.configure({ mode: "serial" });
test.skip(
  missing !== "",
  `two servers behind nginx need ${missing}: not installed here (apt-get install postgresql nginx)`,
);

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const pgCluster = await startThrowawayPostgres();
  if ("skip" in pgCluster) throw new Error(pgCluster.skip);
  cluster = pgCluster;
  databaseUrl = await cluster.createDatabase("serverside_cluster");
  // Started together: both migrate the empty database at once (one waits on the other's lock).
  servers.push(...(await Promise.all([startServer("a"), startServer("b")])));
  expect(servers.map((s) => s.output()).join("\n")).toMatch(/applied \d+ migration/);

  nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-nginx-"));
  fs.chmodSync(nginxDir, 0o777);
  const port = await freePort();
  fs.writeFileSync(path.join(nginxDir, "nginx.conf"), nginxConfig(nginxDir, port));
  nginx = spawn(NGINX, ["-p", nginxDir, "-c", path.join(nginxDir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || nginx.exitCode !== null)
      throw new Error(`nginx did not start: ${fs.readFileSync(path.join(nginxDir, "error.log"), "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const [loadKey] = createLearnerKeys("load");
  load = startLoad(loadKey!, 2);
});

test.afterEach(({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const server of servers)
    console.log(
      `--- server ${server.name} (port ${server.port}), last output:\n${server.output().slice(-4000)}`,
    );
  const errors = nginxDir && path.join(nginxDir, "error.log");
  if (errors && fs.existsSync(errors))
    console.log(`--- nginx error.log:\n${fs.readFileSync(errors, "utf8").slice(-4000)}`);
});

test.afterAll(async () => {
  await load?.stop();
  await Promise.all(servers.map((server) => server.stop()));
  if (nginx) {
    nginx.kill("SIGTERM");
    await exited(nginx, 10_000);
  }
  if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
  cluster?.stop();
});

test("a session made through nginx works on both servers", async ({ browser }) => {
  test.setTimeout(300_000);
  const email = `session-${stamp}@example.com`;
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up hashes the password (scrypt) and signs in: seconds on a loaded machine.
  await expect(page).toHaveURL(/\/learn/, { timeout: 150_000 });
  const both = new Set(servers.map((s) => `127.0.0.1:${s.port}`));
  // Round robin alternates servers, but the background load's requests interleave with ours: ask
  // until each server has answered (a bounded number of times), and every answer must be signed in.
  const upstreams = new Set<string>();
  for (let i = 0; i < 60 && upstreams.size < 2; i++) {
    const response = await context.request.get("/api/auth/session", { timeout: 60_000 });
    expect(response.status()).toBe(200);
    expect(
      ((await response.json()) as { user?: { email?: string } }).user?.email,
      "signed in on whichever server answered",
    ).toBe(email);
    upstreams.add(answeredBy(response.headers()["x-upstream"]));
  }
  expect(upstreams, "both servers answered").toEqual(both);
  // A page that needs the session, rendered by each server.
  const rendered = new Set<string>();
  for (let i = 0; i < 30 && rendered.size < 2; i++) {
    const response = await page.goto("/account");
    await expect(page).toHaveURL(/\/account/, { timeout: 60_000 });
    await expect(page.getByText(email).first()).toBeVisible({ timeout: 60_000 });
    rendered.add(answeredBy(response?.headers()["x-upstream"]));
  }
  expect(rendered, "/account rendered for the session by both servers").toEqual(both);
  await context.close();
});

test("one API key's rate limit is one budget across both servers", async () => {
  test.setTimeout(120_000);
  const [key] = createLearnerKeys("rate");
  const started = performance.now();
  const answers: { status: number; upstream: string }[] = [];
  // Twice the limit, and on until each server has refused some (other traffic interleaves with ours).
  const refusedBy = () => new Set(answers.filter((a) => a.status === 429).map((a) => a.upstream)).size;
  for (let i = 0; i < RATE_LIMIT * 6 && (i < RATE_LIMIT * 2 || refusedBy() < 2); i++) {
    const response = await fetch(`${base}/api/v1/tracks`, { headers: { Authorization: `Bearer ${key}` } });
    await response.arrayBuffer();
    answers.push({ status: response.status, upstream: answeredBy(response.headers.get("x-upstream")) });
  }
  const seconds = (performance.now() - started) / 1000;
  const ok = answers.filter((a) => a.status === 200).length;
  // Per-server buckets would allow 2 x RATE_LIMIT; one shared bucket allows RATE_LIMIT plus what
  // refilled while the requests ran (RATE_LIMIT a minute).
  const refilled = Math.ceil((seconds * RATE_LIMIT) / 60);
  console.log(
    `[cluster] ${answers.length} requests in ${seconds.toFixed(1)} s: ${ok} allowed (limit ${RATE_LIMIT}, refill ${refilled})`,
  );
  expect(ok).toBeGreaterThanOrEqual(RATE_LIMIT);
  expect(ok).toBeLessThanOrEqual(RATE_LIMIT + refilled);
  expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
  for (const server of servers) {
    const mine = answers.filter((a) => a.upstream === `127.0.0.1:${server.port}`);
    expect(
      mine.some((a) => a.status === 429),
      `server ${server.name} refused too`,
    ).toBe(true);
  }
});

test("the same Idempotency-Key sent to each server grades once", async () => {
  test.setTimeout(120_000);
  const [key] = createLearnerKeys("idem");
  const idempotencyKey = `same-${stamp}`;
  const answers: Graded[] = [];
  // Round robin (with other traffic interleaving) reaches both servers within a few requests; keep going until both answered.
  while (answers.length < 40 && new Set(answers.map((a) => a.upstream)).size < 2)
    answers.push(await grade(key!, solution, idempotencyKey));
  expect(new Set(answers.map((a) => a.upstream)).size).toBe(2);
  for (const answer of answers) {
    expect(answer.status).toBe(201);
    expect(answer.body.submissionId).toBe(answers[0]!.body.submissionId);
  }
  expect(answers.slice(1).every((a) => a.replayed)).toBe(true);
  const rows = await query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM "Submission" s JOIN "ApiKey" k ON k.id = s."apiKeyId" JOIN "User" u ON u.id = k."userId" WHERE u.email = $1`,
    [`idem-${stamp}@example.com`],
  );
  expect(Number(rows[0]!.n)).toBe(1);
});

test("each server: ready, JSON log lines with the request id it returned, no /metrics without a token", async () => {
  test.setTimeout(120_000);
  for (const server of servers) {
    const ready = await fetch(`http://127.0.0.1:${server.port}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: "ok", grader: "warm", stopping: false },
    });
    // Off by default: without METRICS_TOKEN there is no /metrics (Next's 404), and nginx never forwards it.
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
  }
  expect((await fetch(`${base}/metrics`)).status).toBe(404);

  const ids = new Map<string, string>();
  for (let i = 0; i < 4; i++) {
    const response = await fetch(`${base}/api/health?probe=${i}`, {
      headers: { "X-Request-Id": `client-chosen-${i}` },
    });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id") ?? "";
    // nginx's $request_id (32 hex digits) replaced the client's; the app kept it (TRUST_PROXY=1).
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    ids.set(id, answeredBy(response.headers.get("x-upstream")));
  }
  await expect
    .poll(
      () =>
        [...ids.keys()].filter(
          (id) =>
            !requestLines().some(
              (line) => line.requestId === id && line.path === "/api/health" && line.status === 200,
            ),
        ),
      {
        timeout: 20_000,
      },
    )
    .toEqual([]);
  for (const [id, upstream] of ids) {
    const server = servers.find((s) => `127.0.0.1:${s.port}` === upstream)!;
    expect(
      parsedLines(server).some((line) => line.requestId === id),
      `logged by ${upstream}, which answered`,
    ).toBe(true);
  }
  // Every line either server wrote is a JSON log entry (npm's own two-line banner aside).
  for (const server of servers) {
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("> ") && !/^\s*$/.test(line));
    const notJson = lines.filter((line) => {
      try {
        return typeof JSON.parse(line) !== "object";
      } catch {
        return true;
      }
    });
    expect(notJson, `server ${server.name} wrote non-JSON lines`).toEqual([]);
    expect(lines.length).toBeGreaterThan(10);
  }
});

test("kill -9 of one server mid-load: retried with their Idempotency-Keys, every acknowledged submission is recorded exactly once", async () => {
  test.setTimeout(240_000);
  // The background load ran through the three tests before: both servers answered it, and nothing failed.
  const background = await load!.stop();
  load = null;
  console.log(`[cluster] background load: ${JSON.stringify(background)}`);
  const total = Object.values(background).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(10);
  // Every one answered as it should. Rare 502s were seen here while the servers kept Node's default
  // keep-alive (5 s + 1 s), barely above nginx's 4 s: a server whose event loop stalled past that reset
  // a connection nginx had just reused (scripts/http-timeouts.ts). Any other answer is printed above
  // with its request id, and the servers' lines for it below.
  const bad = Object.keys(background).filter((status) => !["200", "201", "429"].includes(status));
  for (const id of badRequestIds) {
    for (const server of servers)
      for (const line of server
        .output()
        .split("\n")
        .filter((l) => l.includes(id)))
        console.log(`[cluster] server ${server.name}: ${line.slice(0, 2000)}`);
  }
  expect(bad, "background answers other than 200/201/429").toEqual([]);
  const keys = createLearnerKeys(...Array.from({ length: 8 }, (_, i) => `crash${i}`));
  // Two endless loops (one per server: round robin) keep the workers busy, so requests are in flight at the kill.
  const requests = Array.from({ length: 16 }, (_, i) => ({
    key: keys[i % keys.length]!,
    code: i < 2 ? LOOP : solution,
    idempotencyKey: `crash-${stamp}-${i}`,
  }));
  const send = (r: (typeof requests)[number]) =>
    grade(r.key, r.code, r.idempotencyKey).catch((error: unknown) => error as Error);
  const first = requests.slice(0, 2).map(send);
  await new Promise((resolve) => setTimeout(resolve, 500));
  first.push(...requests.slice(2).map(send));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const victim = servers[0]!;
  victim.signal("SIGKILL");
  expect(await victim.exited(10_000)).toBe(true);
  const firstAnswers = await Promise.all(first);
  const acknowledged = firstAnswers.filter((a): a is Graded => !(a instanceof Error) && a.status === 201);
  const cutOff = firstAnswers.length - acknowledged.length;
  console.log(
    `[cluster] at the kill: ${acknowledged.length} acknowledged, ${cutOff} cut off or refused (${firstAnswers.map((a) => (a instanceof Error ? "error" : a.status)).join(" ")})`,
  );
  expect(cutOff, "the kill caught requests in flight").toBeGreaterThan(0);

  // Every request that got no 201 is retried through nginx with its key, honouring Retry-After.
  const deadline = Date.now() + 150_000;
  const finals = await Promise.all(
    requests.map(async (r, i) => {
      let answer = firstAnswers[i]!;
      while (answer instanceof Error || answer.status !== 201) {
        if (Date.now() > deadline)
          throw new Error(
            `request ${i} never succeeded: ${answer instanceof Error ? answer.message : answer.status}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        answer = await send(r);
      }
      return answer;
    }),
  );
  for (const [i, answer] of finals.entries()) {
    expect(answer.body.result?.status).toBe(requests[i]!.code === LOOP ? "error" : "pass");
    // Acknowledged before the kill: the retry (if any) would replay it, never grade it again.
    const early = firstAnswers[i]!;
    if (!(early instanceof Error) && early.status === 201)
      expect(answer.body.submissionId).toBe(early.body.submissionId);
  }
  const ids = finals.map((answer) => answer.body.submissionId!);
  expect(new Set(ids).size).toBe(requests.length);
  const rows = await query<{ id: string }>(
    `SELECT s.id FROM "Submission" s JOIN "ApiKey" k ON k.id = s."apiKeyId" JOIN "User" u ON u.id = k."userId" WHERE u.email LIKE $1`,
    [`crash%-${stamp}@example.com`],
  );
  // Exactly one row per request: every acknowledged submission is there, none twice, none extra.
  expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
  // The surviving server answers through nginx alone.
  expect((await fetch(`${base}/api/health`)).status).toBe(200);
});

test("readiness: with the database gone, the surviving server answers 503 with the reason", async () => {
  test.setTimeout(60_000);
  const survivor = servers[1]!;
  cluster!.stop();
  const response = await fetch(`http://127.0.0.1:${survivor.port}/api/ready`);
  expect(response.status).toBe(503);
  const body = (await response.json()) as {
    ready: boolean;
    reason: string;
    checks: { database: string; grader: string };
  };
  expect(body).toMatchObject({
    ready: false,
    reason: "database_unreachable",
    checks: { database: "unreachable", grader: "warm" },
  });
  expect((await fetch(`http://127.0.0.1:${survivor.port}/api/health`)).status).toBe(503);
});
