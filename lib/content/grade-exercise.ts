/**
 * `npm run grade -- <exercise-id-or-path> <code-file-or-folder> [--run] [--stage <n>]`: grades a
 * file (a folder of the learner's files, for multi-file exercises) against an exercise exactly as
 * the app does (buildGradeJob, then the sandbox). scripts/grade.ts calls this.
 */
import "server-only";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GradeJob, GradeResult } from "../../sandbox/types.ts";
import type { GradeMode } from "./grade-job.ts";
import { buildGradeJobFor, getExercise, learnerCodeProblem } from "./index.ts";
import { loadContent } from "./load-content.ts";
import { defaultLessonsRoot } from "./watch-lessons.ts";
import { stagesOf, type LearnerCode } from "./private-types.ts";

export interface GradeExerciseOptions {
  /** An exercise id (== lesson id), or a path to a lesson folder or a file in it. */
  exercise: string;
  /** The learner's file, or for a multi-file exercise a folder holding each of its files. */
  codeFile: string;
  mode: GradeMode;
  /** Projects: the stage to grade (default: the last). */
  stage?: number;
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
export async function gradeExercise(
  options: GradeExerciseOptions,
): Promise<{ ok: true; result: GradeResult } | { ok: false; error: string }> {
  const { id, root } = resolveExerciseArg(options.exercise);
  // A lesson outside the app's lessons folder is loaded from its own folder.
  const exercise =
    root && root !== defaultLessonsRoot()
      ? ((await loadContent(root)).exercises.get(id) ?? null)
      : await getExercise(id);
  if (!exercise)
    return {
      ok: false,
      error: `no exercise "${id}" (an exercise id is its lesson id; see npm run lessons:check)`,
    };
  let code: LearnerCode;
  let reading = options.codeFile;
  try {
    if (exercise.files) {
      const files: Record<string, string> = {};
      for (const name of exercise.files) {
        reading = path.join(options.codeFile, name);
        files[name] = await readFile(reading, "utf8");
      }
      code = files;
    } else {
      code = await readFile(options.codeFile, "utf8");
    }
  } catch (error) {
    const hint = exercise.files ? ` (a folder with ${exercise.files.join(", ")})` : "";
    return {
      ok: false,
      error: `cannot read ${reading}${hint}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    };
  }
  const problem = learnerCodeProblem(exercise, code);
  if (problem) return { ok: false, error: problem };
  const stageCount = stagesOf(exercise).length;
  if (options.stage !== undefined && options.stage > Math.max(1, stageCount)) {
    return { ok: false, error: `exercise "${id}" has ${stageCount || "no"} stages` };
  }
  return {
    ok: true,
    result: await options.grade(
      buildGradeJobFor(exercise, code, options.mode, options.stage, { seed: options.seed }),
    ),
  };
}
