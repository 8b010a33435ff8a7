/**
 * Benchmark of the grader: a typical function exercise (10 tests) graded many times through the
 * worker pool, and the same work done the way most graders isolate code, one `node` process per
 * submission. Prints p50/p95 latency and throughput for both; the LAST line is one JSON object.
 * Beside the function exercise: the same exercise split into three learner files (a multi-file
 * job), with its p50 as a ratio of the function exercise's (measured interleaved, so both see the
 * same machine load). And a database-backed exercise (serverside:db): 10 tests, each on a fresh
 * SQLite database seeded from a 3-table seed, one insert and two queries per test, with its p50 as a
 * ratio of the function exercise's.
 * Cost per test: the same exercise with 10, 40 and 200 tests, each graded --jobs / 4 times with
 * every worker busy; the workers' CPU time per grade comes from their own counters
 * (/proc/<pid>/stat, Linux), so the load of other processes does not inflate it. The 40-test
 * exercise's p50 is also measured interleaved with the 10-test one.
 *
 *   npm run bench:sandbox [-- --jobs 2000 --baseline 40 --workers 2]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGrader } from "../sandbox/index.ts";
import type { CodeJob } from "../sandbox/index.ts";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "2000" },
    latency: { type: "string", default: "300" },
    baseline: { type: "string", default: "40" },
    workers: { type: "string", default: String(os.availableParallelism()) },
  },
});
const JOBS = Number(values.jobs);
const LATENCY_JOBS = Number(values.latency);
const BASELINE_RUNS = Number(values.baseline);
const WORKERS = Number(values.workers);

const SOLUTION = `export function slugify(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/[\\u0300-\\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
`;
const CASES: [string, string][] = [
  ["Hello World", "hello-world"],
  ["  Trim me  ", "trim-me"],
  ["Crème brûlée", "creme-brulee"],
  ["a--b", "a-b"],
  ["Already-slugged", "already-slugged"],
  ["123 Go!", "123-go"],
  ["", ""],
  ["---", ""],
  ["MiXeD CaSe", "mixed-case"],
  ["tabs\tand\nnewlines", "tabs-and-newlines"],
];
const TESTS = `import { slugify } from "./solution";
describe("slugify", () => {
${CASES.map(([input, out], i) => `  test("case ${i}", () => { expect(slugify(${JSON.stringify(input)})).toBe(${JSON.stringify(out)}); });`).join("\n")}
});
`;
const JOB: CodeJob = {
  kind: "code",
  language: "ts",
  code: SOLUTION,
  tests: [{ name: "slugify.test.ts", source: TESTS, hidden: true }],
};

/** The same exercise with `count` tests (the ten cases, repeated under other names). */
function jobWithTests(count: number): CodeJob {
  const source = `import { slugify } from "./solution";
describe("slugify", () => {
${Array.from({ length: count }, (_, i) => {
  const [input, out] = CASES[i % CASES.length]!;
  return `  test("case ${i}", () => { expect(slugify(${JSON.stringify(input)})).toBe(${JSON.stringify(out)}); });`;
}).join("\n")}
});
`;
  return {
    kind: "code",
    language: "ts",
    code: SOLUTION,
    tests: [{ name: "slugify.test.ts", source, hidden: true }],
  };
}
const JOB_40 = jobWithTests(40);
const JOB_200 = jobWithTests(200);

/** CPU milliseconds (user + system) a process has used, from /proc/<pid>/stat; null off Linux. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100
  } catch {
    return null;
  }
}
function workersCpuMs(pids: number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    total += ms;
  }
  return total;
}

// The same exercise in three learner files that import each other; the tests import "./slugify".
const MULTI_FILE_JOB: CodeJob = {
  kind: "code",
  language: "ts",
  files: [
    {
      name: "slugify.ts",
      source: `import { stripAccents } from "./accents";\nimport { dashes } from "./dashes";\nexport function slugify(input: string): string {\n  return dashes(stripAccents(input).trim().toLowerCase());\n}\n`,
    },
    {
      name: "accents.ts",
      source: `export function stripAccents(s: string): string {\n  return s.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "");\n}\n`,
    },
    {
      name: "dashes.ts",
      source: `export function dashes(s: string): string {\n  return s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");\n}\n`,
    },
  ],
  tests: [
    { name: "slugify.test.ts", source: TESTS.replace('from "./solution"', 'from "./slugify"'), hidden: true },
  ],
};

// A database-backed exercise: every test starts from a fresh seeded database (serverside:db).
const DB_SEED = `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL, year INTEGER NOT NULL);
CREATE INDEX books_author ON books(author_id);
INSERT INTO authors VALUES ${Array.from({ length: 20 }, (_, i) => `(${i + 1}, 'Author ${i + 1}')`).join(", ")};
INSERT INTO books (author_id, title, year) VALUES ${Array.from({ length: 100 }, (_, i) => `(${(i % 20) + 1}, 'Book ${i}', ${1950 + i})`).join(", ")};`;
const DB_JOB: CodeJob = {
  kind: "code",
  language: "ts",
  code: `import { db } from "serverside:db";
export function addBook(authorId: number, title: string, year: number): number {
  return db.prepare("INSERT INTO books (author_id, title, year) VALUES (?, ?, ?)").run(authorId, title, year).lastInsertRowid;
}
export function titles(authorId: number): string[] {
  return (db.prepare("SELECT title FROM books WHERE author_id = ? ORDER BY year, id").all(authorId) as { title: string }[]).map((r) => r.title);
}
`,
  database: { seeds: { library: DB_SEED }, seed: "library" },
  tests: [
    {
      name: "books.test.ts",
      hidden: true,
      source: `import { addBook, titles } from "./solution";
import { database } from "serverside:test";
describe("books", () => {
${Array.from({ length: 10 }, (_, i) => `  test("case ${i}", () => { addBook(${i + 1}, "New ${i}", 2030); expect(titles(${i + 1})).toHaveLength(6); expect(database.queryCount()).toBe(2); });`).join("\n")}
});
`,
    },
  ],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (n: number) => Math.round(n * 100) / 100;

// The baseline: the same transpile + 10 assertions, isolated by a fresh `node` process per submission.
const BASELINE_CHILD = `
const { transform } = require(${JSON.stringify(path.resolve("node_modules/sucrase"))});
const job = JSON.parse(process.env.BENCH_JOB);
const t = (src) => transform(src, { transforms: ["typescript", "imports"] }).code;
const mod = { exports: {} };
new Function("exports", "require", "module", t(job.code))(mod.exports, () => {}, mod);
const results = [];
const expect = (a) => ({ toBe: (e) => { if (!Object.is(a, e)) throw new Error("expected " + e + " got " + a); } });
const tests = [];
new Function("exports", "require", "module", "describe", "test", "expect", t(job.tests[0].source))({}, () => mod.exports, {}, (n, f) => f(), (n, f) => tests.push([n, f]), expect);
for (const [name, fn] of tests) { try { fn(); results.push({ name, status: "pass" }); } catch (e) { results.push({ name, status: "fail", message: String(e) }); } }
process.stdout.write(JSON.stringify({ status: results.every((r) => r.status === "pass") ? "pass" : "fail", tests: results }));
`;

function runBaselineOnce(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", BASELINE_CHILD], {
      env: { ...process.env, BENCH_JOB: JSON.stringify(JOB) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      if (code !== 0 || !out.includes('"status":"pass"')) return reject(new Error(`baseline failed: ${out}`));
      resolve(performance.now() - started);
    });
  });
}

async function main(): Promise<void> {
  const grader = createGrader({ workers: WORKERS });
  try {
    // Warm up: workers start, code caches fill.
    for (let i = 0; i < 50; i++) {
      const r = await grader.grade(JOB);
      if (r.status !== "pass") throw new Error(`warm-up grade did not pass: ${JSON.stringify(r)}`);
    }

    // Latency: one job at a time, end to end through grade(); the multi-file job interleaved with it.
    const latencies: number[] = [];
    const fortyLatencies: number[] = [];
    const multiLatencies: number[] = [];
    const dbLatencies: number[] = [];
    for (let i = 0; i < 20; i++) await grader.grade(DB_JOB); // sql.js loads once per worker
    for (let i = 0; i < LATENCY_JOBS; i++) {
      for (const [job, into] of [
        [JOB, latencies],
        [JOB_40, fortyLatencies],
        [MULTI_FILE_JOB, multiLatencies],
        [DB_JOB, dbLatencies],
      ] as const) {
        const started = performance.now();
        const r = await grader.grade(job);
        into.push(performance.now() - started);
        if (r.status !== "pass") throw new Error(`a grade did not pass: ${JSON.stringify(r).slice(0, 500)}`);
      }
    }
    latencies.sort((a, b) => a - b);
    fortyLatencies.sort((a, b) => a - b);
    multiLatencies.sort((a, b) => a - b);
    dbLatencies.sort((a, b) => a - b);

    // Throughput: keep every worker busy (2 jobs in flight per worker).
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS * 2 }, async () => {
        while (next < JOBS) {
          next++;
          const r = await grader.grade(JOB);
          if (r.status !== "pass") throw new Error("a grade did not pass");
        }
      }),
    );
    const throughput = JOBS / ((performance.now() - started) / 1000);

    // Cost per grade by number of tests: workers' CPU per grade, every worker busy.
    const costJobs = Math.max(20, Math.round(JOBS / 4));
    const cost: Record<string, { cpuMsPerGrade: number | null; gradesPerSec: number }> = {};
    for (const [label, job] of [
      ["10", JOB],
      ["40", JOB_40],
      ["200", JOB_200],
    ] as const) {
      for (let i = 0; i < WORKERS * 4; i++) await grader.grade(job); // each worker's caches warm
      const pids = grader.workerPids();
      const cpuBefore = workersCpuMs(pids);
      let sent = 0;
      const costStarted = performance.now();
      await Promise.all(
        Array.from({ length: WORKERS * 2 }, async () => {
          while (sent < costJobs) {
            sent++;
            const r = await grader.grade(job);
            if (r.status !== "pass") throw new Error(`a ${label}-test grade did not pass`);
          }
        }),
      );
      const seconds = (performance.now() - costStarted) / 1000;
      const cpuAfter = workersCpuMs(grader.workerPids());
      cost[label] = {
        cpuMsPerGrade:
          cpuBefore !== null && cpuAfter !== null ? round((cpuAfter - cpuBefore) / costJobs) : null,
        gradesPerSec: round(costJobs / seconds),
      };
    }

    // Baseline: one node process per submission.
    const baseline: number[] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) baseline.push(await runBaselineOnce());
    baseline.sort((a, b) => a - b);
    const bStarted = performance.now();
    await Promise.all(Array.from({ length: BASELINE_RUNS }, () => runBaselineOnce()));
    const baselineThroughput = BASELINE_RUNS / ((performance.now() - bStarted) / 1000);

    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const fortyP50 = percentile(fortyLatencies, 50);
    const multiP50 = percentile(multiLatencies, 50);
    const dbP50 = percentile(dbLatencies, 50);
    const baselineP50 = percentile(baseline, 50);
    console.log(`machine: ${os.cpus().length} CPUs, ${WORKERS} grader workers, node ${process.version}`);
    console.log(
      `pool (isolated-vm): p50 ${round(p50)} ms, p95 ${round(p95)} ms over ${LATENCY_JOBS} sequential grades; ${round(throughput)} grades/s over ${JOBS} concurrent grades`,
    );
    console.log(
      `process per submission: p50 ${round(baselineP50)} ms, p95 ${round(percentile(baseline, 95))} ms over ${BASELINE_RUNS} runs; ${round(baselineThroughput)} runs/s`,
    );
    console.log(
      `40-test exercise: p50 ${round(fortyP50)} ms, p95 ${round(percentile(fortyLatencies, 95))} ms; ${round(fortyP50 / p50)}x the 10-test exercise's p50`,
    );
    for (const label of ["10", "40", "200"]) {
      const c = cost[label]!;
      console.log(
        `${label} tests: ${c.cpuMsPerGrade ?? "?"} ms of worker CPU per grade, ${c.gradesPerSec} grades/s (${costJobs} grades, every worker busy)`,
      );
    }
    console.log(
      `multi-file exercise (3 learner files): p50 ${round(multiP50)} ms, p95 ${round(percentile(multiLatencies, 95))} ms; ${round(multiP50 / p50)}x the function exercise's p50`,
    );
    console.log(
      `database-backed exercise (10 tests, a fresh seeded SQLite each): p50 ${round(dbP50)} ms, p95 ${round(percentile(dbLatencies, 95))} ms; ${round(dbP50 / p50)}x the function exercise's p50`,
    );
    console.log(`speedup (baseline p50 / pool p50): ${round(baselineP50 / p50)}x`);
    console.log(
      JSON.stringify({
        p50Ms: round(p50),
        p95Ms: round(p95),
        throughputPerSec: round(throughput),
        baselineP50Ms: round(baselineP50),
        speedup: round(baselineP50 / p50),
        fortyTestP50Ms: round(fortyP50),
        fortyTestRatio: round(fortyP50 / p50),
        cpuMsPerGrade: {
          tests10: cost["10"]!.cpuMsPerGrade,
          tests40: cost["40"]!.cpuMsPerGrade,
          tests200: cost["200"]!.cpuMsPerGrade,
        },
        cpuRatio40to10:
          cost["10"]!.cpuMsPerGrade && cost["40"]!.cpuMsPerGrade
            ? round(cost["40"]!.cpuMsPerGrade / cost["10"]!.cpuMsPerGrade)
            : null,
        loadAverage: os.loadavg().map((l) => round(l)),
        multiFileP50Ms: round(multiP50),
        multiFileRatio: round(multiP50 / p50),
        databaseP50Ms: round(dbP50),
        databaseRatio: round(dbP50 / p50),
      }),
    );
  } finally {
    await grader.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
