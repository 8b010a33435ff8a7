/**
 * `npm run test:unit` / `npm run test:coverage`: every unit test (lib/, sandbox/, scripts/); with
 * --coverage, with V8 coverage collected from the test processes and from the grader workers they
 * start (each worker writes its coverage after every job, so a worker killed at a time or memory
 * limit loses at most the job it was running: sandbox/worker.ts; and sandbox/pool.ts lets idle
 * workers exit cleanly when coverage is on),
 * reported by c8 per folder, then checks the coverage floors per folder below: a drop under a floor
 * fails the run, naming the folder.
 *
 *   npm run test:unit                          every unit test, no coverage
 *   npm run test:unit -- lib/api/api.test.ts   only these files
 *   npm run test:coverage                      every unit test with coverage, the per-folder table and
 *                                              the floors: the unit run of `npm test` (one run, not two)
 *   npm run test:coverage -- --per-file        the same, with a per-file table too
 *   npm run test:coverage -- --report-only     report the last run's data again, without the tests
 *
 * The figures per folder are in README.md ("Tests and coverage"); raise a floor when a folder's
 * figure rises.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import libCoverage from "istanbul-lib-coverage";

const ROOT = process.cwd();
const NODE = ["sh", path.join(ROOT, "scripts/node.sh")] as const;
const TESTS = [
  "lib/*.test.ts",
  "lib/*/*.test.ts",
  "sandbox/*.test.ts",
  "sandbox/*/*.test.ts",
  "scripts/*.test.ts",
];

/**
 * Line coverage floors (%) per folder, a little under the figures measured when they were set
 * (December 2026), so that noise does not fail a run but a real drop does.
 */
const FLOORS: Record<string, number> = {
  lib: 80,
  sandbox: 80,
};

const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith("--"));
if (files.length > 0 || !args.includes("--coverage")) {
  const run = spawnSync(
    NODE[0],
    [NODE[1], "--test", "--test-reporter=spec", ...(files.length ? files : TESTS)],
    { stdio: "inherit" },
  );
  process.exit(run.status ?? 1);
}

// Coverage straight from V8: every process started under NODE_V8_COVERAGE writes its own file there
// when it exits (test files' processes, the grader workers they start, scripts they spawn).
const tmp = path.join(ROOT, "coverage/tmp");
const started = performance.now();
// --report-only: report the last run's coverage data again (coverage/tmp) without running the tests.
if (!args.includes("--report-only")) {
  fs.rmSync(path.join(ROOT, "coverage"), { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  // scripts/coverage-exit.ts: test processes that run isolates in-process end through process.exit(),
  // or isolated-vm can abort them while Node writes their coverage (the file says why).
  const run = spawnSync(
    NODE[0],
    [NODE[1], "--import", "./scripts/coverage-exit.ts", "--test", "--test-reporter=spec", ...TESTS],
    { stdio: "inherit", env: { ...process.env, NODE_V8_COVERAGE: tmp } },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const tested = performance.now();

// Two kinds of process ran our TypeScript: the test processes through tsx (transpiled, with a source
// map), the grader workers through Node's type stripping (the source itself, no map). c8 merges the
// raw V8 counts of every file by URL before it applies source maps, so one URL with two different
// texts mixed their byte ranges and lost lines (sandbox/: 78.5 % merged, 93.7 % kept apart, on the
// same data). So each kind is reported on its own and the two are merged line by line (istanbul).
// tsx also compiles worker_threads' entry points as data: URLs, whose source maps c8 cannot read (it
// throws on any URL but file:); nothing of ours runs from one, so their entries are dropped.
const groups = { mapped: path.join(ROOT, "coverage/mapped"), plain: path.join(ROOT, "coverage/plain") };
for (const dir of Object.values(groups)) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "tmp"), { recursive: true });
}
for (const name of fs.readdirSync(tmp)) {
  const file = path.join(tmp, name);
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as { "source-map-cache"?: Record<string, unknown> };
  const cache = Object.fromEntries(
    Object.entries(data["source-map-cache"] ?? {}).filter(([url]) => url.startsWith("file:")),
  );
  const group = Object.keys(cache).length > 0 ? groups.mapped : groups.plain;
  if (data["source-map-cache"]) data["source-map-cache"] = cache;
  fs.writeFileSync(path.join(group, "tmp", name), JSON.stringify(data));
}
// Which files count, and what is left out (generated code, code that runs only inside isolates): .c8rc.json.
const coverageMap = libCoverage.createCoverageMap({});
for (const dir of Object.values(groups)) {
  const report = spawnSync(
    path.join(ROOT, "node_modules/.bin/c8"),
    ["report", "--reporter=json", "--temp-directory", path.join(dir, "tmp"), "--reports-dir", dir],
    { stdio: "inherit" },
  );
  if (report.status !== 0) process.exit(report.status ?? 1);
  coverageMap.merge(
    JSON.parse(fs.readFileSync(path.join(dir, "coverage-final.json"), "utf8")) as libCoverage.CoverageMapData,
  );
}
// Diagnostics, not bounds: what coverage costs on top of the tests (README, "Tests and coverage").
const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
console.log(
  `\nTests ${seconds(tested - started)}, coverage report ${seconds(performance.now() - tested)} (${fs.readdirSync(tmp).length} V8 coverage files)`,
);

type Totals = {
  lines: { total: number; covered: number };
  branches: { total: number; covered: number };
  functions: { total: number; covered: number };
};
const percent = (m: { total: number; covered: number }) => (m.total ? (100 * m.covered) / m.total : 100);
const summary: Record<string, Totals> = Object.fromEntries(
  coverageMap.files().map((file) => [file, coverageMap.fileCoverageFor(file).toSummary().data]),
);
if (args.includes("--per-file")) {
  console.log("\nCoverage per file (lines / branches / functions, %):");
  for (const [file, totals] of Object.entries(summary).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${path.relative(ROOT, file)}  ${totals.lines.covered}/${totals.lines.total} lines  ${percent(totals.lines).toFixed(1)} / ${percent(totals.branches).toFixed(1)} / ${percent(totals.functions).toFixed(1)}`,
    );
  }
}

/** Coverage summed per folder: the top-level folder and its first level (lib/api, sandbox/sql ...). */
function byFolder(): Map<string, Totals> {
  const folders = new Map<string, Totals>();
  for (const [file, totals] of Object.entries(summary)) {
    if (file === "total") continue;
    const parts = path.relative(ROOT, file).split(path.sep);
    const keys = [parts[0]!, ...(parts.length > 2 ? [`${parts[0]}/${parts[1]}`] : [])];
    for (const key of keys) {
      const sum = folders.get(key) ?? {
        lines: { total: 0, covered: 0 },
        branches: { total: 0, covered: 0 },
        functions: { total: 0, covered: 0 },
      };
      for (const metric of ["lines", "branches", "functions"] as const) {
        sum[metric].total += totals[metric].total;
        sum[metric].covered += totals[metric].covered;
      }
      folders.set(key, sum);
    }
  }
  return folders;
}

const folders = byFolder();
console.log("\nCoverage per folder (lines / branches / functions, %):");
console.log("| folder | lines | branches | functions |\n| --- | ---: | ---: | ---: |");
for (const [folder, totals] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `| ${folder} | ${percent(totals.lines).toFixed(1)} | ${percent(totals.branches).toFixed(1)} | ${percent(totals.functions).toFixed(1)} |`,
  );
}
const failures = Object.entries(FLOORS).flatMap(([folder, floor]) => {
  const totals = folders.get(folder);
  const lines = totals ? percent(totals.lines) : 0;
  return lines < floor
    ? [
        `${folder}/: ${lines.toFixed(1)} % of lines covered, under its floor of ${floor} % (scripts/test-unit.ts)`,
      ]
    : [];
});
if (failures.length) {
  console.error(`\nCoverage dropped:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `\nCoverage floors met: ${Object.entries(FLOORS)
    .map(([folder, floor]) => `${folder}/ >= ${floor} %`)
    .join(", ")}`,
);
