/**
 * Hostile submissions, kept as regression tests. Each one must get a non-pass verdict (the one
 * listed), must not leak hidden test source, and the grader must grade a correct submission right
 * after it. Verdicts are deterministic: attacks meant to hit the memory limit get a time limit far
 * beyond what they need, so a loaded machine cannot turn them into timeouts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader } from "./index.ts";
import type { Grader } from "./index.ts";
import { brief, codeJob, SECRET_MARKER, SLUGIFY, SLUGIFY_HIDDEN, visible } from "./testing/helpers.ts";
import type { ErrorKind, GradeResult, Limits, TestFile } from "./types.ts";

const LIMITS: Partial<Limits> = { timeoutMs: 1500, testTimeoutMs: 700 };
/** For attacks that must end on the memory or output limit, never on time (a loaded machine is slow). */
const SLOW_OK: Partial<Limits> = { timeoutMs: 30_000, testTimeoutMs: 30_000 };
/**
 * A hang detector, not a performance test: isolated-vm's timeouts are wall-clock, and on the shared
 * 2-core machine (load average above 20 seen) a 1.5 s limit took 9 s of wall time to end. That the
 * run ended on the sandbox's own limit is checked from the verdict instead.
 */
const BOUND_MS = 60_000;

type Verdict = "fail" | ErrorKind;
interface Attack {
  name: string;
  code: string;
  /** Acceptable verdicts: "fail", or the error kinds allowed. */
  verdicts: Verdict[];
  tests?: TestFile[];
  language?: "ts" | "js";
  limits?: Partial<Limits>;
}

const WRONG = `export function slugify(s: string): string { return "nope"; }`;

// Hidden tests that hand learner code a callback (it could try to read its source or swallow its
// assertions).
const CALLBACK_HIDDEN: TestFile = {
  name: "callbacks.test.ts",
  hidden: true,
  source: `import { each, apply } from "./solution";
test("calls back with every item", () => {
  const marker = "${SECRET_MARKER}";
  each([1, 2, 3], (x: number) => expect(x).toBeLessThan(4));
  void marker;
});
test("applies", () => {
  expect(apply((x: number) => x * 2 /* ${SECRET_MARKER} */, 21)).toBe(42);
});
`,
};

const attacks: Attack[] = [
  // --- time --------------------------------------------------------------------------------------
  { name: "sync infinite loop at the top level", code: `while (true) {}\n${WRONG}`, verdicts: ["timeout"] },
  {
    name: "infinite loop inside the function",
    code: `export function slugify(s: string) { for (;;) {} }`,
    verdicts: ["timeout", "fail"],
  },
  {
    name: "infinite microtask chain at the top level",
    code: `const spin = (): Promise<void> => Promise.resolve().then(spin); spin();\n${WRONG}`,
    verdicts: ["timeout", "memory"],
  },
  {
    name: "async function awaiting forever in a loop",
    code: `export async function slugify(s: string) { while (true) await null; }`,
    verdicts: ["timeout", "fail"],
  },
  {
    name: "endless setInterval with a never-settling promise",
    code: `export function slugify(s: string) { setInterval(() => {}, 1); return new Promise(() => {}) as any; }`,
    verdicts: ["fail", "timeout"],
    tests: [
      visible(
        `import { slugify } from "./solution";\ntest("a", async () => { expect(await slugify("A")).toBe("a"); });`,
      ),
    ],
  },
  {
    name: "Atomics.wait on a shared buffer",
    code: `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);\n${WRONG}`,
    verdicts: ["timeout", "runtime"],
  },
  {
    name: "catastrophic regular expression",
    code: `export function slugify(s: string) { return /^(a+)+$/.test("a".repeat(40) + "b") ? "x" : "y"; }`,
    verdicts: ["timeout", "fail"],
  },
  {
    name: "catching and swallowing the timeout",
    code: `export function slugify(s: string) { try { while (true) {} } catch (e) {} finally { return "hello-world"; } }`,
    verdicts: ["timeout", "fail"],
  },
  {
    name: "timeout swallowed in a loop of try/catch",
    code: `export function slugify(s: string) { for (;;) { try { while (true) {} } catch {} } }`,
    verdicts: ["timeout", "fail"],
  },
  {
    name: "never-resolving promise",
    code: `export function slugify(s: string): any { return new Promise(() => {}); }`,
    verdicts: ["fail"],
    tests: [
      visible(
        `import { slugify } from "./solution";\ntest("a", async () => { expect(await slugify("A")).toBe("a"); });`,
      ),
    ],
  },
  {
    name: "proxy whose traps loop forever (formatting the value)",
    code: `export function slugify(s: string): any { return new Proxy({}, { ownKeys() { for (;;) {} }, getOwnPropertyDescriptor() { for (;;) {} } }); }`,
    verdicts: ["fail", "timeout"],
  },

  // --- memory and output -------------------------------------------------------------------------
  {
    name: "array memory bomb",
    code: `const keep: number[][] = []; while (true) keep.push(new Array(1e6).fill(1));\n${WRONG}`,
    verdicts: ["memory"],
    limits: SLOW_OK,
  },
  {
    name: "string doubling bomb",
    code: `let s = "x"; while (true) s += s;\n${WRONG}`,
    verdicts: ["memory", "runtime"],
    limits: SLOW_OK,
  },
  {
    name: "object graph bomb inside a test",
    code: `export function slugify(s: string) { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i, s: "y".repeat(100) + i }); }`,
    verdicts: ["memory", "timeout", "fail"],
  },
  {
    name: "WebAssembly memory (not counted by the heap limit)",
    code: `const m = new WebAssembly.Memory({ initial: 16000 });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "WebAssembly reached through globalThis",
    code: `const W = (globalThis as any)["Web" + "Assembly"]; new W.Memory({ initial: 16000 });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "one huge console.log",
    code: `console.log("x".repeat(5_000_000));\n${WRONG}`,
    verdicts: ["output", "memory"],
    limits: SLOW_OK,
  },
  {
    name: "endless output",
    code: `while (true) console.log("spam spam spam");\n${WRONG}`,
    verdicts: ["output", "timeout"],
  },
  {
    name: "output flood inside a test",
    code: `export function slugify(s: string) { for (let i = 0; i < 1e6; i++) console.error("flood", i); return "hello-world"; }`,
    verdicts: ["output"],
  },
  {
    name: "deep recursion",
    code: `function r(n: number): number { return r(n + 1) + 1; }\nr(0);\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "huge error message",
    code: `throw new Error("E".repeat(10_000_000));`,
    verdicts: ["runtime", "memory"],
    limits: SLOW_OK,
  },

  // --- reaching the host ---------------------------------------------------------------------------
  {
    name: "process global",
    code: `export function slugify(s: string) { (globalThis as any).process.exit(0); return ""; }`,
    verdicts: ["fail"],
  },
  {
    name: "require('fs') at the top level",
    code: `const fs = require("fs");\nexport const slugify = () => fs.readFileSync("/etc/passwd", "utf8");`,
    verdicts: ["runtime"],
  },
  {
    name: "import fs (static)",
    code: `import { readFileSync } from "node:fs";\nexport const slugify = () => readFileSync("/etc/passwd", "utf8");`,
    verdicts: ["runtime"],
  },
  {
    name: "dynamic import()",
    code: `export async function slugify(s: string) { const fs: any = await import("fs"); return fs.readFileSync("/etc/passwd", "utf8"); }`,
    verdicts: ["fail"],
    tests: [
      visible(
        `import { slugify } from "./solution";\ntest("a", async () => { expect(await slugify("A")).toBe("a"); });`,
      ),
    ],
  },
  {
    name: "import() from a string-compiled function",
    code: `export async function slugify(s: string) { return (new Function("return import('fs')"))(); }`,
    verdicts: ["fail"],
    tests: [
      visible(
        `import { slugify } from "./solution";\ntest("a", async () => { expect(await slugify("A")).toBe("a"); });`,
      ),
    ],
  },
  {
    name: "constructor chain to the host",
    code: `const p = (({}).constructor.constructor("return this.process || globalThis.process"))();\nexport function slugify(s: string) { return p.mainModule.require("fs").readFileSync("/etc/passwd", "utf8"); }`,
    verdicts: ["fail"],
  },
  {
    name: "Function('return this') to find host objects",
    code: `const g: any = Function("return this")();\nconst found = Object.getOwnPropertyNames(g).filter((k) => /process|require|ivm|isolated|module|harness|Buffer/i.test(k));\nexport function slugify(s: string) { if (found.length) throw new Error("found " + found.join(",")); return "nope"; }`,
    verdicts: ["fail"],
  },
  {
    name: "the harness dispatcher on globalThis",
    code: `const h = (globalThis as any).__serverside_harness__;\nh("abandon", 0, "pass");\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "setTimeout with a string (eval)",
    code: `setTimeout("globalThis.hacked = 1", 0);\n${WRONG}`,
    verdicts: ["fail", "runtime"],
  },

  // --- tampering with the harness ------------------------------------------------------------------
  {
    name: "shadowing test/expect/describe globals",
    code: `Object.assign(globalThis, { test() {}, it() {}, describe() {}, expect: () => ({ toBe() {} }) });\n${WRONG}`,
    verdicts: ["fail", "runtime"],
  },
  {
    name: "importing the test API to declare a passing test",
    code: `import { test } from "vitest";\ntest("free pass", () => {});\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "Object.prototype setter",
    code: `Object.defineProperty(Object.prototype, "status", { get() { return "pass"; }, set() {} });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "Object.prototype.toJSON",
    code: `(Object.prototype as any).toJSON = () => ({ status: "pass" });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "replacing JSON.stringify",
    code: `JSON.stringify = () => '{"state":"done","status":"pass"}';\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "replacing the JSON global",
    code: `(globalThis as any).JSON = { stringify: () => "pass", parse: () => ({}) };\n${WRONG}`,
    verdicts: ["runtime", "fail"],
  },
  {
    name: "patching Promise.prototype.then",
    code: `Promise.prototype.then = function (ok: any) { ok(); return this; } as any;\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "patching Array.prototype.push",
    code: `Array.prototype.push = function () { return 0; };\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "array index setter on Array.prototype",
    code: `Object.defineProperty(Array.prototype, "0", { set() {}, get() { return "pass"; } });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  { name: "patching Object.is", code: `Object.is = () => true;\n${WRONG}`, verdicts: ["runtime"] },
  {
    name: "replacing Error",
    code: `(globalThis as any).Error = function () { return { message: "" }; };\n${WRONG}`,
    verdicts: ["runtime", "fail"],
  },
  {
    name: "Symbol.hasInstance on Error",
    code: `Object.defineProperty(Error, Symbol.hasInstance, { value: () => false });\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "String.prototype patch to fake the answer",
    code: `String.prototype.toLowerCase = function () { return "hello-world"; };\nexport function slugify(s: string) { return s.toLowerCase(); }`,
    verdicts: ["runtime"],
  },
  {
    name: "redefining console",
    code: `(globalThis as any).console = { log() {} };\n${WRONG}`,
    verdicts: ["runtime", "fail"],
  },
  {
    name: "swallowing an assertion thrown inside a callback",
    code: `export function each(items: number[], fn: (x: number) => void) { for (const x of items) { try { fn(x + 10); } catch {} } }\nexport function apply(fn: (x: number) => number, x: number) { return fn(x); }`,
    verdicts: ["fail"],
    tests: [CALLBACK_HIDDEN],
  },

  // --- reading hidden tests ------------------------------------------------------------------------
  {
    name: "Function.prototype.toString on a hidden test's callback",
    code: `export function each(items: number[], fn: Function) { console.log(fn.toString()); throw new Error(String(fn)); }\nexport function apply(fn: Function, x: number) { console.log(Function.prototype.toString.call(fn)); return \`\${fn}\`; }`,
    verdicts: ["fail"],
    tests: [CALLBACK_HIDDEN],
  },
  {
    name: "Error.prepareStackTrace to get callers",
    code: `(Error as any).prepareStackTrace = (_e: unknown, frames: any[]) => frames.map((f) => String(f.getFunction())).join("\\n");\n${WRONG}`,
    verdicts: ["runtime"],
  },
  {
    name: "caller chain from a sloppy function",
    code: `export function slugify(s: string) { const peek = new Function("let f = peek; const out = []; for (let c = arguments.callee.caller; c; c = c.caller) out.push(String(c)); return out.join('|');"); return String(peek()); }`,
    verdicts: ["fail"],
  },
  {
    name: "stack trace of an error thrown from a hidden test",
    code: `export function slugify(s: string): string { throw new Error(new Error().stack); }`,
    verdicts: ["fail"],
  },

  // --- strange values ----------------------------------------------------------------------------
  { name: "throwing a number at the top level", code: `throw 42;`, verdicts: ["runtime"] },
  {
    name: "throwing null and undefined from the function",
    code: `export function slugify(s: string) { if (s.length > 5) throw null; throw undefined; }`,
    verdicts: ["fail"],
  },
  {
    name: "throwing an object with throwing getters",
    code: `export function slugify(s: string) { throw { get name() { throw new Error("n"); }, get message() { throw new Error("m"); }, get stack() { throw 1; } }; }`,
    verdicts: ["fail"],
  },
  {
    name: "throwing a proxy that throws on every trap",
    code: `const evil: any = new Proxy({}, new Proxy({}, { get() { return () => { throw new Error("trap"); }; } }));\nexport function slugify(s: string) { throw evil; }`,
    verdicts: ["fail"],
  },
  {
    name: "returning a cyclic value",
    code: `export function slugify(s: string): any { const o: any = { s }; o.self = o; o.list = [o, o]; return o; }`,
    verdicts: ["fail"],
  },
  {
    name: "returning a huge value",
    code: `export function slugify(s: string): any { return Array.from({ length: 200000 }, (_, i) => ({ i, s: "v".repeat(50) })); }`,
    verdicts: ["fail"],
    limits: SLOW_OK,
  },
  {
    name: "returning an object with hostile toString/valueOf/toPrimitive",
    code: `export function slugify(s: string): any { return { toString() { throw new Error("t"); }, valueOf() { throw new Error("v"); }, [Symbol.toPrimitive]() { throw new Error("p"); }, get x() { throw new Error("g"); } }; }`,
    verdicts: ["fail"],
  },
  {
    name: "a thenable that never calls back, from a sync test",
    code: `export function slugify(s: string): any { return { then() {} }; }`,
    verdicts: ["fail"],
  },
];

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 2 });
});
after(async () => {
  await grader.close();
});

async function gradeTimed(job: Parameters<Grader["grade"]>[0]): Promise<{ result: GradeResult; ms: number }> {
  const started = performance.now();
  const result = await grader.grade(job);
  return { result, ms: performance.now() - started };
}

function assertHostileVerdict(attack: Attack, result: GradeResult, ms: number): void {
  const detail = `${attack.name}\n${brief(result)}`;
  assert.notEqual(result.status, "pass", `must not pass: ${detail}`);
  const verdict: Verdict = result.status === "fail" ? "fail" : result.error!.kind;
  assert.ok(
    attack.verdicts.includes(verdict),
    `verdict ${verdict}, expected one of ${attack.verdicts.join("/")}: ${detail}`,
  );
  assert.ok(ms < BOUND_MS, `took ${Math.round(ms)} ms (bound ${BOUND_MS} ms): ${detail}`);
  const text = JSON.stringify(result);
  assert.ok(!text.includes(SECRET_MARKER), `hidden test source leaked: ${detail}`);
  assert.ok(
    !/serverside:runtime|isolated-vm|node:internal|\/work\//.test(text),
    `host internals leaked: ${detail}`,
  );
}

const CORRECT_CALLBACKS = `export function each(items: number[], fn: (x: number) => void) { for (const x of items) fn(x); }\nexport function apply(fn: (x: number) => number, x: number) { return fn(x); }`;

describe("hostile submissions", { concurrency: 2 }, () => {
  test("the suite has at least 40 attacks", () => {
    assert.ok(attacks.length >= 40, `${attacks.length} attacks`);
  });

  for (const attack of attacks) {
    test(attack.name, async () => {
      const tests = attack.tests ?? [SLUGIFY_HIDDEN];
      const { result, ms } = await gradeTimed(
        codeJob(attack.code, tests, attack.limits ?? LIMITS, { language: attack.language ?? "ts" }),
      );
      assertHostileVerdict(attack, result, ms);
      // The grader still grades a correct submission right after.
      const correctCode =
        tests[0] === CALLBACK_HIDDEN
          ? CORRECT_CALLBACKS
          : attack.tests
            ? `export async function slugify(s: string) { return s.toLowerCase(); }`
            : SLUGIFY;
      const after = await grader.grade(codeJob(correctCode, tests, LIMITS));
      assert.equal(after.status, "pass", `correct submission after "${attack.name}": ${brief(after)}`);
    });
  }

  test("swallowed assertions still fail the test that made them", async () => {
    const { result } = await gradeTimed(
      codeJob(attacks.find((a) => a.name.startsWith("swallowing"))!.code, [CALLBACK_HIDDEN], LIMITS),
    );
    const t = result.tests.find((x) => x.name === "calls back with every item");
    assert.equal(t?.status, "fail", brief(result));
    assert.match(t?.message ?? "", /toBeLessThan/);
  });

  test("many heavy submissions at once", async () => {
    const hostile = [
      `while (true) {}\n${WRONG}`,
      `const keep: number[][] = []; while (true) keep.push(new Array(1e6).fill(1));\n${WRONG}`,
      `export function slugify(s: string) { for (;;) {} }`,
      `while (true) console.log("spam");\n${WRONG}`,
      `let s = "x"; while (true) s += s;\n${WRONG}`,
      `export function slugify(s: string) { return /^(a+)+$/.test("a".repeat(40) + "b") ? "x" : "y"; }`,
    ];
    const started = performance.now();
    const results = await Promise.all(
      hostile.map((code) => grader.grade(codeJob(code, [SLUGIFY_HIDDEN], LIMITS))),
    );
    const elapsed = performance.now() - started;
    for (const r of results) assert.notEqual(r.status, "pass", brief(r));
    assert.ok(elapsed < BOUND_MS, `took ${Math.round(elapsed)} ms`);
    const correct = await grader.grade(codeJob(SLUGIFY, [SLUGIFY_HIDDEN], LIMITS));
    assert.equal(correct.status, "pass", brief(correct));
  });
});
