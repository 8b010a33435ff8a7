/**
 * The grader's part in the server's life (lifecycle.ts) and what /api/ready reports of it
 * (lib/ops/readiness.ts), in a real process: fixtures/lifecycle-server.ts starts grading as
 * instrumentation.ts does (real worker pool, real warm-up grade, a real database file), holds a grade
 * in flight, and gets SIGTERM from here. Signals and process.exit cannot be tried inside the test
 * process itself.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-lifecycle-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

type Step = { step: string; data: Record<string, unknown> | null };
type Run = { code: number | null; steps: Step[]; stdout: string; stderr: string };

/** Starts the stand-in server; `onStep` sees each step as it is reported (to send signals). */
async function runServer(
  env: Record<string, string>,
  onStep: (step: Step, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  const child = spawn(
    "sh",
    [path.join(ROOT, "scripts/node.sh"), path.join(ROOT, "lib/grading/fixtures/lifecycle-server.ts")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: await testDatabaseUrl(dir, `lifecycle-${Math.random().toString(36).slice(2)}`),
        SANDBOX_WORKERS: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const steps: Step[] = [];
  let stdout = "";
  let stderr = "";
  let pending = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      if (!line.startsWith("{")) continue;
      const step = JSON.parse(line) as Step;
      steps.push(step);
      onStep(step, child);
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  // Generous: the process starts a worker and grades twice; a hung child is killed and fails the test.
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  return { code, steps, stdout, stderr };
}

const stepOf = (run: Run, name: string) => {
  const found = run.steps.find((s) => s.step === name);
  assert.ok(found, `step ${name} reported; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return found.data as Record<string, unknown>;
};

test("on SIGTERM the server takes no new grades, finishes the one in flight, then exits 143", async () => {
  const run = await runServer({}, (step, child) => {
    if (step.step !== "holding") return;
    child.kill("SIGTERM");
    // A second signal (the process group's and npm's) starts no second drain.
    setTimeout(() => child.kill("SIGTERM"), 100);
  });
  assert.equal(run.code, 143, `exit code; stderr:\n${run.stderr}`);

  // Started and warmed: one worker passed its warm-up grade, so the server reports ready.
  assert.deepEqual(stepOf(run, "started"), { warm: true, workers: 1 });
  assert.deepEqual(stepOf(run, "ready"), {
    ready: true,
    checks: { database: "ok", grader: "warm", stopping: false },
  });
  assert.match(run.stdout, /\[serverside\] grader ready: 1 worker\(s\) in \d+ ms/);

  // After the signal: a new grade is refused with 503 and Retry-After, readiness says stopping.
  const after = stepOf(run, "after-signal") as {
    refused: { code: string; status: number; details: { retryAfterSeconds: number } };
    readiness: { ready: boolean; reason: string; checks: { stopping: boolean } };
  };
  assert.equal(after.refused.code, "unavailable");
  assert.equal(after.refused.status, 503);
  assert.ok(after.refused.details.retryAfterSeconds >= 1);
  assert.equal(after.readiness.ready, false);
  assert.equal(after.readiness.reason, "stopping");
  assert.equal(after.readiness.checks.stopping, true);

  // The grade admitted before the signal was graded to its verdict, after the signal.
  assert.deepEqual(stepOf(run, "held"), { status: "pass" });
  assert.equal(
    run.stdout.match(/SIGTERM: taking no new grades; finishing 1 in flight \(at most 30 s\)/g)?.length,
    1,
  );
  assert.match(run.stdout, /grades in flight finished/);
  assert.ok(
    run.steps.findIndex((s) => s.step === "after-signal") < run.steps.findIndex((s) => s.step === "held"),
  );
});

test("a grade still running after SHUTDOWN_DRAIN_SECONDS does not keep the server: it exits 1", async () => {
  const run = await runServer({ HOLD: "forever", SHUTDOWN_DRAIN_SECONDS: "1" }, (step, child) => {
    if (step.step === "holding") child.kill("SIGTERM");
  });
  assert.equal(run.code, 1, `exit code; stderr:\n${run.stderr}`);
  assert.match(run.stderr, /1 grade\(s\) still running after 1 s: exiting anyway/);
  assert.equal(
    run.steps.some((s) => s.step === "held"),
    false,
  );
});
