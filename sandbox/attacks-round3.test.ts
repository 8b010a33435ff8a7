/**
 * Hostile submissions, third round (issue 17, an independent red team): one describe per class of
 * weakness, several variants each, all on ONE reused worker, as the app's pool reuses them. After
 * every test the reference solution must still pass on that same worker and the worker's resident
 * memory must be back within 150 MB of where it was (afterEach).
 *
 * attacks-round3-fresh.test.ts runs the same tests with a fresh worker for each test
 * (ATTACKS_FRESH_WORKER=1): an attack must fail on a worker's first jobs as on a warm one.
 */
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import Database from "better-sqlite3";
import { createGrader } from "./index.ts";
import type { Grader } from "./index.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { seededOrder } from "./run-mutation.ts";
import { asSqliteError, discardSqlJs, loadSqlJs, openDatabase, SqlEngineFailure } from "./sql/execute-sql.ts";
import { refusalOf } from "./sql/sql-text.ts";
import { brief, codeJob, SECRET_MARKER, SLUGIFY, SLUGIFY_HIDDEN, visible } from "./testing/helpers.ts";
import type { GradeJob, GradeResult, Limits, MutationJob, SqlJob, TestFile } from "./types.ts";
import type { WorkerReply } from "./pool.ts";

const LIMITS: Partial<Limits> = { timeoutMs: 3000, testTimeoutMs: 1500 };
/** How far a worker's RSS may stay above where it was before a hostile submission (issue 17). */
const RSS_MARGIN_MB = 150;

let grader: Grader;
let baseline: { pid: number; rssMb: number } | null = null;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return kb / 1024;
}

const SQL_REFERENCE: SqlJob = {
  kind: "sql",
  code: "SELECT name FROM users ORDER BY id;",
  solution: "SELECT name FROM users ORDER BY id;",
  datasets: [
    {
      name: "users",
      seed: "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users(name) VALUES ('ann'), ('bo');",
    },
  ],
  compare: { mode: "rows", ordered: true },
};

/** The reference solutions pass on the worker, and its memory is back near where it was. */
async function checkWorkerHealthy(): Promise<void> {
  const code = await grader.grade(codeJob(SLUGIFY, [SLUGIFY_HIDDEN], LIMITS));
  assert.equal(code.status, "pass", `reference code solution afterwards: ${brief(code)}`);
  const sql = await grader.grade(SQL_REFERENCE);
  assert.equal(sql.status, "pass", `reference SQL solution afterwards: ${brief(sql)}`);
  const pid = grader.workerPids()[0]!;
  const now = rssMb(pid);
  if (baseline === null || baseline.pid !== pid) {
    // A new worker (the pool replaced one that hit a limit): measure from here on.
    baseline = { pid, rssMb: now };
    return;
  }
  assert.ok(
    now < baseline.rssMb + RSS_MARGIN_MB,
    `worker RSS ${Math.round(now)} MB, was ${Math.round(baseline.rssMb)} MB before`,
  );
}

/** Set by attacks-round3-fresh.test.ts before it imports this file. */
const FRESH_WORKER = process.env.ATTACKS_FRESH_WORKER === "1";

before(async () => {
  grader = createGrader({ workers: 1 });
  // Warm up (sql.js loaded, isolates created) so that the baseline is a worker in use.
  for (let i = 0; i < 3; i++) await checkWorkerHealthy();
});
beforeEach(async () => {
  if (!FRESH_WORKER) return;
  await grader.close();
  grader = createGrader({ workers: 1 });
  // The hostile submission is the new worker's first job; the baseline is taken after it (afterEach).
  baseline = null;
});
afterEach(async () => {
  await checkWorkerHealthy();
});
after(async () => {
  await grader.close();
});

function assertNoLeak(result: GradeResult): void {
  const text = JSON.stringify(result);
  assert.ok(!text.includes(SECRET_MARKER), `hidden test source leaked: ${brief(result)}`);
  assert.ok(
    !/serverside:runtime|isolated-vm|node:internal|\/work\//.test(text),
    `host internals leaked: ${brief(result)}`,
  );
}

const sqlJob = (code: string): SqlJob => ({ ...SQL_REFERENCE, code });

describe("1. sql.js legacy extension functions", () => {
  const LEGACY_CALLS = [
    "SELECT replicate('ab', 4294967297);",
    "SELECT length(replicate('ab', 3));",
    "SELECT padl('x', 4294967296 + 10);",
    "SELECT padr('x', 4294967306), padc('x', 4294967306);",
    "SELECT strfilter('abc', 'b');",
    "SELECT leftstr('abc', 4294967297), rightstr('abc', -1);",
    "SELECT charindex('b', 'abc'), proper('abc'), reverse('abc');",
    "SELECT \"replicate\"('a', 4294967297);",
    "CREATE VIEW v AS SELECT 1 AS name; SELECT replicate(name, 4294967297) FROM v;",
    "SELECT name FROM users WHERE padl(name, 4294967297) IS NOT NULL;",
    "SELECT stdev(id), variance(id), median(id), mode(id), lower_quartile(id) FROM users;",
  ];
  for (const call of LEGACY_CALLS) {
    test(`refused as an unknown function, the worker unharmed: ${call}`, async () => {
      const result = await grader.grade(sqlJob(call));
      assert.equal(result.status, "error", brief(result));
      assert.equal(result.error?.kind, "compile", brief(result));
      assert.match(result.error?.message ?? "", /no such function/, brief(result));
    });
  }

  test("only standard SQLite functions exist in the sandbox's databases", async () => {
    const SQL = await loadSqlJs();
    const db = openDatabase(SQL, 16);
    const ours = db.exec("SELECT DISTINCT name FROM pragma_function_list")[0]!.values.map(([n]) => String(n));
    db.close();
    const reference = new Database(":memory:");
    const standard = new Set(
      reference
        .prepare("SELECT DISTINCT name FROM pragma_function_list")
        .all()
        .map((r) => (r as { name: string }).name),
    );
    reference.close();
    const extra = ours.filter((name) => !standard.has(name));
    assert.deepEqual(extra, [], `functions beyond standard SQLite: ${extra.join(", ")}`);
  });

  test("an engine failure is told apart from an SQLite error by its class, and drops the engine", async () => {
    const sqlite = new Error("no such table: x");
    assert.equal(asSqliteError(sqlite), sqlite);
    for (const odd of [
      new WebAssembly.RuntimeError("memory access out of bounds"),
      new RangeError("x"),
      new TypeError("y"),
      "a string",
      null,
    ]) {
      assert.throws(() => asSqliteError(odd), SqlEngineFailure);
    }
    // An SQLite-looking message on the wrong class is still an engine failure: never the text.
    class Sneaky extends Error {}
    assert.throws(() => asSqliteError(new Sneaky("SQLITE_ERROR: no such table")), SqlEngineFailure);
    discardSqlJs();
    const SQL = await loadSqlJs();
    assert.equal(openDatabase(SQL, 16).exec("SELECT 1")[0]!.values[0]![0], 1);
  });

  test("a worker whose job ended 'internal' asks to be recycled (reply.recycle), and sql.js prints nothing", async () => {
    const child = fork(new URL("./worker.ts", import.meta.url), [], {
      execArgv: ["--no-node-snapshot", "--disable-warning=ExperimentalWarning", "--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
      env: { ...process.env, TZ: "UTC" },
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.resume();
    const replies: WorkerReply[] = [];
    let wake = () => {};
    child.on("message", (m: WorkerReply) => {
      replies.push(m);
      wake();
    });
    const waitFor = (n: number) =>
      new Promise<void>((resolve, reject) => {
        wake = () => (replies.length >= n ? resolve() : undefined);
        child.once("exit", (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
        wake();
      });
    try {
      const limits = { ...DEFAULT_LIMITS };
      await waitFor(1);
      const send = (id: number, job: GradeJob) => child.send({ id, job, limits });
      // A broken exercise (its hidden test file does not compile) is an "internal" result.
      send(1, codeJob(SLUGIFY, [{ name: "hidden.test.ts", hidden: true, source: "test('x', () => {" }]));
      send(2, codeJob(SLUGIFY));
      // 2000 calls of a removed legacy function: each used to print a 230-byte deprecation warning.
      send(
        3,
        sqlJob(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT replicate('a', 2) FROM n;`,
        ),
      );
      send(4, sqlJob("SELECT name FROM users ORDER BY id;"));
      await waitFor(5);
      const results = replies.filter(
        (r): r is Extract<WorkerReply, { type: "result" }> => r.type === "result",
      );
      const byId = new Map(results.map((r) => [r.id, r]));
      assert.equal(byId.get(1)?.result.error?.kind, "internal", JSON.stringify(byId.get(1)));
      assert.equal(byId.get(1)?.recycle, true, "an internal error must ask for a recycle");
      assert.equal(byId.get(2)?.result.status, "pass");
      assert.equal(byId.get(2)?.recycle, undefined, "a normal job must not ask for a recycle");
      assert.equal(byId.get(3)?.result.error?.kind, "compile");
      assert.equal(byId.get(4)?.result.status, "pass");
      assert.ok(!/deprecated/.test(stderr) && stderr.length < 2000, `worker stderr: ${stderr.slice(0, 500)}`);
    } finally {
      child.kill("SIGKILL");
    }
  });
});

describe("2. no source oracle: every function's source is masked the same way", () => {
  const HIDDEN_WITH_CALLBACKS: TestFile = {
    name: "hidden.test.ts",
    hidden: true,
    source: `import { probe } from "./solution";
test("probe", () => {
  const secretFn = (x: number) => x * 2 + ${JSON.stringify(SECRET_MARKER).length};
  const out = probe(secretFn, function named() { return "${SECRET_MARKER}"; });
  expect(out).toBe("ok");
});
`,
  };

  test("learner code sees one mask for hidden, guessed, own and native functions", async () => {
    // A function built from a guess of hidden text answered "[native code]" only when the guess
    // occurred in a hidden file: an oracle. Now the answer depends on the name alone.
    const code = `export function probe(secretFn: Function, named: Function): string {
  const guessIn = Function("return ((x: number) => x * 2 + 22)".replace(": number", ""))();
  const guessOut = Function("return ((x) => x * 3 + 1)")();
  const masked = (f: Function) => String(f) === "function " + f.name + "() { [native code] }";
  for (const f of [secretFn, guessIn, guessOut, named]) {
    if (!masked(f) || Function.prototype.toString.call(f) !== String(f) || \`\${f}\` !== String(f)) return "oracle: " + String(f);
  }
  // The guess whose text occurs in the hidden file and the one that does not: the same answer.
  if (String(guessIn) !== String(guessOut) || Reflect.apply(Function.prototype.toString, guessIn, []) !== "function () { [native code] }") return "oracle: " + String(guessIn);
  if (String(named) !== "function named() { [native code] }") return "named: " + String(named);
  if (String([].push) !== "function push() { [native code] }") return "native: " + String([].push);
  class Mine { m() { return 1; } }
  if (String(Mine) !== "function Mine() { [native code] }" || String(Mine.prototype.m) !== "function m() { [native code] }") return "own: " + String(Mine);
  if (String(async function* gen() {}) !== "function gen() { [native code] }") return "gen";
  if (String(probe.bind(null)) !== "function bound probe() { [native code] }") return "bound: " + String(probe.bind(null));
  return "ok";
}`;
    const result = await grader.grade(codeJob(code, [HIDDEN_WITH_CALLBACKS], LIMITS));
    assert.equal(result.status, "pass", brief(result));
    assertNoLeak(result);
  });

  test("the mask cannot be taken off or routed around", async () => {
    const attempts = [
      `Function.prototype.toString = function () { return "x"; };`,
      `Object.defineProperty(Function.prototype, "toString", { value: () => "x" });`,
      `const d = Object.getOwnPropertyDescriptor(Function.prototype, "toString")!; (d as any).set?.call(Function.prototype, () => "x");`,
    ];
    for (const attempt of attempts) {
      const code = `let ok = true;\ntry { ${attempt} } catch { ok = false; }\nexport function slugify(s: string) { return ok ? "patched" : String((x: number) => x).includes("[native code]") ? "masked" : "visible"; }`;
      const test: TestFile = visible(
        `import { slugify } from "./solution";\ntest("mask", () => { expect(slugify("a")).toBe("masked"); expect(String(() => 1)).toBe("function () { [native code] }"); });`,
      );
      const result = await grader.grade(codeJob(code, [test], LIMITS));
      assert.equal(result.status, "pass", `${attempt}\n${brief(result)}`);
    }
  });

  test("a mutation-job test cannot fingerprint the module, its mutants or its equivalents by text", async () => {
    const MODULE = "export function double(x: number): number {\n  return x * 2;\n}\n";
    const job: MutationJob = {
      kind: "mutation",
      language: "ts",
      module: MODULE,
      tests: `import { double } from "./solution";\ntest("fingerprint", () => { expect(String(double)).toBe("function double() { [native code] }"); expect(double.length).toBe(1); });`,
      mutants: [
        {
          name: "plus",
          description: "adds instead of multiplying",
          source: MODULE.replace("x * 2", "x + 2"),
        },
      ],
      equivalents: [
        { name: "sum", source: "export function double(x: number): number {\n  return x + x;\n}\n" },
      ],
      limits: LIMITS,
    };
    const result = await grader.grade(job);
    assert.equal(result.tests[0]?.status, "pass", brief(result));
    assert.equal(
      result.tests.find((t) => t.name.startsWith("catches mutant"))?.status,
      "fail",
      brief(result),
    );
  });
});

describe("3. mutation jobs demand behaviour", () => {
  const MODULE = `export function clamp(x: number, lo: number, hi: number): number {\n  return x < lo ? lo : x > hi ? hi : x;\n}\n`;
  const MUTANTS: MutationJob["mutants"] = [
    {
      name: "no-lower",
      description: "the lower bound is ignored",
      source: MODULE.replace("x < lo ? lo : ", ""),
    },
    {
      name: "upper-off",
      description: "the upper bound is off by one",
      source: MODULE.replace("x > hi", "x > hi + 1"),
    },
  ];
  const EQUIVALENTS: NonNullable<MutationJob["equivalents"]> = [
    {
      name: "min-max",
      source: `export function clamp(x: number, lo: number, hi: number): number {\n  return Math.min(Math.max(x, lo), hi);\n}\n`,
    },
    {
      name: "branches",
      source: `export function clamp(x: number, lo: number, hi: number): number {\n  if (x < lo) return lo;\n  if (x > hi) return hi;\n  return x;\n}\n`,
    },
  ];
  const job = (tests: string): MutationJob => ({
    kind: "mutation",
    language: "ts",
    tests,
    module: MODULE,
    mutants: MUTANTS,
    equivalents: EQUIVALENTS,
    limits: { timeoutMs: 6000, testTimeoutMs: 1500 },
  });
  const equivalentTests = (r: GradeResult) =>
    r.tests.filter((t) => t.name.startsWith("your tests pass on another correct implementation"));

  test("honest tests pass on the module and every equivalent and catch every mutant", async () => {
    const result = await grader.grade(
      job(
        `import { clamp } from "./solution";\ntest("clamps", () => { expect(clamp(-5, 0, 10)).toBe(0); expect(clamp(11, 0, 10)).toBe(10); expect(clamp(5, 0, 10)).toBe(5); });`,
      ),
    );
    assert.equal(result.status, "pass", brief(result));
    assert.equal(equivalentTests(result).length, 2, brief(result));
  });

  const CHEATS: [string, string][] = [
    [
      "recording the calls made on a duck-typed argument",
      `import { clamp } from "./solution";\ntest("trace", () => {\n  const seen: string[] = [];\n  const x = { valueOf() { seen.push("v"); return 5; } } as unknown as number;\n  clamp(x, 0, 10);\n  expect(seen.length).toBe(2);\n});`,
    ],
    [
      "the module's arity and name fingerprint",
      `import { clamp } from "./solution";\ntest("shape", () => { expect(clamp.toString().length + clamp.length).toBe(38); expect(Object.keys(clamp)).toEqual([]); expect(clamp(5, 0, 10)).toBe(5); });`,
    ],
    [
      "state carried from an earlier run (fresh context per run)",
      `test("first run only", () => { const g = globalThis as any; expect(g.__seenBefore).toBeUndefined(); g.__seenBefore = true; });`,
    ],
    [
      "a Symbol.for marker left in the isolate by an earlier run",
      `test("first run only", () => { const s = Symbol.for("serverside.seen"); const g = globalThis as any; expect(Object.getOwnPropertySymbols(Symbol).includes(s)).toBe(false); });`,
    ],
  ];
  for (const [name, tests] of CHEATS) {
    test(`catches no mutant without testing behaviour: ${name}`, async () => {
      const result = await grader.grade(job(tests));
      assert.notEqual(result.status, "pass", brief(result));
      const caughtAll = result.tests
        .filter((t) => t.name.startsWith("catches mutant"))
        .every((t) => t.status === "pass");
      const equivalentsPass = equivalentTests(result).every((t) => t.status === "pass");
      assert.ok(!(caughtAll && equivalentsPass && result.tests[0]?.status === "pass"), brief(result));
    });
  }

  test("tests the learner writes get no real clock (serverside:test's measure)", async () => {
    const result = await grader.grade(
      job(
        `import { measure } from "serverside:test";\nimport { clamp } from "./solution";\ntest("timed", () => { expect(measure(() => clamp(1, 0, 2))).toBeGreaterThan(-1); });`,
      ),
    );
    assert.equal(result.tests[0]?.status, "fail", brief(result));
    assert.match(result.tests[0]?.message ?? "", /not available in tests you write/, brief(result));
  });

  test("every time source follows the virtual clock, Intl included", async () => {
    // Intl.DateTimeFormat formatted the real "now": a timing channel, and a date from the host.
    const tests = visible(`test("one clock", () => {
  const fmt = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "medium", timeZone: "UTC" });
  const expected = fmt.format(new Date(Date.UTC(2026, 0, 1)));
  expect(fmt.format()).toBe(expected);
  expect(fmt.format(undefined)).toBe(expected);
  expect(fmt.formatToParts()).toEqual(fmt.formatToParts(new Date(Date.UTC(2026, 0, 1))));
  expect(new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric" }).format()).toBe("2026");
  expect(Date.now()).toBe(Date.UTC(2026, 0, 1));
  expect(new Date().getTime()).toBe(Date.now());
  expect(Date()).toBe(new Date(Date.now()).toString());
  expect(performance.now()).toBe(0);
  expect(typeof (globalThis as any).Temporal).toBe("undefined");
  clock.advance(90_000);
  expect(fmt.format()).toBe(fmt.format(new Date(Date.UTC(2026, 0, 1, 0, 1, 30))));
  expect(fmt.format).toBe(fmt.format);
});`);
    const result = await grader.grade(codeJob(SLUGIFY, [tests], LIMITS));
    assert.equal(result.status, "pass", brief(result));
  });

  test("the run order is a seeded shuffle: reproducible, and the correct module is not always first", () => {
    const first = new Map<number, number>();
    for (let s = 0; s < 200; s++) {
      const order = seededOrder(8, `seed ${s}`);
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        [0, 1, 2, 3, 4, 5, 6, 7],
      );
      assert.deepEqual(seededOrder(8, `seed ${s}`), order);
      first.set(order[0]!, (first.get(order[0]!) ?? 0) + 1);
    }
    assert.ok((first.get(0) ?? 0) < 60, `the correct module ran first in ${first.get(0)} of 200 jobs`);
    assert.equal(first.size, 8);
  });
});

describe("4. hidden tests read state learner code cannot move or replace", () => {
  test("learner code cannot move the clock that tests read", async () => {
    const attempts = [
      `clock.set(0)`,
      `clock.advance(3_600_000)`,
      `(globalThis as any).clock = { now: () => 0 }`,
      `Object.defineProperty(clock, "now", { value: () => 0 })`,
      `(Date as any).now = () => 0`,
    ];
    for (const attempt of attempts) {
      const code = `let moved = "";\ntry { ${attempt}; moved = "moved"; } catch (e) { moved = (e as Error).name; }\nexport function stamp() { try { ${attempt}; } catch {} return moved; }`;
      const hidden: TestFile = {
        name: "hidden.test.ts",
        hidden: true,
        source: `import { stamp } from "./solution";\ntest("clock untouched", () => {\n  const before = clock.now();\n  expect(stamp()).toBe("TypeError");\n  expect(clock.now()).toBe(before);\n  expect(Date.now()).toBe(Date.UTC(2026, 0, 1));\n  clock.advance(1000);\n  expect(Date.now()).toBe(Date.UTC(2026, 0, 1, 0, 0, 1));\n});`,
      };
      const result = await grader.grade(codeJob(code, [hidden], LIMITS));
      assert.equal(result.status, "pass", `${attempt}\n${brief(result)}`);
    }
  });

  test("a support module's exports are frozen (they cannot be swapped for a forgery)", async () => {
    const DB = `export const queryLog: string[] = [];\nexport function query(sql: string): string[] { queryLog.push(sql); return []; }\nexport class Store { get(k: string) { query("SELECT " + k); return k; } }`;
    const hidden: TestFile = {
      name: "hidden.test.ts",
      hidden: true,
      source: `import { find } from "./solution";\nimport { queryLog, query, Store } from "./db";\ntest("one parameterised query", () => {\n  find("x");\n  expect(queryLog).toEqual(["SELECT ?"]);\n  expect(typeof query).toBe("function");\n  expect(new Store().get("y")).toBe("y");\n});`,
    };
    const forgeries = [
      `import * as db from "./db";\n(db as any).queryLog = ["SELECT ?"];`,
      `const db = require("./db");\ndb.query = () => [];`,
      `import { Store } from "./db";\n(Store.prototype as any).get = () => "forged";`,
      `import { query } from "./db";\n(query as any).calls = 1; Object.defineProperty(require("./db"), "queryLog", { value: ["SELECT ?"] });`,
    ];
    for (const forgery of forgeries) {
      const code = `${forgery}\nexport function find(x: string) { return x; }`;
      const result = await grader.grade(codeJob(code, [hidden], LIMITS, { modules: { "./db": DB } }));
      assert.notEqual(result.status, "pass", `${forgery}\n${brief(result)}`);
      assertNoLeak(result);
    }
    const honest = `import { query } from "./db";\nexport function find(x: string) { return query("SELECT ?"); }`;
    const ok = await grader.grade(codeJob(honest, [hidden], LIMITS, { modules: { "./db": DB } }));
    assert.equal(ok.status, "pass", brief(ok));
  });

  test("intrinsic and library prototypes that tests use are frozen before learner code runs", async () => {
    const patches = [
      `Object.getPrototypeOf(new URLSearchParams("a=1").keys()).next = () => ({ done: true })`,
      `(globalThis as any)["__core-js_shared__"].state.get = () => ({})`,
      `(Intl.NumberFormat.prototype as any).format = () => "1"`,
      `Object.defineProperty(Intl.DateTimeFormat.prototype, "formatToParts", { value: () => [] })`,
      `(Intl.Collator.prototype as any).compare = () => 0`,
      `Object.getPrototypeOf([].values().map((x: unknown) => x)).next = () => ({ done: true })`,
      `Object.getPrototypeOf((Iterator as any).from({ next: () => ({ done: true }) })).next = () => ({ done: true })`,
      `Object.getPrototypeOf(new Intl.Segmenter("en").segment("a")).containing = () => undefined`,
      `Object.getPrototypeOf(crypto.createHash("sha256")).digest = () => "forged"`,
      `Object.getPrototypeOf(crypto.createHmac("sha256", "k")).digest = () => "forged"`,
      `Object.getPrototypeOf(new Headers([["a", "1"]]).keys()).next = () => ({ done: true })`,
      `Object.getPrototypeOf(Object.getPrototypeOf(new Map().entries())).next = () => ({ done: true })`,
      `(Object.getPrototypeOf(Uint8Array) as any).from = () => new Uint8Array()`,
      `Object.getPrototypeOf(new Response("x").body).getReader = () => null`,
    ];
    const code = `const stuck: string[] = [];\n${patches.map((p, i) => `try { ${p}; stuck.push("${i}"); } catch {}`).join("\n")}\nexport function slugify(s: string) { return stuck.join(","); }`;
    const check = visible(`import { slugify } from "./solution";
test("nothing stuck, everything intact", async () => {
  expect(slugify("")).toBe("");
  expect([...new URLSearchParams("a=1&b=2").keys()]).toEqual(["a", "b"]);
  expect(new URL("http://x/a?b=1").searchParams.get("b")).toBe("1");
  expect(new Intl.NumberFormat("en-US").format(1234.5)).toBe("1,234.5");
  expect([1, 2].values().map((x) => x * 2).toArray()).toEqual([2, 4]);
  expect(crypto.createHash("sha256").update("a").digest("hex")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
  expect(crypto.createHmac("sha256", "k").update("a").digest("hex").length).toBe(64);
  expect([...new Headers([["a", "1"]]).keys()]).toEqual(["a"]);
  expect(await new Response("x").text()).toBe("x");
});`);
    const result = await grader.grade(codeJob(code, [check], LIMITS));
    assert.equal(result.status, "pass", brief(result));
  });
});

describe("5. timer pumping cannot crash the worker", () => {
  const SPINNERS = [
    `setInterval(() => {}, 1); return new Promise(() => {}) as any;`,
    `setInterval(() => {}, 0); setInterval(() => {}, 1); return new Promise(() => {}) as any;`,
    `const again = () => { setTimeout(again, 1); }; again(); return new Promise(() => {}) as any;`,
    `setInterval(() => { Promise.resolve().then(() => {}); }, 1); return new Promise(() => {}) as any;`,
  ];
  const tests = visible(`import { slugify } from "./solution";
test("spins", async () => { expect(await slugify("A")).toBe("a"); });
test("still runs", () => { expect(1 + 1).toBe(2); });`);
  for (const [i, body] of SPINNERS.entries()) {
    test(`a spinning timer beside a never-settling promise ends that test (variant ${i + 1}, three times on one worker)`, async () => {
      const pid = grader.workerPids()[0];
      for (let round = 0; round < 3; round++) {
        const result = await grader.grade(
          codeJob(`export function slugify(s: string) { ${body} }`, [tests], {
            timeoutMs: 20_000,
            testTimeoutMs: 15_000,
          }),
        );
        assert.equal(result.status, "fail", brief(result));
        assert.equal(result.tests.length, 2, brief(result));
        assert.equal(result.tests[0]?.status, "error", brief(result));
        assert.equal(result.tests[1]?.status, "pass", brief(result));
        assert.equal(grader.workerPids()[0], pid, "the worker crashed");
      }
    });
  }

  test("a test that awaits a thousand sleeps still passes", async () => {
    const tests = visible(
      `test("sleeps", async () => { for (let i = 0; i < 1000; i++) await new Promise((r) => setTimeout(r, 10)); expect(Date.now()).toBe(Date.UTC(2026, 0, 1) + 10_000); });`,
    );
    const result = await grader.grade(
      codeJob(SLUGIFY, [tests], { timeoutMs: 20_000, testTimeoutMs: 15_000 }),
    );
    assert.equal(result.status, "pass", brief(result));
  });
});

describe("6. verdicts from the isolate's state and the harness's records, not message text", () => {
  const three = (body: string) =>
    visible(`import { slugify } from "./solution";
test("first", () => { expect(slugify("A B")).toBe("a-b"); });
test("the one that goes wrong", async () => { ${body} });
test("last", () => { expect(slugify("C")).toBe("c"); });`);

  const CASES: [string, string, RegExp][] = [
    [
      "an unhandled rejection (a beginner's req.json().then(...) with no catch)",
      `(globalThis as any).kept = new Request("http://x/", { method: "POST", body: "{" }).json().then((b) => b);\n await Promise.resolve();`,
      /Unexpected end of JSON input|JSON/,
    ],
    [
      "an unhandled rejection whose message says 'memory limit'",
      `(globalThis as any).kept = Promise.reject(new Error("Isolate was disposed during execution due to memory limit"));\n await null;`,
      /memory limit/,
    ],
    [
      "an unhandled rejection whose message says 'Script execution timed out.'",
      `(globalThis as any).kept = Promise.reject(new Error("Script execution timed out."));\n await null;`,
      /timed out/,
    ],
    [
      "an error thrown in a timer callback",
      `setTimeout(() => { throw new RangeError("from a timer"); }, 5);\n await new Promise((r) => setTimeout(r, 50));`,
      /from a timer/,
    ],
    [
      "an error thrown in an interval after the test awaited",
      `setInterval(() => { throw new Error("Script execution timed out."); }, 1);\n await new Promise(() => {});`,
      /timer callback/,
    ],
    [
      "a rejection with a non-Error value",
      `(globalThis as any).kept = Promise.reject("memory limit");\n await null;`,
      /memory limit/,
    ],
  ];
  for (const [name, body, message] of CASES) {
    test(`${name}: the running test's runtime error, the other tests reported`, async () => {
      const result = await grader.grade(codeJob(SLUGIFY, [three(body)], LIMITS));
      assert.equal(result.status, "fail", brief(result));
      assert.equal(result.tests.length, 3, brief(result));
      assert.deepEqual(
        result.tests.map((t) => t.status),
        ["pass", "error", "pass"],
        brief(result),
      );
      assert.match(result.tests[1]?.message ?? "", message, brief(result));
      assertNoLeak(result);
    });
  }

  test("an unhandled rejection while the module loads is a runtime error, not an internal one", async () => {
    for (const top of [
      `(globalThis as any).kept = Promise.reject(new Error("Script execution timed out."));`,
      `(globalThis as any).kept = Promise.reject(new Error("memory limit"));`,
      `(globalThis as any).kept = new Response("{").json();`,
    ]) {
      const result = await grader.grade(codeJob(`${top}\n${SLUGIFY}`, [SLUGIFY_HIDDEN], LIMITS));
      assert.equal(result.status, "error", brief(result));
      assert.equal(result.error?.kind, "runtime", `${top}\n${brief(result)}`);
    }
  });

  test("a thrown error that imitates the harness's timeout text does not change a mutation verdict", async () => {
    const MODULE = "export function one(): number {\n  return 1;\n}\n";
    const job: MutationJob = {
      kind: "mutation",
      language: "ts",
      module: MODULE,
      tests: `import { one } from "./solution";\ntest("t", () => { if (one() !== 1) throw { name: "Timed out", message: "the test did not finish" }; });`,
      mutants: [{ name: "two", description: "returns 2", source: MODULE.replace("1;", "2;") }],
      limits: LIMITS,
    };
    const result = await grader.grade(job);
    assert.equal(result.status, "pass", brief(result));
  });
});

describe("7. state that outlives a submission; the SQL lexer agrees with SQLite", () => {
  test("Atomics.waitAsync is gone: long waiters cannot pile up in the worker", async () => {
    const code = `let made = 0;\nfor (let i = 0; i < 50; i++) { try { (Atomics as any).waitAsync(new Int32Array(new SharedArrayBuffer(1 << 20)), 0, 0, 1e9); made++; } catch {} }\nexport function slugify(s: string) { return "made " + made; }`;
    for (let i = 0; i < 4; i++) {
      const result = await grader.grade(codeJob(code, [SLUGIFY_HIDDEN], LIMITS));
      assert.equal(result.status, "fail", brief(result));
      assert.match(result.tests[0]?.message ?? "", /made 0/, brief(result));
    }
  });

  const SMUGGLED = [
    "SELECT name FROM users WHERE $a(') IS NULL; ATTACH ':memory:' AS x; --'",
    "SELECT name FROM users WHERE @p(') IS NULL; PRAGMA writable_schema = 1; --'",
    "SELECT name FROM users WHERE :q::r(') IS NULL;\nATTACH 'f' AS y; --'",
    "SELECT name FROM users WHERE #t(') IS NULL; PRAGMA max_page_count = 1000000; --'",
  ];
  for (const sql of SMUGGLED) {
    test(`a parameter token does not hide what follows it: ${JSON.stringify(sql.slice(28, 60))}`, async () => {
      assert.notEqual(refusalOf(sql), null);
      const result = await grader.grade(sqlJob(sql));
      assert.equal(result.status, "error", brief(result));
      assert.equal(result.error?.kind, "compile", brief(result));
      assert.match(result.error?.message ?? "", /not allowed/, brief(result));
    });
  }

  test("SQLite itself reads $a(') as one parameter (what the lexer copies)", async () => {
    const SQL = await loadSqlJs();
    const db = openDatabase(SQL, 16);
    try {
      const statement = db.prepare("SELECT $a(') IS NULL AS v");
      assert.equal(statement.step(), true);
      assert.deepEqual(statement.get(), [1]);
      statement.free();
    } finally {
      db.close();
    }
  });
});
