import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { chooseRequestId } from "./log.ts";

// Each case runs in a child process: installConsoleLogging replaces the console of the whole process.
function run(script: string, env: Record<string, string>): string[] {
  const out = execFileSync(
    process.execPath,
    ["--disable-warning=ExperimentalWarning", "--import", "tsx", "--input-type=module", "-e", script],
    {
      env: { ...process.env, ...env },
      encoding: "utf8",
    },
  );
  return out.trim().split("\n");
}

const SCRIPT = `
import { installConsoleLogging, runWithRequestId } from "./lib/ops/log.ts";
installConsoleLogging();
console.log("[serverside] starting");
await runWithRequestId("req-one-1234", async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.warn("[grader] slow %d ms", 42);
  console.error("[api] failed", new Error("boom"));
});
console.log("after");
`;

test("JSON logs: one object per line, the request id on every line written while serving it", () => {
  const lines = run(SCRIPT, { LOG_FORMAT: "json" }).map(
    (line) => JSON.parse(line) as Record<string, unknown>,
  );
  assert.equal(lines.length, 4);
  assert.deepEqual(
    lines.map((l) => [l.level, l.component ?? null, l.msg, l.requestId ?? null]),
    [
      [30, "serverside", "starting", null],
      [40, "grader", "slow 42 ms", "req-one-1234"],
      [50, "api", "failed", "req-one-1234"],
      [30, null, "after", null],
    ],
  );
  const err = lines[2]!.err as { message: string; stack: string };
  assert.equal(err.message, "boom");
  assert.match(err.stack, /Error: boom\n\s+at /);
  for (const line of lines) assert.match(String(line.time), /^\d{4}-\d\d-\d\dT/);
});

test("LOG_FORMAT=pretty: readable lines, not JSON, still with the request id", () => {
  const lines = run(SCRIPT, { LOG_FORMAT: "pretty" });
  assert.ok(
    lines.every((line) => !line.startsWith("{")),
    lines.join("\n"),
  );
  const slow = lines.find((line) => line.includes("slow 42 ms"));
  assert.ok(slow, lines.join("\n"));
  assert.match(slow, /WARN/);
  assert.ok(
    lines.some((line) => line.includes("req-one-1234")),
    lines.join("\n"),
  );
});

test("request ids: a trusted proxy's well-formed id is kept; otherwise a fresh UUID", () => {
  const nginxId = "0f4c2d9e8b7a6c5d4e3f2a1b0c9d8e7f";
  assert.equal(chooseRequestId(nginxId, true), nginxId);
  assert.equal(chooseRequestId(["first-proxy-id", nginxId], true), nginxId);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(chooseRequestId(nginxId, false), uuid, "without TRUST_PROXY a client cannot choose its id");
  assert.match(chooseRequestId("bad id\nwith newline", true), uuid);
  assert.match(chooseRequestId("short", true), uuid);
  assert.match(chooseRequestId("x".repeat(200), true), uuid);
  assert.match(chooseRequestId(undefined, true), uuid);
  assert.notEqual(chooseRequestId(undefined, true), chooseRequestId(undefined, true));
});
