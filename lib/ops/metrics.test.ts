import assert from "node:assert/strict";
import { test } from "node:test";
import { getMetrics, routeLabel, setGraderStatsSource } from "./metrics.ts";

test("metrics: grader pool counters are read at scrape time; the registry is one per process", async () => {
  let replaced = 2;
  setGraderStatsSource(() => ({
    workers: 2,
    running: 1,
    queued: 7,
    retried: 1,
    replaced,
    killed: { timeout: 3, memory: 1 },
  }));
  const metrics = getMetrics();
  assert.equal(getMetrics(), metrics);
  metrics.verdicts.inc({ status: "pass", error_kind: "" });
  metrics.gradeQueueWait.observe(0.02);
  let text = await metrics.registry.metrics();
  assert.match(text, /^serverside_grader_queue_depth 7$/m);
  assert.match(text, /^serverside_grader_workers 2$/m);
  assert.match(text, /^serverside_grader_worker_restarts_total 2$/m);
  assert.match(text, /^serverside_grader_worker_kills_total\{reason="timeout"\} 3$/m);
  assert.match(text, /^serverside_grader_worker_kills_total\{reason="memory"\} 1$/m);
  assert.match(text, /^serverside_grade_verdicts_total\{status="pass",error_kind=""\} 1$/m);
  assert.match(text, /^serverside_grade_queue_wait_seconds_count 1$/m);
  assert.match(text, /^serverside_process_cpu_seconds_total /m);
  replaced = 5;
  text = await metrics.registry.metrics();
  assert.match(
    text,
    /^serverside_grader_worker_restarts_total 5$/m,
    "a counter copied from the pool, not added up",
  );
});

test("metrics: route labels come from a fixed set, whatever path a client asks for", () => {
  assert.equal(
    routeLabel("/api/v1/exercises/x/grade", "/api/v1/exercises/{id}/grade"),
    "/api/v1/exercises/{id}/grade",
  );
  assert.equal(routeLabel("/api/v1/made-up-1", null), "/api/v1/(unknown)");
  assert.equal(routeLabel("/learn/http/whatever", null), "(page)");
  assert.equal(routeLabel("/_next/static/chunks/a.js", null), "/_next");
  assert.equal(routeLabel("/api/ready", null), "/api/ready");
  assert.equal(routeLabel("/api/auth/session", null), "/api/auth");
});
