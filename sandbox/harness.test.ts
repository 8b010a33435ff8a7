/** The grader end to end: harness semantics, matchers and messages, line mapping, limits, pool recovery. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, gradeResultSchema } from "./index.ts";
import type { Grader } from "./index.ts";
import { brief, codeJob, SLUGIFY, SLUGIFY_HIDDEN, visible } from "./testing/helpers.ts";
import type { GradeResult, MutationJob } from "./types.ts";

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 2 });
});
after(async () => {
  await grader.close();
});

async function run(
  code: string,
  tests: string,
  extra: Parameters<typeof codeJob>[3] = {},
): Promise<GradeResult> {
  const result = await grader.grade(
    codeJob(code, [visible(tests)], { timeoutMs: 3000, testTimeoutMs: 1000 }, extra),
  );
  assert.ok(gradeResultSchema.safeParse(result).success, `result matches the contract: ${brief(result)}`);
  return result;
}
const byName = (r: GradeResult, name: string) => {
  const t = r.tests.find((x) => x.name === name);
  assert.ok(t, `test "${name}" in ${brief(r)}`);
  return t;
};

describe("harness", { concurrency: 2 }, () => {
  test("a correct submission passes the hidden tests; hidden tests are marked", async () => {
    const r = await grader.grade(codeJob(SLUGIFY));
    assert.equal(r.status, "pass", brief(r));
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.hidden]),
      [
        ["slugify > lowercases and joins words", true],
        ["slugify > trims", true],
      ],
    );
  });

  test("matchers pass and fail as in Jest, with .not", async () => {
    const r = await run(
      `export const v = { a: 1, b: [1, 2], c: "hello" };`,
      `import { v } from "./solution";
test("pass", () => {
  expect(v.a).toBe(1); expect(v).toEqual({ a: 1, b: [1, 2], c: "hello" }); expect(v).toStrictEqual({ a: 1, b: [1, 2], c: "hello" });
  expect(() => { throw new TypeError("bad input"); }).toThrow("bad input"); expect(() => { throw new TypeError("x"); }).toThrow(TypeError);
  expect(() => 1).not.toThrow(); expect(v.c).toMatch(/ell/); expect(v.b).toContain(2); expect(v.c).toContain("ll"); expect(v.b).toHaveLength(2);
  expect(v).toHaveProperty("b.1", 2); expect(v).toHaveProperty(["a"]); expect(0.1 + 0.2).toBeCloseTo(0.3); expect(1).toBeTruthy(); expect("").toBeFalsy();
  expect(null).toBeNull(); expect(undefined).toBeUndefined(); expect(0).toBeDefined(); expect(NaN).toBeNaN(); expect(2).toBeGreaterThan(1);
  expect(2).toBeGreaterThanOrEqual(2); expect(1).toBeLessThan(2); expect(1).toBeLessThanOrEqual(1); expect(new Map()).toBeInstanceOf(Map);
  expect(v).not.toBe({ ...v }); expect({ a: undefined, b: 1 }).toEqual({ b: 1 }); expect({ a: undefined, b: 1 }).not.toStrictEqual({ b: 1 });
  expect(v).toMatchObject({ c: "hello" }); expect({ id: 7, at: "x" }).toEqual({ id: expect.any(Number), at: expect.anything() });
  expect(new Set([1, 2])).toEqual(new Set([2, 1])); expect(new Date(0)).toEqual(new Date(0)); expect([{ a: 1 }]).toContainEqual({ a: 1 });
});
test.each([[1, 2, 3], [2, 3, 5]])("adds %i + %i", (a: number, b: number, sum: number) => { expect(a + b).toBe(sum); });
test("resolves", async () => { await expect(Promise.resolve(3)).resolves.toBe(3); await expect(Promise.reject(new Error("no"))).rejects.toThrow("no"); });
test("toBe fails", () => { expect(v.a).toBe(2); });
test("toEqual fails with a diff", () => { expect(v).toEqual({ a: 1, b: [1, 3], c: "hello" }); });
test("resolves fails", async () => { await expect(Promise.resolve(3)).resolves.toBe(4); });
`,
    );
    assert.equal(byName(r, "pass").status, "pass", brief(r));
    assert.equal(byName(r, "adds 1 + 2").status, "pass");
    assert.equal(byName(r, "adds 2 + 3").status, "pass");
    assert.equal(byName(r, "resolves").status, "pass", brief(r));
    const toBe = byName(r, "toBe fails");
    assert.equal(toBe.status, "fail");
    assert.match(
      toBe.message!,
      /expect\(received\)\.toBe\(expected\)[\s\S]*Expected: 2\nReceived: 1[\s\S]*at example\.test\.ts:\d+:\d+/,
    );
    assert.match(
      byName(r, "toEqual fails with a diff").message!,
      /- Expected\n\+ Received[\s\S]*-\s+3,\n\+\s+2,/,
    );
    assert.match(byName(r, "resolves fails").message!, /resolves\.toBe/);
    assert.equal(r.status, "fail");
  });

  test("describe names, hooks, console output per test and at the top level", async () => {
    const r = await run(
      `console.log("loading"); export const add = (a: number, b: number) => a + b;`,
      `import { add } from "./solution";
let n = 0;
describe("outer", () => {
  beforeEach(() => { n = 10; });
  afterEach(() => { n = -1; });
  describe("inner", () => {
    test("uses the hook", () => { console.log("n is", n, { deep: [1] }); expect(add(n, 1)).toBe(11); });
  });
});
`,
    );
    const t = byName(r, "outer > inner > uses the hook");
    assert.equal(t.status, "pass", brief(r));
    assert.equal(t.output, "n is 10 { deep: [1] }\n");
    assert.equal(r.output, "loading\n");
  });

  test("virtual timers: awaited timeouts finish at once; a test that never settles fails clearly", async () => {
    const r = await run(
      `export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));`,
      `import { wait } from "./solution";
test("waits an hour", async () => { await wait(3_600_000); expect(1).toBe(1); });
test("never settles", async () => { await new Promise(() => {}); });
`,
    );
    assert.equal(byName(r, "waits an hour").status, "pass", brief(r));
    const never = byName(r, "never settles");
    assert.notEqual(never.status, "pass");
    assert.match(never.message!, /never finished/);
  });

  test("running out of time with the heap nearly full is a memory verdict, an endless loop a time one", async () => {
    // About 54 MB kept alive at load (which has its own generous time), then a test that never ends:
    // the heap is known to be nearly full when the test's time runs out, however loaded the machine.
    const heavy = `const keep: number[][] = [];\nfor (let i = 0; i < 54 * 1024; i++) keep.push(new Array(120).fill(i));\nexport function f(): number {\n  while (true) {}\n}\n`;
    const tests = `import { f } from "./solution";\ntest("grows", () => { f(); });`;
    const full = await grader.grade(
      codeJob(heavy, [visible(tests)], { timeoutMs: 60_000, testTimeoutMs: 1500, memoryMb: 64 }),
    );
    assert.equal(full.error?.kind, "memory", brief(full));
    assert.match(full.error!.message, /filled the memory limit \(64 MB\).*Look for a loop/, brief(full));
    const light = await grader.grade(
      codeJob(`export function f(): number {\n  while (true) {}\n}\n`, [visible(tests)], {
        timeoutMs: 60_000,
        testTimeoutMs: 1500,
        memoryMb: 64,
      }),
    );
    assert.equal(light.tests[0]?.status, "error", brief(light));
    assert.match(light.tests[0]!.message!, /Timed out/, brief(light));
    assert.notEqual(light.error?.kind, "memory", brief(light));
  });

  test("compile errors point at the learner's line and column", async () => {
    const r = await run(
      `export function f(a: number): number {\n  return a +;\n}\n`,
      `import { f } from "./solution";\ntest("x", () => expect(f(1)).toBe(1));`,
    );
    assert.equal(r.status, "error");
    assert.equal(r.error?.kind, "compile");
    assert.equal(r.error?.line, 2, brief(r));
    assert.ok(r.error?.column && r.error.column >= 10, brief(r));
    // The message says what went wrong once, without the transpiler's "Error transforming <file>:".
    assert.doesNotMatch(r.error!.message, /Error transforming/, brief(r));
    assert.match(r.error!.message, /Unexpected token/, brief(r));
  });

  test("runtime stack traces point at solution.ts lines and columns, not the harness", async () => {
    const code = `type User = { name: string };\nexport function greet(user: User): string {\n  const name: string = user.name.toUpperCase();\n  return "hi " + name;\n}\n`;
    const r = await run(
      code,
      `import { greet } from "./solution";\ntest("null user", () => { greet(null as any); });`,
    );
    const t = byName(r, "null user");
    assert.match(
      t.message!,
      /TypeError: Cannot read properties of null[\s\S]*at greet \(solution\.ts:3:29\)/,
      t.message,
    );
    assert.doesNotMatch(t.message!, /serverside|runtime\.js|isolated-vm/);
  });

  test("an error at the learner's top level is a runtime error with its line", async () => {
    const r = await run(
      `const x: any = undefined;\n\nexport const y = x.boom;\n`,
      `import { y } from "./solution";\ntest("x", () => expect(y).toBe(1));`,
    );
    assert.equal(r.error?.kind, "runtime", brief(r));
    assert.equal(r.error?.line, 3);
  });

  test("hidden test frames show only the file name", async () => {
    const r = await grader.grade(
      codeJob(`export function slugify(s: string): string { throw new Error("nope"); }`),
    );
    for (const t of r.tests) assert.match(t.message!, /at hidden\.test\.ts(?!:)/, t.message);
  });

  test("ES modules between solution, tests and extra modules; plain JS works too", async () => {
    const r = await grader.grade(
      codeJob(
        `import { db } from "./db";\nexport const count = () => db.length;`,
        [
          visible(
            `import { count } from "./solution";\nimport { db } from "./db";\ntest("c", () => { db.push(1); expect(count()).toBe(3); });`,
          ),
        ],
        undefined,
        { modules: { "./db": `export const db = [1, 2];` } },
      ),
    );
    assert.equal(r.status, "pass", brief(r));
    const js = await grader.grade({
      kind: "code",
      language: "js",
      code: `export default function twice(x) { return x * 2; }`,
      tests: [
        {
          name: "t.test.js",
          source: `import twice from "./solution";\ntest("t", () => expect(twice(2)).toBe(4));`,
        },
      ],
    });
    assert.equal(js.status, "pass", brief(js));
  });

  test("mutation jobs: tests must pass on the module and catch each mutant", async () => {
    const job = (tests: string): MutationJob => ({
      kind: "mutation",
      language: "ts",
      tests,
      module: `export const abs = (x: number) => (x < 0 ? -x : x);`,
      mutants: [
        {
          name: "no-negate",
          description: "negative numbers are returned unchanged",
          source: `export const abs = (x: number) => x;`,
        },
        {
          name: "zero",
          description: "zero becomes one",
          source: `export const abs = (x: number) => (x === 0 ? 1 : x < 0 ? -x : x);`,
        },
      ],
    });
    const weak = await grader.grade(
      job(`import { abs } from "./solution";\ntest("positive", () => expect(abs(2)).toBe(2));`),
    );
    assert.equal(weak.status, "fail");
    assert.deepEqual(
      weak.tests.map((t) => [t.name, t.status]),
      [
        ["your tests pass on the correct code", "pass"],
        ["catches mutant: negative numbers are returned unchanged", "fail"],
        ["catches mutant: zero becomes one", "fail"],
      ],
    );
    assert.match(weak.tests[1].message!, /negative numbers are returned unchanged/);
    const strong = await grader.grade(
      job(
        `import { abs } from "./solution";\ntest("all", () => { expect(abs(-2)).toBe(2); expect(abs(0)).toBe(0); });`,
      ),
    );
    assert.equal(strong.status, "pass", brief(strong));
  });

  test("invalid jobs and limits come back as error results, not exceptions", async () => {
    const bad = await grader.grade({ kind: "code", language: "py" } as never);
    assert.equal(bad.status, "error");
    assert.equal(bad.error?.kind, "internal");
    const tooBig = await grader.grade(codeJob("x".repeat(2000), undefined, { sourceBytes: 1000 }));
    assert.equal(tooBig.error?.kind, "limit");
    const badLimit = await grader.grade(codeJob(SLUGIFY, undefined, { timeoutMs: 10_000_000 }));
    assert.equal(badLimit.error?.kind, "limit");
    const tooMany = await grader.grade(codeJob(SLUGIFY, undefined, { maxTests: 1 }));
    assert.equal(tooMany.error?.kind, "limit", brief(tooMany));
  });
});

describe("pool", () => {
  test("a killed worker is replaced and its job gets an error result", async () => {
    const g = createGrader({ workers: 1, killMarginMs: 300 });
    try {
      const warm = await g.grade(codeJob(SLUGIFY));
      assert.equal(warm.status, "pass");
      // A hang the isolate cannot see: kill the worker from outside mid-job.
      const pending = g.grade(
        codeJob(`export function slugify(s: string) { for (;;) {} }`, undefined, {
          timeoutMs: 3000,
          testTimeoutMs: 3000,
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      const pids = g.workerPids();
      assert.equal(pids.length, 1);
      for (const pid of pids) process.kill(pid, "SIGKILL");
      const killed = await pending;
      assert.equal(killed.status, "error");
      const again = await g.grade(codeJob(SLUGIFY));
      assert.equal(again.status, "pass", brief(again));
      assert.notDeepEqual(g.workerPids(), pids, "a new worker took the killed one's place");
    } finally {
      await g.close();
    }
  });

  test("the pool's wall-time watchdog ends a job that runs past its limit", async () => {
    const g = createGrader({ workers: 1, killMarginMs: 200 });
    try {
      // Warm the worker first: on the shared 2-core machine its start alone took seconds.
      assert.equal((await g.grade(codeJob(SLUGIFY))).status, "pass");
      const started = performance.now();
      const r = await g.grade(
        codeJob(`export function slugify(s: string) { for (;;) {} }`, undefined, {
          timeoutMs: 400,
          testTimeoutMs: 400,
        }),
      );
      assert.notEqual(r.status, "pass");
      // A hang detector (the job's limit is 0.4 s): generous for a loaded machine.
      assert.ok(performance.now() - started < 15_000);
      assert.equal((await g.grade(codeJob(SLUGIFY))).status, "pass");
    } finally {
      await g.close();
    }
  });
});

void SLUGIFY_HIDDEN;
