/**
 * The isolate factory's script cache (author files compiled once per shared isolate, looked up by
 * their code) and the lockdown detail that keeps V8's array fast paths: real isolates, real runs.
 * Run: node --no-node-snapshot --import tsx --test sandbox/isolate-factory.test.ts
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { CHECK_SOURCE } from "./check/check-source.generated.ts";
import { buildBootSource, IsolateFactory } from "./isolate-factory.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { createPreludeSeed, getPreludeSource, PRELUDE_SEED_GLOBAL } from "./prelude/index.ts";
import { runCode } from "./run-code.ts";
import type { RunFile } from "./run-code.ts";
import type { GradeResult } from "./types.ts";

const factory = new IsolateFactory(buildBootSource(getPreludeSource()), DEFAULT_LIMITS.memoryMb, {
  global: PRELUDE_SEED_GLOBAL,
  create: createPreludeSeed,
});
after(() => factory.dispose());

const PREFIX = `(function (exports, require, module) {"use strict";`;

test("author scripts are compiled once per isolate and found by their code; learner scripts never", () => {
  const prepared = factory.take(DEFAULT_LIMITS.memoryMb);
  try {
    const code = `exports.answer = 42;`;
    const first = factory.compile(prepared, PREFIX, code, "answer.js", true);
    // A string equal to the first but built anew (as a job's file is after a round trip) hits too.
    const same = factory.compile(prepared, PREFIX, `exports.answer = ${40 + 2};`, "answer.js", true);
    assert.equal(same, first);
    const edited = factory.compile(prepared, PREFIX, `exports.answer = 43;`, "answer.js", true);
    assert.notEqual(edited, first, "an edited author file is compiled again");
    const otherName = factory.compile(prepared, PREFIX, code, "other.js", true);
    assert.notEqual(otherName, first, "the file name is part of the key (stack frames name it)");
    const otherPrefix = factory.compile(
      prepared,
      `(function (exports) {"use strict";`,
      code,
      "answer.js",
      true,
    );
    assert.notEqual(otherPrefix, first, "the wrapper's parameters are part of the key");
    const learnerA = factory.compile(prepared, PREFIX, code, "solution.js", false);
    const learnerB = factory.compile(prepared, PREFIX, code, "solution.js", false);
    assert.notEqual(learnerA, learnerB, "learner files are compiled on every run");
    learnerA.release();
    learnerB.release();
  } finally {
    factory.release(prepared, false);
  }
});

const SOLUTION = `export const clamp = (n: number) => Math.min(100, Math.max(1, Math.trunc(n)));`;

function hiddenTests(bound: number): string {
  return `import fc from "fast-check";
import { clamp } from "./solution";
test("stays within bounds", () => {
  fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
    const c = clamp(n);
    expect(c >= 1 && c <= ${bound}).toBe(true);
  }), { numRuns: 40 });
});
test("sees generated inputs", () => {
  expect(fc.sample(fc.integer({ min: 0, max: 1e9 }), 3).join(",")).toMatch(/^\\d+,\\d+,\\d+$/);
});`;
}

function grade(tests: string, seed: number): GradeResult {
  const files: RunFile[] = [
    { name: "solution.ts", kind: "solution", source: SOLUTION, learner: true },
    { name: "fast-check", kind: "library", source: CHECK_SOURCE, learner: false },
    { name: "hidden.test.ts", kind: "hidden", source: tests, learner: false },
  ];
  return runCode({ language: "ts", files, limits: DEFAULT_LIMITS, seed }, factory);
}

const verdicts = (r: GradeResult) =>
  JSON.stringify({ status: r.status, error: r.error, tests: r.tests.map(({ durationMs: _, ...t }) => t) });

test("runs that reuse cached author scripts (fast-check, hidden tests) give identical verdicts", () => {
  const tests = hiddenTests(100);
  const first = grade(tests, 7);
  assert.equal(first.status, "pass", verdicts(first));
  for (let i = 0; i < 3; i++) assert.equal(verdicts(grade(tests, 7)), verdicts(first));
  // Same file name, edited source: the new code runs, not the cached script.
  const edited = grade(hiddenTests(50), 7);
  assert.equal(edited.status, "fail", verdicts(edited));
  assert.equal(edited.tests[0]!.status, "fail");
  assert.equal(verdicts(grade(tests, 7)), verdicts(first));
});

test("lockdown leaves Array.prototype.constructor a frozen data property; arrays and subclasses work", () => {
  const tests = `test("arrays", () => {
  const d = Object.getOwnPropertyDescriptor(Array.prototype, "constructor");
  expect(d.value).toBe(Array);
  expect(d.get).toBeUndefined();
  expect(d.writable).toBe(false);
  expect(d.configurable).toBe(false);
  expect(() => { Array.prototype.constructor = Object; }).toThrow(TypeError);
  class Stack extends Array {}
  const s = Stack.from([1, 2, 3]);
  expect(s.map((x) => x * 2)).toBeInstanceOf(Stack);
  expect([3, 1, 2].slice(1).concat([9]).filter((x) => x > 1)).toEqual([2, 9]);
  const own = [1];
  Object.defineProperty(own, "constructor", { value: Stack });
  expect(own.constructor).toBe(Stack);
  expect([].constructor).toBe(Array);
});`;
  const result = runCode(
    {
      language: "ts",
      files: [
        { name: "solution.ts", kind: "solution", source: "export {};", learner: true },
        { name: "arrays.test.ts", kind: "test", source: tests, learner: false },
      ],
      limits: DEFAULT_LIMITS,
    },
    factory,
  );
  assert.equal(result.status, "pass", JSON.stringify(result, null, 1));
});
