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
 *   npm run test:coverage -- --per-file        the same, with c8's per-file table too
 *
 * The figures per folder are in README.md ("Tests and coverage"); raise a floor when a folder's
 * figure rises.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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
fs.rmSync(path.join(ROOT, "coverage"), { recursive: true, force: true });
fs.mkdirSync(tmp, { recursive: true });
const started = performance.now();
// scripts/coverage-exit.ts: test processes that run isolates in-process end through process.exit(),
// or isolated-vm can abort them while Node writes their coverage (the file says why).
const run = spawnSync(
  NODE[0],
  [NODE[1], "--import", "./scripts/coverage-exit.ts", "--test", "--test-reporter=spec", ...TESTS],
  { stdio: "inherit", env: { ...process.env, NODE_V8_COVERAGE: tmp } },
);
if (run.status !== 0) process.exit(run.status ?? 1);
const tested = performance.now();

// tsx compiles worker_threads' entry points as data: URLs, whose source maps c8 cannot read (it
// throws on any URL but file:); nothing of ours runs from one, so their entries are dropped.
for (const name of fs.readdirSync(tmp)) {
  const file = path.join(tmp, name);
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as { "source-map-cache"?: Record<string, unknown> };
  const cache = data["source-map-cache"];
  if (!cache || Object.keys(cache).every((url) => url.startsWith("file:"))) continue;
  data["source-map-cache"] = Object.fromEntries(
    Object.entries(cache).filter(([url]) => url.startsWith("file:")),
  );
  fs.writeFileSync(file, JSON.stringify(data));
}
// Which files count, and what is left out (generated code, code that runs only inside isolates): .c8rc.json.
const reporters = args.includes("--per-file")
  ? ["--reporter=text", "--reporter=json-summary"]
  : ["--reporter=json-summary"];
const report = spawnSync(path.join(ROOT, "node_modules/.bin/c8"), ["report", ...reporters], {
  stdio: "inherit",
});
if (report.status !== 0) process.exit(report.status ?? 1);
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
const summary = JSON.parse(
  fs.readFileSync(path.join(ROOT, "coverage/coverage-summary.json"), "utf8"),
) as Record<string, Totals>;

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

const percent = (m: { total: number; covered: number }) => (m.total ? (100 * m.covered) / m.total : 100);
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
