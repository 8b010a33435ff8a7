/**
 * What the catalog shows for a learner: per lesson completed or not, per track how far along, and
 * which lesson to do next. Pure functions over the public track list and the learner's Progress rows,
 * so they are cheap to test and need no database.
 */
import type { LessonSummary, TrackSummary } from "../content/public-types.ts";

/** The parts of a Progress row the catalog needs. */
export interface LessonProgress {
  lessonId: string;
  attempts: number;
  passed: boolean;
  /** Projects: stages passed (0 for other lessons). */
  stagesPassed: number;
  quizCorrect: number;
  lastOpenedAt: Date | null;
}

export type LessonStatus = "completed" | "started" | "not-started";

export interface LessonEntry {
  lesson: LessonSummary;
  status: LessonStatus;
  progress: LessonProgress | null;
}

export interface TrackEntry {
  track: TrackSummary;
  lessons: LessonEntry[];
  completed: number;
  total: number;
}

export interface Catalog {
  tracks: TrackEntry[];
  completed: number;
  total: number;
  /** The lesson to do next: the first one not completed whose prerequisites are done (else the first not completed). */
  next: LessonSummary | null;
  /** The lesson most recently opened, with its status. */
  lastOpened: LessonEntry | null;
}

/**
 * A lesson is completed when its exercise is passed; a lesson without an exercise, when every quiz
 * question was answered correctly (or, with no quiz either, when it was opened).
 */
export function lessonStatus(
  lesson: LessonSummary,
  progress: LessonProgress | null | undefined,
): LessonStatus {
  if (!progress) return "not-started";
  const completed = lesson.exercise
    ? progress.passed
    : lesson.quizQuestions > 0
      ? progress.quizCorrect >= lesson.quizQuestions
      : progress.lastOpenedAt !== null;
  if (completed) return "completed";
  return progress.attempts > 0 || progress.lastOpenedAt !== null || progress.quizCorrect > 0
    ? "started"
    : "not-started";
}

/** Builds the catalog view from the tracks and the learner's progress rows (none for a visitor). */
export function buildCatalog(tracks: readonly TrackSummary[], rows: readonly LessonProgress[]): Catalog {
  const byLesson = new Map(rows.map((row) => [row.lessonId, row]));
  const entries = tracks.map((track): TrackEntry => {
    const lessons = track.lessons.map((lesson) => {
      const progress = byLesson.get(lesson.id) ?? null;
      return { lesson, progress, status: lessonStatus(lesson, progress) };
    });
    return {
      track,
      lessons,
      completed: lessons.filter((l) => l.status === "completed").length,
      total: lessons.length,
    };
  });
  const all = entries.flatMap((t) => t.lessons);
  const done = new Set(all.filter((l) => l.status === "completed").map((l) => l.lesson.id));
  const pending = all.filter((l) => l.status !== "completed");
  const ready = pending.find((l) => l.lesson.prerequisites.every((p) => done.has(p)));
  let lastOpened: LessonEntry | null = null;
  for (const entry of all) {
    const at = entry.progress?.lastOpenedAt;
    if (at && (!lastOpened?.progress?.lastOpenedAt || at > lastOpened.progress.lastOpenedAt))
      lastOpened = entry;
  }
  return {
    tracks: entries,
    completed: done.size,
    total: all.length,
    next: (ready ?? pending[0])?.lesson ?? null,
    lastOpened,
  };
}

/** The track entry's "next" lesson: its first lesson not completed, or null when all are. */
export function nextInTrack(track: TrackEntry): LessonSummary | null {
  return track.lessons.find((l) => l.status !== "completed")?.lesson ?? null;
}

/** What the home page and the catalog both suggest, so they never disagree. */
export type Suggestion = { lesson: LessonSummary; reason: "continue" | "start" | "next" };

/**
 * The one lesson to suggest: the lesson opened last while it is not completed (continue where you
 * left off), else the catalog's next lesson ("start" when nothing was opened or completed yet).
 */
export function suggestNext(catalog: Catalog): Suggestion | null {
  const last = catalog.lastOpened;
  if (last && last.status !== "completed") return { lesson: last.lesson, reason: "continue" };
  if (!catalog.next) return null;
  return { lesson: catalog.next, reason: catalog.completed === 0 && !last ? "start" : "next" };
}

/** The heading and button text of a suggestion, shared by the home page and the catalog. */
export function suggestionText(suggestion: Suggestion): { heading: string; action: string } {
  switch (suggestion.reason) {
    case "continue":
      return { heading: "Continue where you left off", action: `Continue: ${suggestion.lesson.title}` };
    case "start":
      return { heading: "Start here", action: `Start: ${suggestion.lesson.title}` };
    case "next":
      return { heading: "Up next", action: `Start: ${suggestion.lesson.title}` };
  }
}
