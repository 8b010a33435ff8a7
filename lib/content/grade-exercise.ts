/**
 * `npm run grade -- <exercise-id-or-path> <code-file> [--run]`: grades a file against an exercise
 * exactly as the app does (buildGradeJob, then the sandbox). scripts/grade.ts calls this.
 */
import "server-only";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GradeJob, GradeResult } from "../../sandbox/types.ts";
import type { GradeMode } from "./grade-job.ts";
import { buildGradeJob } from "./index.ts";

export interface GradeExerciseOptions {
  /** An exercise id (== lesson id), or a path to a lesson folder or a file in it. */
  exercise: string;
  codeFile: string;
  mode: GradeMode;
  /** Replays a grade: the seed generated inputs are drawn from (a submission's `seed`). */
  seed?: number;
  grade: (job: GradeJob) => Promise<GradeResult>;
}

/**
 * Resolves `arg` to an exercise id and, for a path outside the app's lessons folder (a fixture, a
 * checkout elsewhere), the lessons folder it belongs to.
 */
export function resolveExerciseArg(arg: string): { id: string; root?: string } {
  if (!existsSync(arg)) return { id: arg };
  let dir = path.resolve(arg);
  if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (existsSync(path.join(d, "lesson.md"))) {
      // <root>/<track>/<lesson>/lesson.md
      return { id: path.basename(d), root: path.dirname(path.dirname(d)) };
    }
  }
  return { id: path.basename(dir) };
}

/** Grades `codeFile` for an exercise; an unknown exercise or unreadable file is an error value. */
export async function gradeExercise(options: GradeExerciseOptions): Promise<{ ok: true; result: GradeResult } | { ok: false; error: string }> {
  const { id, root } = resolveExerciseArg(options.exercise);
  if (root) process.env.LESSONS_DIR = root;
  let code: string;
  try {
    code = await readFile(options.codeFile, "utf8");
  } catch (error) {
    return { ok: false, error: `cannot read ${options.codeFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const job = await buildGradeJob(id, code, options.mode, { seed: options.seed });
  if (!job) return { ok: false, error: `no exercise "${id}" (an exercise id is its lesson id; see npm run lessons:check)` };
  return { ok: true, result: await options.grade(job) };
}
