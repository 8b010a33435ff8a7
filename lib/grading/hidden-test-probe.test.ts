/**
 * The red-team probe of issue 9, against the real sandbox and a real SQLite database: learner code
 * that logs and throws its inputs and returns sentinels, learns hidden inputs and expected values
 * from what a learner is shown, and submits again (up to 8 times), then a lookup table of everything
 * learned. Before (fixed hidden tests, full results shown) it passes parse-query-pagination; after
 * (the disclosure policy, generated inputs) it cannot, and neither can a table that remembers every
 * input of the earlier submissions with the right answer.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-probe-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "probe");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { getExercise, isCodeExercise } = await import("../content/index.ts");
const { buildGradeJobFor } = await import("../content/grade-job.ts");
const { gradeSubmission } = await import("./grade-submission.ts");
const { getGrader, toLearnerView } = await import("../../sandbox/index.ts");
type GradeResult = import("../../sandbox/index.ts").GradeResult;

const EXERCISE = "parse-query-pagination";
const MAX_SUBMISSIONS = 8;
const FIELDS = ["status", "page", "limit", "offset"] as const;
type Field = (typeof FIELDS)[number];
type Table = Map<string, Partial<Record<Field, unknown>>>;

// Sentinels name the input they answer: "S:<input>" for status, -(base + hash(input)) for numbers.
const HASH_SOURCE = `function probeHash(s: string): number { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 99991; return h; }`;
function probeHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 99991;
  return h;
}
const BASES: Record<Exclude<Field, "status">, number> = {
  page: 1_000_000,
  limit: 2_000_000,
  offset: 3_000_000,
};

let userId = "";
before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  userId = (await db.user.create({ data: { email: "prober@example.com" } })).id;
});
after(async () => {
  await getGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The probe: logs every input; answers what it knows; returns sentinels naming the input for the rest
 * (the failure message then says what was expected); throws the input when sentinels taught nothing.
 */
function probeCode(table: Table, stuck: Set<string>): string {
  return `const TABLE = new Map<string, Record<string, unknown>>(${JSON.stringify([...table])});
const STUCK = new Set<string>(${JSON.stringify([...stuck])});
${HASH_SOURCE}
export function parseListQuery(search: string): any {
  console.log("PROBE_IN " + JSON.stringify(search));
  if (STUCK.has(search)) throw new Error("PROBE_IN " + JSON.stringify(search));
  const known = TABLE.get(search) ?? {};
  const h = probeHash(search);
  const sentinels: Record<string, unknown> = { status: "S:" + search, page: -(${BASES.page} + h), limit: -(${BASES.limit} + h), offset: -(${BASES.offset} + h) };
  const out: Record<string, unknown> = {};
  for (const field of ${JSON.stringify(FIELDS)}) out[field] = field in known ? known[field] : sentinels[field];
  return out;
}`;
}

/** A lookup table: the answers it learned, the starter's defaults for anything else. */
function tableCode(table: Table): string {
  return `const TABLE = new Map<string, Record<string, unknown>>(${JSON.stringify([...table])});
export function parseListQuery(search: string): any {
  return { status: null, page: 1, limit: 20, offset: 0, ...(TABLE.get(search) ?? {}) };
}`;
}

/** Parses a value as the harness prints it: null, numbers, JSON strings. */
function parseValue(text: string): unknown {
  const t = text.trim().replace(/,$/, "");
  if (t === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^".*"$/.test(t)) return JSON.parse(t) as unknown;
  return undefined;
}

/** Which field and input a received sentinel stands for. */
function decodeSentinel(value: unknown, inputs: string[]): { field: Field; input: string } | undefined {
  if (typeof value === "string" && value.startsWith("S:")) return { field: "status", input: value.slice(2) };
  if (typeof value !== "number") return undefined;
  for (const [field, base] of Object.entries(BASES) as [Field, number][]) {
    const h = -value - base;
    if (h >= 0 && h < 99991) {
      const input = inputs.find((i) => probeHash(i) === h);
      return input === undefined ? undefined : { field, input };
    }
  }
  return undefined;
}

/** Learns inputs (logged or thrown PROBE_IN) and expected values (failure messages) from what was shown. */
function learn(shown: GradeResult, table: Table, stuck: Set<string> = new Set()): void {
  for (const t of shown.tests) {
    const text = [t.name, t.description, t.message, t.output].filter(Boolean).join("\n");
    const inputs = [...text.matchAll(/PROBE_IN ("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1]!) as string,
    );
    for (const input of inputs) if (!table.has(input)) table.set(input, {});
    if (t.status === "pass" || !t.message) continue;
    let learned = false;
    // toBe on one field: "Expected: 1\nReceived: -1001234".
    const single = /Expected: (.*)\nReceived: (.*)/.exec(t.message);
    if (single) {
      const at = decodeSentinel(parseValue(single[2]!), inputs);
      const value = parseValue(single[1]!);
      if (at && value !== undefined && table.has(at.input)) {
        table.get(at.input)![at.field] = value;
        learned = true;
      }
    }
    // toStrictEqual on the object: "-   page: 2," (expected) and "+   page: -1001234," (ours) lines.
    let input: string | undefined;
    for (const m of t.message.matchAll(/^\+\s+(status|page|limit|offset): (.*)$/gm))
      input ??= decodeSentinel(parseValue(m[2]!), inputs)?.input;
    if (input !== undefined && table.has(input)) {
      for (const m of t.message.matchAll(/^-\s+(status|page|limit|offset): (.*)$/gm)) {
        const value = parseValue(m[2]!);
        if (value !== undefined) {
          table.get(input)![m[1] as Field] = value;
          learned = true;
        }
      }
    }
    if (!learned && !/PROBE_IN/.test(t.message)) for (const i of inputs) stuck.add(i);
    if (learned || /PROBE_IN/.test(t.message)) for (const i of inputs) stuck.delete(i);
  }
}

type Outcome = {
  passedAt: number | null;
  tableStatus: GradeResult["status"];
  table: Table;
  submissions: number;
};

/** Runs the probe: submit, learn from what is shown, up to MAX_SUBMISSIONS; then the lookup table. */
async function runProbe(submit: (code: string) => Promise<GradeResult>): Promise<Outcome> {
  const table: Table = new Map();
  const stuck = new Set<string>();
  for (let attempt = 1; attempt <= MAX_SUBMISSIONS; attempt++) {
    const shown = await submit(probeCode(table, stuck));
    if (shown.status === "pass")
      return { passedAt: attempt, tableStatus: "pass", table, submissions: attempt };
    learn(shown, table, stuck);
  }
  const final = await submit(tableCode(table));
  return {
    passedAt: final.status === "pass" ? MAX_SUBMISSIONS + 1 : null,
    tableStatus: final.status,
    table,
    submissions: MAX_SUBMISSIONS + 1,
  };
}

test("before: fixed hidden tests with full feedback are rebuilt and passed by the probe", async () => {
  const exercise = await getExercise(EXERCISE);
  assert.ok(exercise && isCodeExercise(exercise));
  const fixed = fs.readFileSync(
    new URL("./fixtures/parse-query-pagination-fixed-hidden.test.ts.txt", import.meta.url),
    "utf8",
  );
  const before = { ...exercise, hiddenTests: [{ ...exercise.hiddenTests[0]!, source: fixed }] };
  // What learners were shown before the disclosure policy: the full result.
  const outcome = await runProbe((code) => getGrader().grade(buildGradeJobFor(before, code, "submit")));
  console.log(
    `# probe before: passed at submission ${outcome.passedAt} (${outcome.table.size} inputs learned)`,
  );
  // The probe works: without the policy it rebuilds the hidden tests (the issue measured 3 submissions;
  // a test that calls the function twice costs one more).
  assert.ok(
    outcome.passedAt !== null && outcome.passedAt <= MAX_SUBMISSIONS,
    `the probe should pass the fixed hidden tests; passed at ${outcome.passedAt}`,
  );
});

test("after: the learner's view and generated inputs: the probe and a lookup table of its submissions fail", async () => {
  const exercise = await getExercise(EXERCISE);
  assert.ok(exercise);
  const visibleNames = new Set<string>();
  const submit = async (code: string) => {
    const outcome = await gradeSubmission({ exerciseId: EXERCISE, code, mode: "submit", userId });
    assert.ok(outcome.ok);
    const shown = toLearnerView(outcome.result); // exactly what the lesson page's Server Action returns
    for (const t of shown.tests) if (!t.hidden) visibleNames.add(t.name);
    // Nothing about a concealed hidden test's inputs reaches the learner.
    for (const t of shown.tests.filter((x) => x.hidden)) {
      assert.doesNotMatch(JSON.stringify(t), /PROBE_IN|S:|-[123]\d{6}/, JSON.stringify(t));
    }
    return shown;
  };
  const outcome = await runProbe(submit);
  const hiddenInputsLearned = outcome.table.size - 5; // the visible tests' five queries are shown, as intended
  console.log(
    `# probe after: passed at submission ${outcome.passedAt ?? "never"} in ${outcome.submissions}; lookup table: ${outcome.tableStatus}; hidden inputs learned: ${Math.max(0, hiddenInputsLearned)}`,
  );
  assert.equal(outcome.passedAt, null, "the probe must not pass");
  assert.equal(outcome.tableStatus, "fail");
  assert.ok(hiddenInputsLearned <= 0, `learned ${hiddenInputsLearned} hidden inputs`);

  // The database keeps every submission in full, with the seed that replays it.
  const rows = await db.submission.findMany({
    where: { userId, exerciseId: EXERCISE },
    orderBy: { createdAt: "asc" },
  });
  assert.equal(rows.length, MAX_SUBMISSIONS + 1);
  assert.ok(
    rows.every((r) => Number.isInteger(r.seed)),
    "every submission records its seed",
  );
  assert.equal(new Set(rows.map((r) => r.seed)).size, rows.length, "each submission draws its own inputs");
  const stored = JSON.parse(rows[0]!.result) as GradeResult;
  assert.match(
    JSON.stringify(stored.tests.filter((t) => t.hidden)),
    /PROBE_IN/,
    "instructors see the hidden tests' messages and output",
  );

  // Even perfect memory fails. A correct solution that logs its inputs is submitted once; its stored
  // full result (which only instructors can read) holds every hidden input of that draw. Code that
  // answers exactly those inputs with the reference's own answers, and anything else with defaults:
  const logging = await gradeSubmission({
    exerciseId: EXERCISE,
    code: `${exercise.solution.source.replace("export function parseListQuery", "function referenceParse")}
export function parseListQuery(search: string): ListQuery { console.log("PROBE_IN " + JSON.stringify(search)); return referenceParse(search); }`,
    mode: "submit",
    userId,
  });
  assert.ok(logging.ok && logging.submission);
  assert.equal(logging.result.status, "pass");
  const memory: Table = new Map();
  for (const row of await db.submission.findMany({ where: { userId, exerciseId: EXERCISE } }))
    learn(JSON.parse(row.result) as GradeResult, memory);
  assert.ok(memory.size > 100, `remembered ${memory.size} inputs`);
  const reference = exercise.solution.source.replace(
    "export function parseListQuery",
    "function referenceParse",
  );
  const memorised = `${reference}
const MEMORY = new Set<string>(${JSON.stringify([...memory.keys()])});
export function parseListQuery(search: string): ListQuery {
  return MEMORY.has(search) ? referenceParse(search) : { status: null, page: 1, limit: 20, offset: 0 };
}`;
  const fresh = await gradeSubmission({ exerciseId: EXERCISE, code: memorised, mode: "submit", userId });
  assert.ok(fresh.ok);
  console.log(`# perfect memory of ${memory.size} earlier inputs, next submission: ${fresh.result.status}`);
  assert.equal(fresh.result.status, "fail");
  // A grade replays exactly from its seed (npm run grade -- --seed): with the logged submission's
  // seed, every input is one the memory holds, and the same code passes.
  const logged = await db.submission.findUniqueOrThrow({ where: { id: logging.submission.id } });
  const replay = await gradeSubmission({
    exerciseId: EXERCISE,
    code: memorised,
    mode: "submit",
    seed: logged.seed!,
    record: false,
  });
  assert.ok(replay.ok);
  assert.equal(replay.result.status, "pass", "replaying a seed draws the same inputs");
});
