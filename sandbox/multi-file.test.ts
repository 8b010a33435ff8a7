/**
 * Multi-file code jobs (`files` instead of `code`): learner files import each other and are imported
 * by name from tests; errors name the learner file they are in; the size limit is on the total; and
 * the new surface stays closed: a learner file cannot import test files (visible or hidden), cannot
 * shadow a test or support module, and cannot reach anything outside the job.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, validateJob } from "./index.ts";
import type { Grader } from "./index.ts";
import { brief, SECRET_MARKER } from "./testing/helpers.ts";
import type { CodeJob, GradeResult, LearnerFile, MutationJob, TestFile } from "./types.ts";

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 1 });
});
after(async () => {
  await grader.close();
});

const STORE = `const links = new Map<string, string>();
export function put(code: string, url: string): void { links.set(code, url); }
export function get(code: string): string | undefined { return links.get(code); }
export function reset(): void { links.clear(); }
`;
const ROUTES = `import { get, put } from "./store";
import { makeCode } from "./codes";
export function shorten(url: string): string {
  const code = makeCode(url);
  put(code, url);
  return code;
}
export function resolve(code: string): string | null { return get(code) ?? null; }
`;
const CODES = `export function makeCode(url: string): string {
  let h = 0;
  for (const c of url) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}
`;
const HIDDEN: TestFile = {
  name: "hidden.test.ts",
  hidden: true,
  source: `import { shorten, resolve } from "./routes";
import { reset } from "./store";
describe("links", () => {
  beforeEach(() => reset());
  test("a short code resolves to its URL", () => {
    const marker = "${SECRET_MARKER}";
    void marker;
    expect(resolve(shorten("https://example.com/a"))).toBe("https://example.com/a");
  });
  test("an unknown code resolves to null", () => {
    expect(resolve("nope")).toBeNull();
  });
});
`,
};
const EXAMPLE: TestFile = {
  name: "example.test.ts",
  source: `import { makeCode } from "./codes";
test("codes are stable", () => { expect(makeCode("x")).toBe(makeCode("x")); });
`,
};

function job(files: LearnerFile[], extra: Partial<CodeJob> = {}): CodeJob {
  return { kind: "code", language: "ts", files, tests: [EXAMPLE, HIDDEN], ...extra };
}
const correct = (): LearnerFile[] => [
  { name: "routes.ts", source: ROUTES },
  { name: "store.ts", source: STORE },
  { name: "codes.ts", source: CODES },
];
const withFile = (name: string, source: string) =>
  correct().map((f) => (f.name === name ? { name, source } : f));

function assertNoLeak(result: GradeResult): void {
  const text = JSON.stringify(result);
  assert.ok(!text.includes(SECRET_MARKER), `hidden test source leaked: ${text.slice(0, 500)}`);
  assert.ok(
    !/serverside:runtime|isolated-vm|node:internal|\/work\//.test(text),
    `host internals leaked: ${text.slice(0, 500)}`,
  );
}

describe("multi-file jobs", () => {
  test("learner files import each other; tests import them by name", async () => {
    const result = await grader.grade(job(correct()));
    assert.equal(result.status, "pass", brief(result));
    assert.equal(result.tests.length, 3);
  });

  test("a bug in one file fails the tests that reach it", async () => {
    const result = await grader.grade(
      job(withFile("store.ts", STORE.replace("return links.get(code)", "return undefined"))),
    );
    assert.equal(result.status, "fail", brief(result));
    assert.deepEqual(
      result.tests.map((t) => t.status),
      ["pass", "fail", "pass"],
    );
  });

  test("a compile error names the file and line", async () => {
    const result = await grader.grade(
      job(withFile("codes.ts", `export function makeCode(url: string): string {\n  return url +;\n}\n`)),
    );
    assert.equal(result.status, "error", brief(result));
    assert.equal(result.error?.kind, "compile");
    assert.equal(result.error?.file, "codes.ts");
    assert.equal(result.error?.line, 2);
  });

  test("a runtime error while loading names the file it was thrown in", async () => {
    const result = await grader.grade(job(withFile("store.ts", `${STORE}\n\nthrow new Error("boom");\n`)));
    assert.equal(result.status, "error", brief(result));
    assert.equal(result.error?.kind, "runtime");
    assert.equal(result.error?.file, "store.ts");
    assert.equal(result.error?.line, 7);
  });

  test("a failing test's stack frame points into the learner file", async () => {
    const result = await grader.grade(
      job(
        withFile("store.ts", STORE.replace("return links.get(code);", 'throw new TypeError("no lookup");')),
      ),
    );
    const failed = result.tests.find((t) => t.status === "error");
    assert.ok(failed?.message?.includes("store.ts:3:"), brief(result));
  });

  test("import cycles between learner files behave as in CommonJS", async () => {
    const a = `import { b } from "./b";\nexport const a = () => "a" + b();\n`;
    const b = `import { a } from "./a";\nexport const b = () => "b";\nexport const viaA = () => a();\n`;
    const tests: TestFile[] = [
      {
        name: "t.test.ts",
        source: `import { viaA } from "./b";\ntest("cycle", () => { expect(viaA()).toBe("ab"); });\n`,
      },
    ];
    const result = await grader.grade({
      kind: "code",
      language: "ts",
      files: [
        { name: "a.ts", source: a },
        { name: "b.ts", source: b },
      ],
      tests,
    });
    assert.equal(result.status, "pass", brief(result));
  });

  test("support modules stay importable from learner files and tests", async () => {
    const files = [
      {
        name: "routes.ts",
        source: `import { base } from "./config";\nexport const url = (p: string) => base + p;\n`,
      },
    ];
    const tests: TestFile[] = [
      {
        name: "t.test.ts",
        source: `import { url } from "./routes";\ntest("url", () => { expect(url("/x")).toBe("http://h/x"); });\n`,
      },
    ];
    const result = await grader.grade({
      kind: "code",
      language: "ts",
      files,
      tests,
      modules: { "./config": `export const base = "http://h";\n` },
    });
    assert.equal(result.status, "pass", brief(result));
  });

  test("the size limit applies to the total of the files", async () => {
    const big = `// ${"x".repeat(700)}\n`;
    const files = correct().map((f) => ({ name: f.name, source: f.source + big }));
    const result = await grader.grade(job(files, { limits: { sourceBytes: 2000 } }));
    assert.equal(result.status, "error", brief(result));
    assert.equal(result.error?.kind, "limit");
    assert.match(result.error?.message ?? "", /3 files are \d+ bytes together; the limit is 2000 bytes/);
    // Each file alone is under the limit: the same files one at a time pass the check.
    assert.ok(files.every((f) => Buffer.byteLength(f.source) < 2000));
  });
});

describe("multi-file jobs: invalid input", () => {
  const invalid = (input: unknown) => {
    const checked = validateJob(input);
    assert.equal(checked.ok, false, JSON.stringify(input).slice(0, 200));
    return checked.ok ? "" : (checked.result.error?.message ?? "");
  };

  test("exactly one of code and files", () => {
    assert.match(invalid({ kind: "code", language: "ts", tests: [EXAMPLE] }), /exactly one of code/);
    assert.match(invalid({ ...job(correct()), code: "export {}" }), /exactly one of code/);
  });

  test("file names: plain, lowercase, the job's extension, not a path", () => {
    for (const name of [
      "../routes.ts",
      "a/b.ts",
      "Routes.ts",
      "routes",
      ".hidden.ts",
      "routes.ts.ts",
      "routes.js",
    ]) {
      invalid(job([{ name, source: "" }]));
    }
  });

  test("a learner file cannot take the name of a test file or a module", () => {
    assert.match(
      invalid(
        job([{ name: "hidden.ts", source: "" }], {
          tests: [{ name: "hidden.ts", source: "test('x', () => {})" }],
        }),
      ),
      /same name as test file/,
    );
    // "hidden.test.ts" as a learner file would be module key "hidden.test": refused by the name rule.
    invalid(job([{ name: "hidden.test.ts", source: "" }]));
    assert.match(
      invalid(job([{ name: "db.ts", source: "" }], { modules: { "./db": "export {}" } })),
      /same name as module \.\/db/,
    );
    assert.match(
      invalid(
        job([
          { name: "a.ts", source: "" },
          { name: "a.ts", source: "" },
        ]),
      ),
      /same name as file a\.ts/,
    );
  });

  test("at most 20 files", () => {
    invalid(job(Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.ts`, source: "" }))));
  });
});

describe("multi-file jobs: attacks", () => {
  const importAttempts: [string, string][] = [
    ["the hidden test file", `import * as h from "./hidden.test";\nexport const x = h;`],
    ["the hidden test file with its extension", `export const x = require("./hidden.test.ts");`],
    ["the visible test file", `export const x = require("./example.test");`],
    ["a test file through a path", `export const x = require("./routes/../hidden.test");`],
    ["a parent folder", `export const x = require("../hidden.test");`],
    ["an absolute path", `export const x = require("/hidden.test.ts");`],
    ["the test API", `import { test } from "vitest";\ntest("forged", () => {});\nexport const x = 1;`],
    ["a node builtin", `import fs from "node:fs";\nexport const x = fs;`],
  ];
  for (const [what, source] of importAttempts) {
    test(`a learner file cannot import ${what}`, async () => {
      const result = await grader.grade(job(withFile("codes.ts", `${source}\n${CODES}`)));
      assert.equal(result.status, "error", brief(result));
      assert.equal(result.error?.kind, "runtime", brief(result));
      assert.equal(result.error?.file, "codes.ts", brief(result));
      assertNoLeak(result);
    });
  }

  test("catching the refusal gets nothing: the hidden tests still run and fail wrong code", async () => {
    const source = `let leaked: unknown = "none";
try { leaked = require("./hidden.test"); } catch (e) { leaked = String(e); }
export function makeCode(url: string): string { return String(leaked).slice(0, 40) + url.length; }
`;
    const result = await grader.grade(job(withFile("codes.ts", source), { tests: [HIDDEN] }));
    assert.equal(result.status, "pass", brief(result)); // the refusal text is harmless and the tests ran
    assert.equal(result.tests.length, 2);
    assertNoLeak(result);
  });

  test("a learner file cannot read a hidden test's source through a function it is handed", async () => {
    const source = `${STORE.replace("export function get(code: string): string | undefined { return links.get(code); }", "")}
export function get(code: string): string | undefined {
  const caller = new Error().stack ?? "";
  console.log(caller);
  return links.get(code);
}`;
    const result = await grader.grade(job(withFile("store.ts", source)));
    assertNoLeak(result);
    assert.equal(result.status, "pass", brief(result));
  });
});

describe("mutation jobs over a module in several files", () => {
  // A handler and its store: the code under test spans two files, and a bug may be in either.
  const HANDLER = `import { addTask, listTasks } from "./store";
export async function handle(req: Request): Promise<Response> {
  if (req.method === "POST") {
    const body = await req.json();
    if (typeof body.title !== "string" || body.title.trim() === "") return Response.json({ error: "title required" }, { status: 422 });
    return Response.json(addTask(body.title.trim()), { status: 201 });
  }
  return Response.json(listTasks());
}
`;
  const TASK_STORE = `const tasks: { id: number; title: string }[] = [];
let next = 1;
export function addTask(title: string) { const task = { id: next++, title }; tasks.push(task); return task; }
export function listTasks() { return tasks.map((t) => ({ ...t })); }
export function clearTasks() { tasks.length = 0; next = 1; }
`;
  const job = (tests: string, extra: Partial<MutationJob> = {}): MutationJob => ({
    kind: "mutation",
    language: "ts",
    tests,
    module: HANDLER,
    modules: { "./store": TASK_STORE },
    mutants: [
      {
        name: "no-trim",
        description: "the title is stored untrimmed",
        source: HANDLER.replace("addTask(body.title.trim())", "addTask(body.title)"),
      },
      {
        name: "ids-repeat",
        description: "the store gives every task id 1",
        source: HANDLER,
        modules: { "./store": TASK_STORE.replace("id: next++", "id: next") },
      },
      {
        name: "list-aliases",
        description: "the store hands out its own task objects",
        source: HANDLER,
        modules: { "./store": TASK_STORE.replace("tasks.map((t) => ({ ...t }))", "tasks") },
      },
    ],
    equivalents: [
      {
        name: "map-store",
        source: HANDLER,
        modules: {
          "./store": `const tasks = new Map<number, string>();
export function addTask(title: string) { const id = tasks.size + 1; tasks.set(id, title); return { id, title }; }
export function listTasks() { return [...tasks].map(([id, title]) => ({ id, title })); }
export function clearTasks() { tasks.clear(); }
`,
        },
      },
    ],
    limits: { timeoutMs: 20_000, testTimeoutMs: 5000 },
    ...extra,
  });
  const post = (title: unknown) =>
    `handle(new Request("http://x/tasks", { method: "POST", body: JSON.stringify({ title: ${JSON.stringify(title)} }) }))`;
  const THOROUGH = `import { handle } from "./solution";
import { clearTasks, listTasks } from "./store";
beforeEach(() => clearTasks());
test("creates tasks with their own ids, trimmed", async () => {
  const a = await (await ${post("  a  ")}).json();
  const b = await (await ${post("b")}).json();
  expect(a.title).toBe("a");
  expect(a.id).not.toBe(b.id);
});
test("the list is a copy", async () => {
  await ${post("a")};
  listTasks()[0].title = "changed";
  const list = await (await handle(new Request("http://x/tasks"))).json();
  expect(list[0].title).toBe("a");
});
test("a blank title is refused", async () => {
  expect((await ${post("  ")}).status).toBe(422);
});`;

  test("a bug in either file is a mutant; tests import both files; an equivalent store must pass too", async () => {
    const result = await grader.grade(job(THOROUGH));
    assert.equal(result.status, "pass", brief(result));
    assert.equal(result.tests.length, 5, brief(result)); // correct, one equivalent, three mutants
  });

  test("tests that never reach the store's bugs let those mutants survive", async () => {
    const shallow = `import { handle } from "./solution";
test("creates a trimmed task", async () => { expect((await (await ${post("  a ")}).json()).title).toBe("a"); });`;
    const result = await grader.grade(job(shallow));
    assert.equal(result.status, "fail", brief(result));
    const survived = result.tests.filter((t) => t.status === "fail").map((t) => t.name);
    assert.deepEqual(
      survived.sort(),
      [
        "catches mutant: the store gives every task id 1",
        "catches mutant: the store hands out its own task objects",
      ],
      brief(result),
    );
  });

  test("tests that recognize the store's code fail on the equivalent store", async () => {
    const recognizes = `${THOROUGH}
import * as store from "./store";
test("fingerprint", () => { expect(String(store.listTasks)).toContain("tasks.map"); });`;
    const result = await grader.grade(job(recognizes));
    assert.equal(result.status, "fail", brief(result));
    assert.equal(
      result.tests[0]?.status,
      "fail",
      `toString of a module file is masked on the correct code too: ${brief(result)}`,
    );
  });

  test("a variant may only replace files the module has", () => {
    const bad = job(THOROUGH, {
      mutants: [{ name: "x", description: "x", source: HANDLER, modules: { "./other": "export {}" } }],
    });
    const checked = validateJob(bad);
    assert.equal(checked.ok, false);
    const shadow = validateJob(job(THOROUGH, { modules: { "./solution": "export {}" } }));
    assert.equal(shadow.ok, false);
  });
});
