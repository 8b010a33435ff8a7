import assert from "node:assert/strict";
import { test } from "node:test";
import type { LessonSummary, TrackSummary } from "../content/public-types.ts";
import {
  buildCatalog,
  lessonStatus,
  nextInTrack,
  suggestNext,
  suggestionText,
  type LessonProgress,
} from "./catalog.ts";

function lesson(id: string, trackId: string, extra: Partial<LessonSummary> = {}): LessonSummary {
  return {
    id,
    trackId,
    title: id,
    summary: "",
    minutes: 10,
    tags: [],
    prerequisites: [],
    href: `/learn/${trackId}/${id}`,
    exercise: { kind: "function", title: "x", stageCount: 0 },
    quizQuestions: 2,
    ...extra,
  };
}

const tracks: TrackSummary[] = [
  {
    id: "http",
    title: "HTTP",
    description: "",
    order: 1,
    href: "/learn/http",
    lessons: [lesson("a", "http"), lesson("b", "http", { prerequisites: ["a"] })],
  },
  {
    id: "db",
    title: "DB",
    description: "",
    order: 2,
    href: "/learn/db",
    lessons: [lesson("c", "db"), lesson("d", "db", { exercise: null })],
  },
];

const row = (lessonId: string, extra: Partial<LessonProgress> = {}): LessonProgress => ({
  lessonId,
  attempts: 0,
  passed: false,
  stagesPassed: 0,
  quizCorrect: 0,
  lastOpenedAt: null,
  ...extra,
});

test("a visitor sees nothing completed and the first lesson next", () => {
  const catalog = buildCatalog(tracks, []);
  assert.equal(catalog.completed, 0);
  assert.equal(catalog.total, 4);
  assert.equal(catalog.next?.id, "a");
  assert.equal(catalog.lastOpened, null);
  assert.deepEqual(
    catalog.tracks.flatMap((t) => t.lessons.map((l) => l.status)),
    ["not-started", "not-started", "not-started", "not-started"],
  );
});

test("passed exercises complete lessons; next skips lessons whose prerequisites are not done", () => {
  const catalog = buildCatalog(tracks, [
    row("c", { attempts: 1, passed: true, lastOpenedAt: new Date(2000) }),
    row("a", { attempts: 3, lastOpenedAt: new Date(3000) }),
  ]);
  assert.equal(catalog.completed, 1);
  assert.equal(catalog.tracks[1]?.completed, 1);
  assert.equal(catalog.tracks[0]?.lessons[0]?.status, "started");
  // "b" needs "a", which is not passed: "a" is next.
  assert.equal(catalog.next?.id, "a");
  assert.equal(catalog.lastOpened?.lesson.id, "a");
  assert.equal(nextInTrack(catalog.tracks[1]!)?.id, "d");
});

test("a lesson without an exercise completes with a fully correct quiz", () => {
  const d = tracks[1]!.lessons[1]!;
  assert.equal(lessonStatus(d, row("d", { quizCorrect: 1, lastOpenedAt: new Date() })), "started");
  assert.equal(lessonStatus(d, row("d", { quizCorrect: 2 })), "completed");
  // A passed exercise matters, not the quiz, for lessons with an exercise.
  assert.equal(lessonStatus(tracks[0]!.lessons[0]!, row("a", { quizCorrect: 2 })), "started");
});

test("the suggestion: start, then continue the lesson left open, then the next one once it is passed", () => {
  assert.deepEqual(suggestNext(buildCatalog(tracks, [])), { lesson: tracks[0]!.lessons[0], reason: "start" });
  // Opened c (not the catalog's next, a): continue c, on the home page and the catalog alike.
  const opened = buildCatalog(tracks, [row("c", { lastOpenedAt: new Date(1000) })]);
  assert.equal(opened.next?.id, "a");
  assert.deepEqual(suggestNext(opened), { lesson: tracks[1]!.lessons[0], reason: "continue" });
  assert.equal(suggestionText(suggestNext(opened)!).heading, "Continue where you left off");
  // c passed: the next lesson by the catalog's rule.
  const passed = buildCatalog(tracks, [
    row("c", { passed: true, attempts: 1, lastOpenedAt: new Date(1000) }),
  ]);
  assert.deepEqual(suggestNext(passed), { lesson: tracks[0]!.lessons[0], reason: "next" });
  assert.equal(suggestionText(suggestNext(passed)!).action, "Start: a");
  // Everything done: nothing to suggest.
  const all = buildCatalog(
    tracks,
    ["a", "b", "c"].map((id) => row(id, { passed: true, attempts: 1 })).concat(row("d", { quizCorrect: 2 })),
  );
  assert.equal(suggestNext(all), null);
});
