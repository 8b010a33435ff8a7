/**
 * The content API: the only way the app gets at lessons. Public functions return objects safe for
 * the browser (PublicLesson, TrackSummary); getExercise, getHint, checkQuizAnswer and buildGradeJob
 * see private parts and stay on the server.
 *
 * Content is loaded once and kept in memory. Outside production, every call first compares the
 * lessons folder's file list and mtimes with the last load (a few ms) and reloads when they differ,
 * so a saved lesson shows up without a restart.
 *
 * Highlighted code carries both themes as CSS variables and no colour of its own; the page's CSS
 * picks one, e.g.:
 *   .shiki, .shiki span { color: var(--shiki-light); background-color: var(--shiki-light-bg); }
 *   .dark .shiki, .dark .shiki span { color: var(--shiki-dark); background-color: var(--shiki-dark-bg); }
 */
import "server-only";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { GradeJob } from "../../sandbox/types.ts";
import { buildGradeJobFor, type GradeJobOptions, type GradeMode } from "./grade-job.ts";
import type { LearnerCode } from "./private-types.ts";
import { loadContent, type LoadedContent } from "./load-content.ts";
import type { PrivateExercise } from "./private-types.ts";
import { ContentError, formatProblem } from "./problems.ts";
import type { Hint, PublicLesson, QuizAnswerResult, TrackSummary } from "./public-types.ts";
import { gradeQuizAnswer } from "./quiz.ts";
import { defaultLessonsRoot } from "./watch-lessons.ts";

export type * from "./public-types.ts";
export type {
  PrivateExercise,
  CodeExercise,
  TestsExercise,
  SqlExercise,
  ProjectExercise,
  PrivateQuestion,
  ExerciseFile,
  LearnerCode,
  Mistake,
  PrivateStage,
} from "./private-types.ts";
export { isCodeExercise, stagesOf } from "./private-types.ts";
export { buildGradeJobFor, learnerCodeProblem, referenceCode, starterCode } from "./grade-job.ts";
export type { Problem, ProblemRule } from "./problems.ts";
export { ContentError, formatProblem } from "./problems.ts";
export { watchLessons } from "./watch-lessons.ts";
export type { GradeMode } from "./grade-job.ts";

const isDevelopment = () => process.env.NODE_ENV !== "production";

interface Cache {
  signature: string;
  content: Promise<LoadedContent>;
}
/**
 * On globalThis, so that every bundle of a Next.js server (each route, instrumentation.ts) shares one
 * copy: a module-level cache was filled once per bundle, seconds of CPU each, and the lessons loaded
 * at start by instrumentation.ts were never the ones the routes read.
 */
const CACHE_KEY = Symbol.for("serverside.content.cache");
const processGlobal = globalThis as typeof globalThis & { [CACHE_KEY]?: Cache | null };

/** Path, size and mtime of every file under `dir`: changes whenever a lesson file is saved, added or removed. */
async function signatureOf(dir: string): Promise<string> {
  const parts: string[] = [];
  async function walk(current: string) {
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        parts.push(`${full}/`);
        await walk(full);
      } else {
        const info = await stat(full).catch(() => null);
        if (info) parts.push(`${full}:${info.size}:${info.mtimeMs}`);
      }
    }
  }
  await walk(dir);
  return parts.sort().join("\n");
}

/** The loaded content, from memory (reloaded first in development when files changed). */
async function getContent(): Promise<LoadedContent> {
  const root = defaultLessonsRoot();
  const cached = processGlobal[CACHE_KEY] ?? null;
  const signature = cached && !isDevelopment() ? cached.signature : await signatureOf(root);
  let current = processGlobal[CACHE_KEY] ?? null;
  if (!current || current.signature !== signature) {
    const content = loadContent(root).then((loaded) => {
      // Log problems once per load, server-side; lessons:check is where authors see them all.
      for (const problem of loaded.problems) console.error(`[lessons] ${formatProblem(problem)}`);
      return loaded;
    });
    current = { signature, content };
    processGlobal[CACHE_KEY] = current;
    content.catch(() => {
      if (processGlobal[CACHE_KEY]?.content === content) processGlobal[CACHE_KEY] = null;
    });
  }
  return current.content;
}

/** In development a broken lesson fails loudly (Next's overlay shows file:line); in production it is a 404. */
function failIfBroken(content: LoadedContent, lessonId: string): void {
  const problems = content.broken.get(lessonId);
  if (problems && isDevelopment()) throw new ContentError(problems);
}

/** Every track, by `order`, with its lessons in order. */
export async function listTracks(): Promise<TrackSummary[]> {
  return (await getContent()).tracks;
}

/** One track, or null when there is none with that id. */
export async function getTrack(trackId: string): Promise<TrackSummary | null> {
  return (await getContent()).tracks.find((t) => t.id === trackId) ?? null;
}

/** The public lesson `lessonId` of track `trackId`, or null (also when the lesson is in another track). */
export async function getLesson(trackId: string, lessonId: string): Promise<PublicLesson | null> {
  const content = await getContent();
  failIfBroken(content, lessonId);
  const lesson = content.lessons.get(lessonId);
  return lesson && lesson.trackId === trackId ? lesson : null;
}

/** The public lesson with this id, whatever its track, or null. */
export async function getPublicLesson(lessonId: string): Promise<PublicLesson | null> {
  const content = await getContent();
  failIfBroken(content, lessonId);
  return content.lessons.get(lessonId) ?? null;
}

/** The private exercise (hidden tests, solution, ...), or null. Server-only: never send it to a client. */
export async function getExercise(exerciseId: string): Promise<PrivateExercise | null> {
  return (await getContent()).exercises.get(exerciseId) ?? null;
}

/**
 * Hint number `index` (0-based) of a lesson's exercise, or null when there is no such hint.
 * Deciding whether the learner may see it yet is the caller's job.
 */
export async function getHint(lessonId: string, index: number): Promise<Hint | null> {
  const exercise = (await getContent()).exercises.get(lessonId);
  const hint = Number.isInteger(index) ? exercise?.hints[index] : undefined;
  if (!exercise || !hint) return null;
  return { index, total: exercise.hints.length, html: hint.html };
}

/**
 * Checks an answer to a quiz question: correct when exactly the right choices were chosen, with the
 * explanations of the chosen choices. Null when the lesson, question or a choice id does not exist.
 */
export async function checkQuizAnswer(
  lessonId: string,
  questionId: string,
  choiceIds: readonly string[],
): Promise<QuizAnswerResult | null> {
  const question = (await getContent()).quizzes.get(lessonId)?.find((q) => q.id === questionId);
  return question ? gradeQuizAnswer(question, choiceIds) : null;
}

/**
 * The sandbox job that grades `code` for exercise `exerciseId` (== lesson id): "run" uses the
 * visible tests or dataset, "submit" adds the hidden ones (see grade-job.ts). Null for an unknown id.
 */
export async function buildGradeJob(
  exerciseId: string,
  code: LearnerCode,
  mode: GradeMode,
  stage?: number,
  options: GradeJobOptions = {},
): Promise<GradeJob | null> {
  const exercise = await getExercise(exerciseId);
  return exercise ? buildGradeJobFor(exercise, code, mode, stage, options) : null;
}
