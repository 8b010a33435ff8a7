/**
 * Reads a lessons folder into typed, rendered objects, collecting every problem with its file and
 * line instead of stopping at the first. The only code that reads lessons/ (with lessons-check).
 *
 * Layout and rules: lessons/README.md. Phase 1 reads every track.yaml and lesson front matter (so
 * lesson links can be resolved); phase 2 reads exercise files and renders Markdown.
 */
import "server-only";
import { renderInlineMarkdown, renderMarkdown, type Rendered } from "./markdown.ts";
import type { PrivateExercise, PrivateQuestion } from "./private-types.ts";
import type { Problem } from "./problems.ts";
import type { LessonRef, PublicLesson, PublicQuestion, TrackSummary } from "./public-types.ts";
import type { LessonFrontMatter } from "./schema.ts";
import {
  FATAL_RULES,
  readTracks,
  reportPrerequisiteCycles,
  type RawLesson,
  type RawTrack,
} from "./read-lessons.ts";
import { buildExercise } from "./build-exercise.ts";

/** Where a lesson's files are and how to find lines in its front matter (for the checker). */
export interface LessonSource {
  id: string;
  trackId: string;
  dir: string;
  file: string;
  /** Line of lesson.md where the prose (after the front matter) starts. */
  bodyLine: number;
  lineOf(path: readonly PropertyKey[]): number;
}

export interface LoadedContent {
  root: string;
  /** Tracks by `order`, each with the lessons that loaded, in track.yaml order. */
  tracks: TrackSummary[];
  lessons: Map<string, PublicLesson>;
  exercises: Map<string, PrivateExercise>;
  quizzes: Map<string, PrivateQuestion[]>;
  sources: Map<string, LessonSource>;
  /** Every problem found, in file order. */
  problems: Problem[];
  /** Lessons left out because their files are unusable (bad front matter, missing files): id -> problems. */
  broken: Map<string, Problem[]>;
}

/**
 * Rendered Markdown from the previous load, by input: in development a save re-renders only what
 * changed (shiki is the slow part). Entries not used by the latest load are dropped.
 */
let renderCache = new Map<string, Rendered>();

type RenderFn = (markdown: string, file: string, firstLine: number, inline: boolean) => Promise<Rendered>;

/** Loads every track and lesson under `root`. Never throws for content problems: it returns them. */
export async function loadContent(root: string): Promise<LoadedContent> {
  const problems: Problem[] = [];
  const rawTracks = await readTracks(root, problems);

  // Lesson id -> track id, for links and prerequisites (folder names: they are the ids).
  const lessonTrack = new Map<string, string>();
  for (const track of rawTracks) {
    for (const lesson of track.lessons) {
      if (lessonTrack.has(lesson.id)) {
        lesson.problems.push({
          rule: "duplicate-id",
          file: lesson.file,
          line: lesson.yaml.lineOf(["id"]),
          message: `lesson id "${lesson.id}" is already used in track "${lessonTrack.get(lesson.id)}"`,
        });
      } else {
        lessonTrack.set(lesson.id, track.id);
      }
    }
  }
  reportPrerequisiteCycles(rawTracks.flatMap((track) => track.lessons));

  const resolveLesson = (id: string) => {
    const trackId = lessonTrack.get(id);
    return trackId ? lessonHref(trackId, id) : undefined;
  };

  // Links render differently when lessons move between tracks: that map is part of the cache key.
  const linksKey = JSON.stringify([...lessonTrack].sort());
  const usedRenders = new Map<string, Rendered>();
  const renderCached: RenderFn = async (markdown, file, firstLine, inline) => {
    const key = JSON.stringify([linksKey, file, firstLine, inline, markdown]);
    let rendered = usedRenders.get(key) ?? renderCache.get(key);
    rendered ??= await (inline ? renderInlineMarkdown : renderMarkdown)(markdown, {
      file,
      firstLine,
      resolveLesson,
    });
    usedRenders.set(key, rendered);
    return rendered;
  };

  const lessons = new Map<string, PublicLesson>();
  const exercises = new Map<string, PrivateExercise>();
  const quizzes = new Map<string, PrivateQuestion[]>();
  const sources = new Map<string, LessonSource>();
  const broken = new Map<string, Problem[]>();
  const titles = new Map<string, string>();
  for (const track of rawTracks)
    for (const l of track.lessons) if (l.frontMatter) titles.set(l.id, l.frontMatter.title);

  await Promise.all(
    rawTracks.flatMap((track) =>
      track.lessons.map(async (raw) => {
        const built = raw.frontMatter
          ? await buildLesson(raw, raw.frontMatter, track, resolveLesson, renderCached, titles)
          : null;
        if (raw.problems.some((p) => FATAL_RULES.has(p.rule)) || !built) {
          broken.set(raw.id, raw.problems);
          return;
        }
        lessons.set(raw.id, built.lesson);
        if (built.exercise) exercises.set(raw.id, built.exercise);
        quizzes.set(raw.id, built.quiz);
        sources.set(raw.id, {
          id: raw.id,
          trackId: track.id,
          dir: raw.dir,
          file: raw.file,
          bodyLine: raw.bodyFirstLine,
          lineOf: raw.yaml.lineOf,
        });
      }),
    ),
  );

  const tracks: TrackSummary[] = [];
  for (const track of rawTracks) {
    if (!track.data) continue;
    const loaded = track.data.lessons.map((id) => lessons.get(id)).filter((l) => l !== undefined);
    loaded.forEach((lesson, i) => {
      const ref = (l: PublicLesson | undefined): LessonRef | null =>
        l ? { id: l.id, title: l.title, href: l.href } : null;
      lesson.previous = ref(loaded[i - 1]);
      lesson.next = ref(loaded[i + 1]);
    });
    tracks.push({
      id: track.data.id,
      title: track.data.title,
      description: track.data.description,
      order: track.data.order,
      href: `/learn/${track.data.id}`,
      lessons: loaded.map(toSummary),
    });
  }
  tracks.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

  renderCache = usedRenders;
  for (const track of rawTracks) for (const lesson of track.lessons) problems.push(...lesson.problems);
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { root, tracks, lessons, exercises, quizzes, sources, problems, broken };
}

export function lessonHref(trackId: string, lessonId: string): string {
  return `/learn/${trackId}/${lessonId}`;
}

function toSummary(lesson: PublicLesson) {
  const { id, trackId, title, summary, minutes, tags, prerequisites, href, quizQuestions } = lesson;
  const exercise = lesson.exercise
    ? { kind: lesson.exercise.kind, title: lesson.exercise.title, stageCount: lesson.exercise.stages.length }
    : null;
  return { id, trackId, title, summary, minutes, tags, prerequisites, href, exercise, quizQuestions };
}

// ---------------------------------------------------------------------------------------------
// Phase 2: exercise files, Markdown, quiz

type Resolve = (id: string) => string | undefined;

async function buildLesson(
  raw: RawLesson,
  fm: LessonFrontMatter,
  track: RawTrack,
  resolveLesson: Resolve,
  renderCached: RenderFn,
  titles: Map<string, string>,
): Promise<{ lesson: PublicLesson; exercise: PrivateExercise | null; quiz: PrivateQuestion[] } | null> {
  const { file, yaml } = raw;
  const render = async (markdown: string, line: number, inline = false) => {
    const rendered = await renderCached(markdown, file, line, inline);
    raw.problems.push(...rendered.problems);
    return rendered;
  };

  const prose = await render(raw.body, raw.bodyFirstLine);
  if (raw.body.trim() === "") {
    raw.problems.push({
      rule: "schema",
      file,
      line: raw.bodyFirstLine,
      message: "lesson.md has no prose after the front matter",
    });
  }

  fm.prerequisites.forEach((id, i) => {
    if (!resolveLesson(id)) {
      raw.problems.push({
        rule: "missing-prerequisite",
        file,
        line: yaml.lineOf(["prerequisites", i]),
        message: `prerequisite "${id}" is not a lesson`,
      });
    } else if (id === fm.id) {
      raw.problems.push({
        rule: "missing-prerequisite",
        file,
        line: yaml.lineOf(["prerequisites", i]),
        message: "a lesson cannot be its own prerequisite",
      });
    }
  });

  // Quiz: public questions and choice texts; private answers and explanations.
  const publicQuiz: PublicQuestion[] = [];
  const privateQuiz: PrivateQuestion[] = [];
  const questionIds = new Set<string>();
  for (const [qi, q] of fm.quiz.entries()) {
    const qLine = yaml.lineOf(["quiz", qi]);
    if (questionIds.has(q.id)) {
      raw.problems.push({
        rule: "duplicate-id",
        file,
        line: yaml.lineOf(["quiz", qi, "id"]),
        message: `quiz question id "${q.id}" is used twice`,
      });
    }
    questionIds.add(q.id);
    const right = q.choices.filter((c) => c.correct).length;
    if (!q.multiple && right !== 1) {
      raw.problems.push({
        rule: "quiz-answers",
        file,
        line: qLine,
        message: `quiz question "${q.id}" has ${right} right answers; it needs exactly one (or set multiple: true)`,
      });
    } else if (q.multiple && right < 1) {
      raw.problems.push({
        rule: "quiz-answers",
        file,
        line: qLine,
        message: `quiz question "${q.id}" (multiple: true) has no right answer`,
      });
    }
    const choiceIds = q.choices.map((c, ci) => c.id ?? String.fromCharCode(97 + ci));
    if (new Set(choiceIds).size !== choiceIds.length) {
      raw.problems.push({
        rule: "duplicate-id",
        file,
        line: qLine,
        message: `quiz question "${q.id}" has duplicate choice ids (${choiceIds.join(", ")})`,
      });
    }
    const questionHtml = (await render(q.question, yaml.valueStartLine(["quiz", qi, "question"]), true)).html;
    const choices = await Promise.all(
      q.choices.map(async (c, ci) => ({
        id: choiceIds[ci],
        text: c.text,
        html: (await render(c.text, yaml.valueStartLine(["quiz", qi, "choices", ci, "text"]), true)).html,
        correct: c.correct,
        explanationHtml: c.explain
          ? (await render(c.explain, yaml.valueStartLine(["quiz", qi, "choices", ci, "explain"]), true)).html
          : "",
      })),
    );
    publicQuiz.push({
      id: q.id,
      questionHtml,
      multiple: q.multiple,
      choices: choices.map(({ id, text, html }) => ({ id, text, html })),
    });
    privateQuiz.push({
      id: q.id,
      multiple: q.multiple,
      line: qLine,
      choices: choices.map(({ id, correct, explanationHtml }) => ({ id, correct, explanationHtml })),
    });
  }

  const exercise = await buildExercise(raw, fm, track.id, render);
  const href = lessonHref(track.id, fm.id);
  const lesson: PublicLesson = {
    id: fm.id,
    trackId: track.id,
    trackTitle: track.data?.title ?? track.id,
    title: fm.title,
    summary: fm.summary,
    minutes: fm.minutes,
    tags: fm.tags,
    prerequisites: fm.prerequisites,
    href,
    quizQuestions: fm.quiz.length,
    html: prose.html,
    headings: prose.headings,
    prerequisiteLessons: fm.prerequisites.flatMap((id) => {
      const to = resolveLesson(id);
      return to ? [{ id, title: titles.get(id) ?? id, href: to }] : [];
    }),
    previous: null,
    next: null,
    exercise: exercise ? { ...exercise.public } : null,
    quiz: publicQuiz,
  };
  return { lesson, exercise, quiz: privateQuiz };
}
