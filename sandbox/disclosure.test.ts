/**
 * The disclosure policy and generated inputs, end to end through real workers: what a learner's view
 * of a result keeps and drops, test.reveal, fast-check seeded from the job, shrinking only where the
 * learner sees the counterexample, and the reference solution as an oracle learner code cannot reach.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, gradeResultSchema, toLearnerView } from "./index.ts";
import type { Grader } from "./index.ts";
import { brief, codeJob, visible } from "./testing/helpers.ts";
import type { CodeJob, GradeResult, MutationJob, TestFile } from "./types.ts";

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 2 });
});
after(async () => {
  await grader.close();
});

const LIMITS = { timeoutMs: 8000, testTimeoutMs: 4000 };
const LEAK = "LEAK_3e9d";
const REFERENCE = `export function double(x: number): number { return x * 2; }\n`;

function hidden(source: string, name = "hidden.test.ts"): TestFile {
  return { name, source, hidden: true };
}
async function grade(code: string, tests: TestFile[], extra: Partial<CodeJob> = {}): Promise<GradeResult> {
  const result = await grader.grade(codeJob(code, tests, LIMITS, { reference: REFERENCE, ...extra }));
  assert.ok(gradeResultSchema.safeParse(result).success, `result matches the contract: ${brief(result)}`);
  assert.ok(
    gradeResultSchema.safeParse(toLearnerView(result)).success,
    "the learner's view matches the contract",
  );
  return result;
}
const named = (r: GradeResult, name: string) => {
  const t = r.tests.find((x) => x.name === name);
  assert.ok(t, `test "${name}" in ${brief(r)}`);
  return t;
};

describe("disclosure: hidden tests in the learner's view", { concurrency: 2 }, () => {
  const tests = hidden(`import { f } from "./solution";
test("rejects what it should", { description: "Checks that a bad input throws a RangeError." }, () => { f("${LEAK}_input"); });
test("returns the right value", () => { expect(f("x")).toBe("${LEAK}_expected"); });
test.reveal("a worked example", () => { expect(f("shown")).toBe("shown!"); });
test("passes quietly", () => { f("quiet"); });`);

  test("no input, expected or received value, output or learner-written text; class and line are kept", async () => {
    const code = `class Custom extends TypeError { constructor(m: string) { super(m); this.name = "${LEAK}_name"; } }
export function f(s: string): string {
  console.log("${LEAK}_output", s);
  if (s.includes("input")) throw new Custom("${LEAK}_message " + s);
  return s + "!";
}`;
    const full = await grade(code, [tests]);
    assert.equal(full.status, "fail", brief(full));
    // The stored result is complete: instructors and the author CLI see everything.
    assert.match(JSON.stringify(full), new RegExp(`${LEAK}_message ${LEAK}_input`));
    assert.match(JSON.stringify(full), new RegExp(`${LEAK}_expected`));
    assert.match(JSON.stringify(full), new RegExp(`${LEAK}_output`));

    const view = toLearnerView(full);
    const viewText = JSON.stringify(view);
    // The revealed test is shown in full (and its output may name the leak marker only through its own input).
    const worked = named(view, "a worked example");
    assert.equal(worked.status, "pass");
    assert.equal(worked.output, `${LEAK}_output shown\n`);
    const concealed = view.tests.filter((t) => t.name !== "a worked example");
    assert.doesNotMatch(JSON.stringify(concealed), new RegExp(LEAK), viewText);
    assert.ok(concealed.every((t) => t.output === undefined && t.redacted === true && t.hidden === true));

    const threw = named(view, "rejects what it should");
    assert.equal(threw.description, "Checks that a bad input throws a RangeError.");
    assert.deepEqual(
      { ...threw.thrown, column: undefined },
      { type: "TypeError", subclass: true, file: "solution.ts", line: 4, column: undefined },
    );
    assert.equal(threw.message, "Your code threw a TypeError (a class of your own) at line 4.");
    assert.equal(
      named(view, "returns the right value").message,
      "Your code's result is not what this test expects.",
    );
    assert.equal(named(view, "passes quietly").message, undefined);
    assert.equal(view.seed, undefined, "the seed stays with instructors");
  });

  test("concealed hidden tests run after revealed ones: kept inputs cannot be shown later", async () => {
    const code = `const seen: string[] = [];
export function f(s: string): string { seen.push(s); console.log("seen so far:", seen.join(",")); return s + "!"; }`;
    const view = toLearnerView(await grade(code, [tests]));
    assert.equal(named(view, "a worked example").output, "seen so far: shown\n", brief(view));
    assert.doesNotMatch(JSON.stringify(view), new RegExp(LEAK));
  });

  test("errors that are not the learner's line, primitives and timeouts are described without values", async () => {
    const r = await grade(
      `export function f(s: string): unknown { if (s === "p") throw "${LEAK}"; if (s === "loop") for (;;) {} return { toString() { return "${LEAK}"; } }; }`,
      [
        hidden(`import { f } from "./solution";
test("primitive", () => { f("p"); });
test("json", async () => { await new Response(String(f("x"))).json(); });
test("slow", () => { f("loop"); });`),
      ],
      { limits: { timeoutMs: 6000, testTimeoutMs: 300 } },
    );
    const view = toLearnerView(r);
    assert.doesNotMatch(JSON.stringify(view), new RegExp(LEAK), brief(r));
    assert.equal(
      named(view, "primitive").message,
      "The test stopped with a value that is not an Error, not thrown by a line of your code (for example, your result could not be used as the test expects).",
    );
    assert.match(
      named(view, "json").message ?? "",
      /^The test stopped with a SyntaxError, not thrown by a line of your code/,
    );
    assert.match(
      named(view, "slow").message ?? "",
      /^Timed out: the test did not finish within the time limit per test/,
    );
  });

  test("mutation results list surviving mutants only", async () => {
    const job: MutationJob = {
      kind: "mutation",
      language: "ts",
      module: "export const add = (a: number, b: number) => a + b;",
      tests: `import { add } from "./solution"; test("adds", () => { expect(add(2, 2)).toBe(4); });`,
      mutants: [
        {
          name: "minus",
          description: "subtracts instead",
          source: "export const add = (a: number, b: number) => a - b;",
        },
        {
          name: "times",
          description: "multiplies instead",
          source: "export const add = (a: number, b: number) => a * b;",
        },
        {
          name: "first",
          description: "ignores the second number",
          source: "export const add = (a: number, b: number) => a + 0 * b;",
        },
      ],
      limits: LIMITS,
    };
    const full = await grader.grade(job);
    assert.equal(full.tests.filter((t) => t.mutant).length, 3, brief(full));
    const view = toLearnerView(full);
    assert.deepEqual(
      view.tests.map((t) => [t.name, t.status]),
      [
        ["your tests pass on the correct code", "pass"],
        ["catches 2 of 3 buggy versions (the ones listed below survived)", "pass"],
        ["catches mutant: multiplies instead", "fail"],
      ],
    );
    assert.doesNotMatch(JSON.stringify(view), /subtracts instead|ignores the second number/);
  });
});

describe("generated inputs: fast-check seeded per job", { concurrency: 2 }, () => {
  const sampler = visible(`import fc from "fast-check";
test("sample", () => { console.log(JSON.stringify(fc.sample(fc.integer({ min: 0, max: 1e9 }), 5))); });
test("sample again", () => { console.log(JSON.stringify(fc.sample(fc.integer({ min: 0, max: 1e9 }), 5))); });`);

  test("the same seed replays the same inputs; another seed draws others; every result names its seed", async () => {
    const a = await grade("export {};", [sampler], { seed: 12345 });
    const b = await grade("export {};", [sampler], { seed: 12345 });
    const c = await grade("export {};", [sampler], { seed: 54321 });
    const d = await grade("export {};", [sampler]);
    const out = (r: GradeResult, i: number) => r.tests[i]!.output;
    assert.equal(a.seed, 12345);
    assert.equal(out(a, 0), out(b, 0));
    assert.notEqual(out(a, 0), out(c, 0));
    assert.notEqual(out(a, 0), out(a, 1), "each test draws its own inputs");
    assert.ok(Number.isInteger(d.seed), "a random seed when the job has none");
  });

  test("visible properties shrink to a small counterexample; concealed hidden ones do not shrink", async () => {
    const property = `import fc from "fast-check"; import { below } from "./solution";
test("below 1000", () => { fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), (n) => { expect(below(n)).toBe(true); })); });`;
    const code = `let calls = 0; export function below(n: number) { calls++; console.log("calls", calls); return n < 1000; }`;
    const shown = await grade(code, [visible(property)], { seed: 7 });
    const message = shown.tests[0]!.message ?? "";
    assert.match(
      message,
      /^Property failed after \d+ runs?, shrunk \d+ times? \(seed \d+, path "[\d:]+"\)\.\nCounterexample: \[1000\]\n\nexpect\(received\)\.toBe\(expected\)/,
      message,
    );
    assert.match(message, /at example\.test\.ts:2:\d+$/);

    const concealed = await grade(code, [hidden(property)], { seed: 7 });
    assert.equal(concealed.tests[0]!.status, "fail");
    assert.doesNotMatch(
      concealed.tests[0]!.message ?? "",
      /shrunk/,
      "no shrinking where nobody sees the counterexample",
    );
    const calls = (r: GradeResult) => (r.tests[0]!.output ?? "").trim().split("\n").length;
    assert.ok(calls(concealed) < calls(shown), `${calls(concealed)} calls hidden, ${calls(shown)} visible`);
  });

  test("learner code cannot skip runs by forging fast-check's precondition failure", async () => {
    const property =
      hidden(`import fc from "fast-check"; import * as reference from "./reference"; import { double } from "./solution";
test("doubles", () => { fc.assert(fc.property(fc.integer(), (n) => { expect(double(n)).toBe(reference.double(n)); })); });`);
    // Answers the even inputs and "skips" the rest: with a registered footprint the property passed.
    const code = `export function double(n: number) { if (n % 2 !== 0) throw { footprint: Symbol.for("fast-check/PreconditionFailure") }; return n * 2; }`;
    const r = await grade(code, [property]);
    assert.equal(r.status, "fail", brief(r));
    assert.equal((await grade(REFERENCE, [property])).status, "pass");
  });

  test("an expect that learner code swallows inside a property still fails the test", async () => {
    const tests = visible(`import fc from "fast-check"; import { each } from "./solution";
test("calls back with each item", () => { fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1 }), (xs) => { each(xs, (x) => { expect(typeof x).toBe("string"); }); })); });`);
    const r = await grade(
      `export function each(xs: number[], fn: (x: number) => void) { for (const x of xs) { try { fn(x); } catch {} } }`,
      [tests],
    );
    assert.equal(r.status, "fail", brief(r));
    assert.match(r.tests[0]!.message ?? "", /Expected: "string"/);
  });
});

describe("the reference solution as an oracle", { concurrency: 2 }, () => {
  const oracle =
    hidden(`import fc from "fast-check"; import * as reference from "./reference"; import { double } from "./solution";
test("agrees with the reference", () => { fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), (n) => { expect(double(n)).toBe(reference.double(n)); }), { numRuns: 50 }); });
test("the reference's source is masked", () => { expect(String(reference.double)).toBe("function double() { [native code] }"); });`);

  test("hidden tests compare with it; a memorised answer fails on fresh inputs", async () => {
    assert.equal((await grade(REFERENCE, [oracle])).status, "pass");
    const table = await grade(
      `const seen: Record<number, number> = { 0: 0, 1: 2, 2: 4 }; export function double(n: number) { return seen[n] ?? 0; }`,
      [oracle],
    );
    assert.equal(table.status, "fail", brief(table));
  });

  test("learner code, support modules and visible tests cannot import it; learner code cannot import fast-check", async () => {
    for (const code of [
      `import * as r from "./reference"; export const double = r.double;`,
      `export function double(n: number) { return require("./reference").double(n); }`,
      `import { viaSupport } from "./util"; export const double = (n: number) => viaSupport(n);`,
      `import fc from "fast-check"; export const double = (n: number) => n * 2 + fc.sample(fc.constant(0), 1)[0];`,
    ]) {
      const r = await grade(code, [oracle], {
        modules: {
          "./util": `export function viaSupport(n: number) { return require("./reference").double(n); }`,
        },
      });
      assert.notEqual(r.status, "pass", brief(r));
      assert.match(
        JSON.stringify(r),
        /Cannot find module '\.\/reference'|only available in test files/,
        brief(r),
      );
    }
    // Visible tests cannot either: their messages would show the reference's answers.
    const shown = await grade(REFERENCE, [
      visible(
        `import * as reference from "./reference"; test("peek", () => { expect(reference.double(2)).toBe(4); });`,
      ),
    ]);
    assert.equal(shown.status, "error", brief(shown));
    assert.match(shown.error?.message ?? "", /Cannot find module '\.\/reference'/);
  });
});

describe("the fast-check bundle", () => {
  test("the generated source matches a fresh build of sandbox/check/entry.ts", async () => {
    const { isGeneratedFresh } = await import("./check/build-check.ts");
    assert.equal(await isGeneratedFresh(), true, "run: node sandbox/check/build-check.ts");
  });
});
