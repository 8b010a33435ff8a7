/**
 * Problems found in lesson files: what the loader and the checker report, always with a file and a
 * line so an author can jump straight to it (`lessons/http/x/lesson.md:12: message`).
 */
import path from "node:path";

/** Which check found the problem; fixtures and tests key on it. */
export type ProblemRule =
  | "schema"
  | "yaml"
  | "missing-file"
  | "unexpected-file"
  | "duplicate-id"
  | "missing-prerequisite"
  | "prerequisite-cycle"
  | "broken-link"
  | "markdown"
  | "quiz-answers"
  | "solution-fails"
  | "starter-passes"
  | "starter-broken"
  | "mistake-accepted"
  | "mutant-survives"
  | "stage-order"
  | "equivalent-fails"
  | "time-budget"
  | "grading-error"
  | "bar-prose"
  | "bar-hints"
  | "bar-quiz"
  | "bar-hidden-tests"
  | "bar-mistakes"
  | "bar-equivalents"
  | "seed-fails";

export interface Problem {
  rule: ProblemRule;
  /** Absolute path of the offending file. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  message: string;
}

/** Formats a problem as `relative/path:line: message` (relative to `base`, default the cwd). */
export function formatProblem(problem: Problem, base = process.cwd()): string {
  const rel = path.relative(base, problem.file) || problem.file;
  return `${rel}:${problem.line}: ${problem.message}`;
}

/**
 * Thrown when the app asks for content while lesson files are broken. The message lists every
 * problem as `file:line: message`, so Next's error overlay shows authors where to look.
 */
export class ContentError extends Error {
  readonly code = "content_invalid";
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const shown = problems.slice(0, 20).map((p) => formatProblem(p));
    const more = problems.length > 20 ? `\n... and ${problems.length - 20} more` : "";
    super(`Lesson content is invalid (${problems.length} problem(s)):\n${shown.join("\n")}${more}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}
