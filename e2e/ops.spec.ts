import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE_URL, E2E_METRICS_TOKEN } from "../playwright.config.ts";

// What an operator relies on, against the suite's real server (`npm start`, METRICS_TOKEN set, no
// TRUST_PROXY): /api/ready, X-Request-Id on every response, Prometheus metrics behind the token.
// The JSON log lines and readiness failing are checked on the cluster's servers (cluster.spec.ts),
// whose output the spec reads.

const EXERCISE = "parse-query-pagination";
const solution = fs.readFileSync(`lessons/http/${EXERCISE}/solution.ts`, "utf8");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function scrape(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const response = await request.get("/metrics", {
    headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  return response.text();
}

/** The value of one sample line (`name{labels} value`), 0 when it is not there yet. */
function sample(text: string, line: RegExp): number {
  const match = text.split("\n").find((l) => line.test(l));
  return match ? Number(match.split(" ").pop()) : 0;
}

test("/api/ready: 200 with each check when the database answers and the grader is warm", async ({
  request,
}) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toEqual({
    ready: true,
    checks: { database: "ok", grader: "warm", stopping: false },
  });
});

test("every response carries its own request id; a client cannot choose it without TRUST_PROXY", async ({
  request,
}) => {
  const ids = new Set<string>();
  for (const path of ["/", "/api/health", "/api/v1/tracks", "/no-such-page"]) {
    const response = await request.get(path, { headers: { "X-Request-Id": "chosen-by-the-client" } });
    const id = response.headers()["x-request-id"] ?? "";
    expect(id, path).toMatch(UUID);
    ids.add(id);
  }
  expect(ids.size).toBe(4);
});

test("/metrics: refused without the token; with it, request and grade latency, queue wait, verdicts, worker counters", async ({
  request,
}) => {
  test.setTimeout(120_000);
  expect((await request.get("/metrics")).status()).toBe(401);
  expect(
    (
      await request.get("/metrics", { headers: { Authorization: "Bearer wrong-token-wrong-token-wrong" } })
    ).status(),
  ).toBe(401);
  const before = await scrape(request);
  for (const name of [
    "serverside_http_request_duration_seconds",
    "serverside_grade_duration_seconds",
    "serverside_grade_queue_wait_seconds",
    "serverside_grade_verdicts_total",
    "serverside_grader_queue_depth",
    "serverside_grader_worker_restarts_total",
    "serverside_grader_worker_kills_total",
  ]) {
    expect(before, name).toContain(`# TYPE ${name} `);
  }
  const passes = /^serverside_grade_verdicts_total\{status="pass",error_kind=""\} /;
  const waits = /^serverside_grade_queue_wait_seconds_count /;
  const readyCalls =
    /^serverside_http_request_duration_seconds_count\{method="GET",route="\/api\/ready",status="200"\} /;

  const email = `metrics-${Date.now().toString(36)}@example.com`;
  const out = execFileSync(
    process.execPath,
    [
      "--disable-warning=ExperimentalWarning",
      "--no-node-snapshot",
      "--conditions=react-server",
      "--import",
      "tsx",
      "e2e/support/create-learner-keys.ts",
      email,
    ],
    { env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL }, encoding: "utf8" },
  );
  const key = (JSON.parse(out.trim().split("\n").pop()!) as Record<string, string>)[email]!;
  const graded = await request.post(`/api/v1/exercises/${EXERCISE}/grade`, {
    headers: { Authorization: `Bearer ${key}` },
    data: { code: solution, mode: "submit" },
  });
  expect(graded.status()).toBe(201);
  expect((await request.get("/api/ready")).status()).toBe(200);

  const after = await scrape(request);
  expect(sample(after, passes)).toBe(sample(before, passes) + 1);
  expect(sample(after, waits)).toBe(sample(before, waits) + 1);
  expect(sample(after, readyCalls)).toBeGreaterThanOrEqual(sample(before, readyCalls) + 1);
  expect(sample(after, /^serverside_grader_workers /)).toBeGreaterThanOrEqual(1);
  // Label values come from a fixed set: an unknown API path is one label, not one per path.
  await request.get("/api/v1/made-up-path-12345");
  expect(await scrape(request)).not.toContain("made-up-path-12345");
});
