/**
 * npm run lessons:check [-- <path>] [--no-grade]
 *
 * Validates every lesson (or the one at <path>: a lesson folder or a file in it, a track folder, or
 * another lessons folder such as a fixture)
 * and grades reference solutions, starters, common mistakes and mutants in the real sandbox.
 * Prints one `file:line: message` per problem and a summary; exits 1 on any problem.
 *   --no-grade   skip the sandbox (schema, ids, links, quiz only): fast, while writing prose.
 *   --no-bar     skip the quality bar (prose length, hints, quiz, hidden tests, mistakes): while drafting.
 *   --summary    also print a table: each exercise's kind, hidden tests, mistakes and equivalents.
 * The lessons folder is LESSONS_DIR when set (as for the app and `grade`), else ./lessons.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkLessons, type ExerciseSummary, type Grade } from "../lib/content/check-lessons.ts";
import { defaultLessonsRoot } from "../lib/content/watch-lessons.ts";
import { formatProblem } from "../lib/content/problems.ts";

const USAGE = "usage: npm run lessons:check [-- <lesson folder or file>] [--no-grade] [--no-bar] [--summary]";
const FLAGS = new Set(["--no-grade", "--no-bar", "--summary"]);

/** True when `dir` is itself a lessons root: one of its folders holds a track.yaml. */
function isLessonsRoot(dir: string): boolean {
  if (!statSync(dir).isDirectory()) return false;
  return readdirSync(dir, { withFileTypes: true }).some(
    (e) => e.isDirectory() && existsSync(path.join(dir, e.name, "track.yaml")),
  );
}

/** The lessons root a path belongs to: the parent of the nearest folder holding a track.yaml. */
function findRoot(target: string): string | null {
  for (let dir = target; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "track.yaml"))) return path.dirname(dir);
  }
  return null;
}

async function main(argv: string[]): Promise<number> {
  const noGrade = argv.includes("--no-grade");
  const bar = !argv.includes("--no-bar");
  const positional = argv.filter((a) => !a.startsWith("--"));
  if (positional.length > 1 || argv.some((a) => a.startsWith("--") && !FLAGS.has(a))) {
    console.error(USAGE);
    return 2;
  }
  let only = positional[0] ? path.resolve(positional[0]) : undefined;
  if (only && !existsSync(only)) {
    console.error(`lessons:check: ${positional[0]}: no such file or folder`);
    return 2;
  }
  let root = defaultLessonsRoot();
  if (only && isLessonsRoot(only)) {
    // A whole lessons folder (another checkout, a fixture): check everything in it.
    root = only;
    only = undefined;
  } else if (only) {
    root = findRoot(only) ?? root;
  }

  let grade: Grade | undefined;
  let close: (() => unknown) | undefined;
  if (!noGrade) {
    const sandbox = await import("../sandbox/index.ts");
    const { env } = await import("../lib/env.ts");
    const grader = sandbox.getGrader({ workers: env.SANDBOX_WORKERS, workerPath: env.SANDBOX_WORKER_PATH });
    grade = (job) => grader.grade(job);
    close = () => (grader as { close?: () => unknown }).close?.();
  }

  try {
    const report = await checkLessons({ root, only, grade, bar });
    if (report.notFound) {
      console.error(`lessons:check: no lesson at ${path.relative(process.cwd(), report.notFound)}`);
      return 2;
    }
    for (const problem of report.problems) console.log(formatProblem(problem));
    if (argv.includes("--summary")) printSummary(report.summary);
    const files = new Set(report.problems.map((p) => p.file)).size;
    const what = `${report.lessons} lesson(s), ${report.exercises} exercise(s), ${noGrade ? "grading skipped (--no-grade)" : `${report.jobs} grading job(s)`}`;
    const seconds = (report.durationMs / 1000).toFixed(1);
    console.log(
      report.problems.length
        ? `lessons:check: ${report.problems.length} problem(s) in ${files} file(s); ${what}; ${seconds} s`
        : `lessons:check: ok; ${what}; ${seconds} s`,
    );
    return report.problems.length ? 1 : 0;
  } finally {
    await close?.();
  }
}

/** The --summary table (Markdown, so it pastes into a note or an issue). */
function printSummary(rows: ExerciseSummary[]): void {
  console.log("| exercise | kind | hidden tests | mistakes | equivalents |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const row of rows) {
    console.log(
      `| ${row.id} | ${row.kind} | ${row.hiddenTests ?? "not graded"} | ${row.mistakes} | ${row.kind === "tests" ? row.equivalents : "-"} |`,
    );
  }
  const byKind = new Map<string, number>();
  for (const row of rows) byKind.set(row.kind, (byKind.get(row.kind) ?? 0) + 1);
  console.log(`\n${rows.length} exercise(s): ${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
}

process.exitCode = await main(process.argv.slice(2));
