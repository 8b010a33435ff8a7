/**
 * What instructors see: learners' progress per track and lesson, per-exercise pass rates, attempts
 * and hints. Only users with the learner role are counted (instructors trying exercises would skew
 * the figures). "Attempts" are submits (graded against hidden tests); runs are counted apart.
 */
import "server-only";
import { listTracks } from "../content/index.ts";
import { db } from "../db.ts";
import { hasNul } from "../db/errors.ts";

export type LessonStats = {
  lessonId: string;
  title: string;
  hasExercise: boolean;
  /** Learners with at least one submit. */
  attempted: number;
  passed: number;
  /** passed / attempted, 0..1; null when nobody attempted. */
  passRate: number | null;
  /** Submits by all learners. */
  attempts: number;
  runs: number;
  hintsUsed: number;
  /** Mean submits before the first pass, over learners who passed. */
  meanAttemptsToPass: number | null;
};

export type TrackStats = { trackId: string; title: string; lessons: LessonStats[] };

export type LearnerRow = {
  id: string;
  email: string;
  name: string | null;
  passed: number;
  attempts: number;
  hintsUsed: number;
  lastActivity: Date | null;
  /** Lessons passed per track id. */
  passedByTrack: Record<string, number>;
};

export type TeachOverview = {
  learnerCount: number;
  /** Submits (graded against the hidden tests; what counts as an attempt). */
  submissionCount: number;
  /** Runs (the example tests only), counted apart from submissions. */
  runCount: number;
  tracks: TrackStats[];
  learners: LearnerRow[];
};

/** Everything the /teach page shows, from a handful of grouped queries. */
export async function getTeachOverview(): Promise<TeachOverview> {
  const learnerWhere = { user: { role: "learner" } };
  const [tracks, learners, progress, hints, runs, submissionCount, runCount, lastSubmissions] =
    await Promise.all([
      listTracks(),
      db.user.findMany({
        where: { role: "learner" },
        select: { id: true, email: true, name: true },
        orderBy: { email: "asc" },
      }),
      db.progress.findMany({
        where: learnerWhere,
        select: { userId: true, lessonId: true, attempts: true, failedAttempts: true, passed: true },
      }),
      db.hintView.groupBy({ by: ["userId", "exerciseId"], where: learnerWhere, _count: { _all: true } }),
      db.submission.groupBy({
        by: ["exerciseId"],
        where: { mode: "run", ...learnerWhere },
        _count: { _all: true },
      }),
      db.submission.count({ where: { mode: "submit", ...learnerWhere } }),
      db.submission.count({ where: { mode: "run", ...learnerWhere } }),
      db.submission.groupBy({ by: ["userId"], where: learnerWhere, _max: { createdAt: true } }),
    ]);

  const lessonTrack = new Map<string, string>();
  for (const track of tracks) for (const lesson of track.lessons) lessonTrack.set(lesson.id, track.id);
  const runsByExercise = new Map(runs.map((row) => [row.exerciseId, row._count._all]));
  const hintsByExercise = new Map<string, number>();
  const hintsByUser = new Map<string, number>();
  for (const row of hints) {
    hintsByExercise.set(row.exerciseId, (hintsByExercise.get(row.exerciseId) ?? 0) + row._count._all);
    if (row.userId) hintsByUser.set(row.userId, (hintsByUser.get(row.userId) ?? 0) + row._count._all);
  }

  const trackStats: TrackStats[] = tracks.map((track) => ({
    trackId: track.id,
    title: track.title,
    lessons: track.lessons.map((lesson) => {
      const rows = progress.filter((p) => p.lessonId === lesson.id);
      const attemptedRows = rows.filter((p) => p.attempts > 0);
      const passedRows = rows.filter((p) => p.passed);
      return {
        lessonId: lesson.id,
        title: lesson.title,
        hasExercise: lesson.exercise !== null,
        attempted: attemptedRows.length,
        passed: passedRows.length,
        passRate: attemptedRows.length ? passedRows.length / attemptedRows.length : null,
        attempts: rows.reduce((sum, p) => sum + p.attempts, 0),
        runs: runsByExercise.get(lesson.id) ?? 0,
        hintsUsed: hintsByExercise.get(lesson.id) ?? 0,
        // Failed attempts stop counting once a learner passes (see gradeSubmission), so +1 is the pass.
        meanAttemptsToPass: passedRows.length
          ? passedRows.reduce((sum, p) => sum + p.failedAttempts + 1, 0) / passedRows.length
          : null,
      };
    }),
  }));

  const lastByUser = new Map(lastSubmissions.map((row) => [row.userId, row._max.createdAt]));
  const learnerRows: LearnerRow[] = learners.map((learner) => {
    const rows = progress.filter((p) => p.userId === learner.id);
    const passedByTrack: Record<string, number> = {};
    for (const row of rows) {
      const trackId = lessonTrack.get(row.lessonId);
      if (row.passed && trackId) passedByTrack[trackId] = (passedByTrack[trackId] ?? 0) + 1;
    }
    return {
      ...learner,
      passed: rows.filter((p) => p.passed).length,
      attempts: rows.reduce((sum, p) => sum + p.attempts, 0),
      hintsUsed: hintsByUser.get(learner.id) ?? 0,
      lastActivity: lastByUser.get(learner.id) ?? null,
      passedByTrack,
    };
  });

  return {
    learnerCount: learners.length,
    submissionCount,
    runCount,
    tracks: trackStats,
    learners: learnerRows,
  };
}

export type LearnerLessonRow = {
  trackId: string;
  trackTitle: string;
  lessonId: string;
  lessonTitle: string;
  attempts: number;
  failedAttempts: number;
  passed: boolean;
  /** Projects: stages passed of stageCount; 0 of 0 for other lessons. */
  stagesPassed: number;
  stageCount: number;
  firstPassedAt: Date | null;
  hintsUsed: number;
  lastSubmissionAt: Date | null;
};

/** One row per (learner, lesson) for every learner, or for one learner; in track and lesson order. */
export async function listLearnerLessonRows(
  userId?: string,
): Promise<{ learner: { id: string; email: string; name: string | null }; rows: LearnerLessonRow[] }[]> {
  // An id from the URL: none holds U+0000, and PostgreSQL would fail the query on one.
  if (userId !== undefined && hasNul(userId)) return [];
  const userWhere = userId ? { id: userId, role: "learner" } : { role: "learner" };
  const [tracks, learners, progress, hints, last] = await Promise.all([
    listTracks(),
    db.user.findMany({
      where: userWhere,
      select: { id: true, email: true, name: true },
      orderBy: { email: "asc" },
    }),
    db.progress.findMany({ where: { user: userWhere } }),
    db.hintView.groupBy({ by: ["userId", "exerciseId"], where: { user: userWhere }, _count: { _all: true } }),
    db.submission.groupBy({
      by: ["userId", "exerciseId"],
      where: { user: userWhere },
      _max: { createdAt: true },
    }),
  ]);
  const key = (user: string | null, lesson: string) => `${user}\u0000${lesson}`;
  const progressBy = new Map(progress.map((p) => [key(p.userId, p.lessonId), p]));
  const hintsBy = new Map(hints.map((h) => [key(h.userId, h.exerciseId), h._count._all]));
  const lastBy = new Map(last.map((s) => [key(s.userId, s.exerciseId), s._max.createdAt]));
  return learners.map((learner) => ({
    learner,
    rows: tracks.flatMap((track) =>
      track.lessons.map((lesson) => {
        const p = progressBy.get(key(learner.id, lesson.id));
        return {
          trackId: track.id,
          trackTitle: track.title,
          lessonId: lesson.id,
          lessonTitle: lesson.title,
          attempts: p?.attempts ?? 0,
          failedAttempts: p?.failedAttempts ?? 0,
          passed: p?.passed ?? false,
          stagesPassed: p?.stagesPassed ?? 0,
          stageCount: lesson.exercise?.stageCount ?? 0,
          firstPassedAt: p?.firstPassedAt ?? null,
          hintsUsed: hintsBy.get(key(learner.id, lesson.id)) ?? 0,
          lastSubmissionAt: lastBy.get(key(learner.id, lesson.id)) ?? null,
        };
      }),
    ),
  }));
}
