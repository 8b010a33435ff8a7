/**
 * Reads a lessons folder into typed, rendered objects, collecting every problem with its file and
 * line instead of stopping at the first. The only code that reads lessons/ (with lessons-check).
 *
 * Layout and rules: lessons/README.md. Phase 1 reads every track.yaml and lesson front matter (so
 * lesson links can be resolved); phase 2 reads exercise files and renders Markdown.
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ZodError } from "zod";
import { renderInlineMarkdown, renderMarkdown, type Rendered } from "./markdown.ts";
import type { ExerciseFile, Mistake, ModuleVariant, PrivateExercise, PrivateQuestion, PrivateStage } from "./private-types.ts";
import type { Problem } from "./problems.ts";
import type { LessonRef, PublicExercise, PublicLesson, PublicQuestion, PublicStage, TrackSummary } from "./public-types.ts";
import {
  lessonFrontMatterSchema,
  trackSchema,
  type ExerciseFrontMatter,
  type LessonFrontMatter,
  type TrackFile,
} from "./schema.ts";
import { parseYaml, type YamlSource } from "./yaml-source.ts";

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

/** Rules that make a lesson unusable; others (a broken link, a quiz typo) are reported but it still loads. */
const FATAL_RULES = new Set<Problem["rule"]>(["yaml", "schema", "missing-file", "duplicate-id"]);

interface RawLesson {
  id: string;
  trackId: string;
  dir: string;
  file: string;
  yaml: YamlSource;
  frontMatter: LessonFrontMatter | null;
  body: string;
  bodyFirstLine: number;
  problems: Problem[];
}

interface RawTrack {
  id: string;
  dir: string;
  file: string;
  data: TrackFile | null;
  yaml: YamlSource | null;
  lessons: RawLesson[];
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
    rendered ??= await (inline ? renderInlineMarkdown : renderMarkdown)(markdown, { file, firstLine, resolveLesson });
    usedRenders.set(key, rendered);
    return rendered;
  };

  const lessons = new Map<string, PublicLesson>();
  const exercises = new Map<string, PrivateExercise>();
  const quizzes = new Map<string, PrivateQuestion[]>();
  const sources = new Map<string, LessonSource>();
  const broken = new Map<string, Problem[]>();
  const titles = new Map<string, string>();
  for (const track of rawTracks) for (const l of track.lessons) if (l.frontMatter) titles.set(l.id, l.frontMatter.title);

  await Promise.all(
    rawTracks.flatMap((track) =>
      track.lessons.map(async (raw) => {
        const built = raw.frontMatter ? await buildLesson(raw, raw.frontMatter, track, resolveLesson, renderCached, titles) : null;
        if (raw.problems.some((p) => FATAL_RULES.has(p.rule)) || !built) {
          broken.set(raw.id, raw.problems);
          return;
        }
        lessons.set(raw.id, built.lesson);
        if (built.exercise) exercises.set(raw.id, built.exercise);
        quizzes.set(raw.id, built.quiz);
        sources.set(raw.id, { id: raw.id, trackId: track.id, dir: raw.dir, file: raw.file, bodyLine: raw.bodyFirstLine, lineOf: raw.yaml.lineOf });
      }),
    ),
  );

  const tracks: TrackSummary[] = [];
  for (const track of rawTracks) {
    if (!track.data) continue;
    const loaded = track.data.lessons.map((id) => lessons.get(id)).filter((l) => l !== undefined);
    loaded.forEach((lesson, i) => {
      const ref = (l: PublicLesson | undefined): LessonRef | null => (l ? { id: l.id, title: l.title, href: l.href } : null);
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
  const exercise = lesson.exercise ? { kind: lesson.exercise.kind, title: lesson.exercise.title, stageCount: lesson.exercise.stages.length } : null;
  return { id, trackId, title, summary, minutes, tags, prerequisites, href, exercise, quizQuestions };
}

// ---------------------------------------------------------------------------------------------
// Phase 1: tracks and front matter

async function listDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
    .map((e) => e.name)
    .sort();
}

async function readTracks(root: string, problems: Problem[]): Promise<RawTrack[]> {
  const tracks: RawTrack[] = [];
  for (const name of await listDirs(root)) {
    const dir = path.join(root, name);
    const file = path.join(dir, "track.yaml");
    const track: RawTrack = { id: name, dir, file, data: null, yaml: null, lessons: [] };
    tracks.push(track);
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) {
      problems.push({ rule: "missing-file", file, line: 1, message: `track folder "${name}" has no track.yaml` });
      continue;
    }
    const yaml = parseYaml(text, file);
    track.yaml = yaml;
    problems.push(...yaml.problems);
    if (yaml.data !== undefined) {
      const parsed = trackSchema.safeParse(yaml.data);
      if (!parsed.success) {
        problems.push(...zodProblems(parsed.error, yaml, file));
      } else if (parsed.data.id !== name) {
        problems.push({ rule: "schema", file, line: yaml.lineOf(["id"]), message: `id "${parsed.data.id}" must equal the folder name "${name}"` });
      } else {
        track.data = parsed.data;
      }
    }

    const folders = await listDirs(dir);
    if (track.data) {
      const seen = new Set<string>();
      track.data.lessons.forEach((id, i) => {
        if (seen.has(id)) {
          problems.push({ rule: "duplicate-id", file, line: yaml.lineOf(["lessons", i]), message: `lesson "${id}" is listed twice` });
        }
        seen.add(id);
        if (!folders.includes(id)) {
          problems.push({ rule: "missing-file", file, line: yaml.lineOf(["lessons", i]), message: `lesson "${id}" is listed but ${name}/${id}/lesson.md does not exist` });
        }
      });
    }
    for (const folder of folders) {
      const lesson = await readLessonFrontMatter(path.join(dir, folder), folder, name);
      if (track.data && !track.data.lessons.includes(folder)) {
        lesson.problems.push({ rule: "schema", file: lesson.file, line: 1, message: `lesson "${folder}" is not listed in ${name}/track.yaml (lessons:)` });
      }
      track.lessons.push(lesson);
    }
  }
  return tracks;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

async function readLessonFrontMatter(dir: string, id: string, trackId: string): Promise<RawLesson> {
  const file = path.join(dir, "lesson.md");
  const raw: RawLesson = { id, trackId, dir, file, yaml: parseYaml("", file), frontMatter: null, body: "", bodyFirstLine: 1, problems: [] };
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) {
    raw.problems.push({ rule: "missing-file", file, line: 1, message: `lesson folder "${id}" has no lesson.md` });
    return raw;
  }
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    raw.problems.push({ rule: "schema", file, line: 1, message: "lesson.md must start with YAML front matter between two --- lines" });
    return raw;
  }
  raw.yaml = parseYaml(match[1], file, 2);
  raw.body = text.slice(match[0].length);
  raw.bodyFirstLine = match[0].split("\n").length;
  raw.problems.push(...raw.yaml.problems);
  if (raw.yaml.data === undefined) return raw;
  const parsed = lessonFrontMatterSchema.safeParse(raw.yaml.data ?? {});
  if (!parsed.success) {
    raw.problems.push(...zodProblems(parsed.error, raw.yaml, file));
    return raw;
  }
  if (parsed.data.id !== id) {
    raw.problems.push({ rule: "schema", file, line: raw.yaml.lineOf(["id"]), message: `id "${parsed.data.id}" must equal the folder name "${id}"` });
    return raw;
  }
  raw.frontMatter = parsed.data;
  return raw;
}

/** One problem per zod issue, on the line of the offending key (each unknown key on its own line). */
export function zodProblems(error: ZodError, yaml: YamlSource, file: string): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const at = issue.path.length ? issue.path.map(String).join(".") : "(top level)";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const where = [...issue.path, key].map(String).join(".");
        problems.push({ rule: "schema", file, line: yaml.lineOf([...issue.path, key]), message: `unknown key "${where}"` });
      }
    } else {
      problems.push({ rule: "schema", file, line: yaml.lineOf(issue.path), message: `${at}: ${issue.message}` });
    }
  }
  return problems;
}

/**
 * Prerequisites must form no cycle, or no learner could ever start those lessons. Reports each cycle
 * once, at the prerequisite entry that closes it.
 */
function reportPrerequisiteCycles(lessons: RawLesson[]): void {
  const byId = new Map(lessons.filter((l) => l.frontMatter).map((l) => [l.id, l]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (lesson: RawLesson) => {
    state.set(lesson.id, "visiting");
    path.push(lesson.id);
    lesson.frontMatter!.prerequisites.forEach((id, i) => {
      const next = byId.get(id);
      if (!next || id === lesson.id) return; // missing-prerequisite reports these
      if (state.get(id) === "visiting") {
        const cycle = [...path.slice(path.indexOf(id)), id].join(" -> ");
        lesson.problems.push({
          rule: "prerequisite-cycle",
          file: lesson.file,
          line: lesson.yaml.lineOf(["prerequisites", i]),
          message: `prerequisites form a cycle: ${cycle}`,
        });
      } else if (!state.has(id)) {
        visit(next);
      }
    });
    path.pop();
    state.set(lesson.id, "done");
  };
  for (const lesson of byId.values()) if (!state.has(lesson.id)) visit(lesson);
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
    raw.problems.push({ rule: "schema", file, line: raw.bodyFirstLine, message: "lesson.md has no prose after the front matter" });
  }

  fm.prerequisites.forEach((id, i) => {
    if (!resolveLesson(id)) {
      raw.problems.push({ rule: "missing-prerequisite", file, line: yaml.lineOf(["prerequisites", i]), message: `prerequisite "${id}" is not a lesson` });
    } else if (id === fm.id) {
      raw.problems.push({ rule: "missing-prerequisite", file, line: yaml.lineOf(["prerequisites", i]), message: "a lesson cannot be its own prerequisite" });
    }
  });

  // Quiz: public questions and choice texts; private answers and explanations.
  const publicQuiz: PublicQuestion[] = [];
  const privateQuiz: PrivateQuestion[] = [];
  const questionIds = new Set<string>();
  for (const [qi, q] of fm.quiz.entries()) {
    const qLine = yaml.lineOf(["quiz", qi]);
    if (questionIds.has(q.id)) {
      raw.problems.push({ rule: "duplicate-id", file, line: yaml.lineOf(["quiz", qi, "id"]), message: `quiz question id "${q.id}" is used twice` });
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
      raw.problems.push({ rule: "quiz-answers", file, line: qLine, message: `quiz question "${q.id}" (multiple: true) has no right answer` });
    }
    const choiceIds = q.choices.map((c, ci) => c.id ?? String.fromCharCode(97 + ci));
    if (new Set(choiceIds).size !== choiceIds.length) {
      raw.problems.push({ rule: "duplicate-id", file, line: qLine, message: `quiz question "${q.id}" has duplicate choice ids (${choiceIds.join(", ")})` });
    }
    const questionHtml = (await render(q.question, yaml.valueStartLine(["quiz", qi, "question"]), true)).html;
    const choices = await Promise.all(
      q.choices.map(async (c, ci) => ({
        id: choiceIds[ci],
        text: c.text,
        html: (await render(c.text, yaml.valueStartLine(["quiz", qi, "choices", ci, "text"]), true)).html,
        correct: c.correct,
        explanationHtml: c.explain ? (await render(c.explain, yaml.valueStartLine(["quiz", qi, "choices", ci, "explain"]), true)).html : "",
      })),
    );
    publicQuiz.push({ id: q.id, questionHtml, multiple: q.multiple, choices: choices.map(({ id, text, html }) => ({ id, text, html })) });
    privateQuiz.push({ id: q.id, multiple: q.multiple, line: qLine, choices: choices.map(({ id, correct, explanationHtml }) => ({ id, correct, explanationHtml })) });
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

/** Code with comments and whitespace removed, to spot copies (a rough lexer: good enough to compare files). */
function normalizeCode(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "").replace(/\s+/g, "");
}

type Render = (markdown: string, line: number, inline?: boolean) => Promise<{ html: string }>;

/**
 * Which files each exercise kind has, by convention (ext: ".ts" / ".js" by language, ".sql" for sql).
 * `special`: folders read by their own rules (multi-file exercises: starter/, solution/, stages/,
 * and mistakes/ whose entries are folders of files).
 */
function fileLayout(kind: ExerciseFrontMatter["kind"] | undefined, ext: string, multi: boolean) {
  const none: string[] = [];
  if (multi) {
    const tests = kind === "project" ? [] : [`example.test${ext}`, `hidden.test${ext}`, ...(kind === "security" ? [`attacks.test${ext}`] : [])];
    const special = kind === "project" ? ["starter", "stages"] : ["starter", "solution", "mistakes"];
    return { required: tests, optional: [] as RegExp[], dirs: { support: ext } as Record<string, string>, special };
  }
  switch (kind) {
    case "function":
    case "handler":
      return { required: [`starter${ext}`, `solution${ext}`, `example.test${ext}`, `hidden.test${ext}`], optional: [] as RegExp[], dirs: { mistakes: ext, support: ext, seeds: ".sql" } as Record<string, string>, special: none };
    case "security":
      return { required: [`starter${ext}`, `solution${ext}`, `example.test${ext}`, `hidden.test${ext}`, `attacks.test${ext}`], optional: [], dirs: { mistakes: ext, support: ext, seeds: ".sql" }, special: none };
    case "tests":
      return { required: [`starter.test${ext}`, `solution.test${ext}`, `module${ext}`], optional: [], dirs: { mutants: ext, equivalents: ext, mistakes: `.test${ext}`, support: ext }, special: none };
    case "sql":
      return { required: ["starter.sql", "solution.sql", "seed.sql"], optional: [/^hidden-seed[a-z0-9-]*\.sql$/, /^(hidden-)?probes[a-z0-9-]*\.sql$/, /^(hidden-)?plans[a-z0-9-]*\.sql$/], dirs: { mistakes: ".sql" }, special: none };
    default:
      return { required: [], optional: [], dirs: {}, special: none };
  }
}

type ProblemFn = (rule: Problem["rule"], file: string, line: number, message: string) => void;

/**
 * Reads a folder that holds learner files (starter/, solution/, a mistake's folder). `complete`:
 * every file of `names` must be there (a mistake lists only the files it changes). Returns the files
 * in `names` order, or null when the folder is missing or incomplete (problems are reported).
 */
async function readFileSet(dir: string, names: string[], complete: boolean, what: string, problem: ProblemFn): Promise<ExerciseFile[] | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) {
    problem("missing-file", dir, 1, `${what} needs the folder ${path.basename(dir)}/ with ${names.join(", ")}`);
    return null;
  }
  const found = new Map<string, ExerciseFile>();
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isFile() && names.includes(entry.name)) found.set(entry.name, { name: entry.name, file: full, source: await readFile(full, "utf8") });
    else problem("unexpected-file", full, 1, `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}" in ${what}: the learner's files are ${names.join(", ")} (exercise.files)`);
  }
  let ok = true;
  if (complete) {
    for (const name of names) {
      if (!found.has(name)) {
        problem("missing-file", path.join(dir, name), 1, `${what} is missing ${name}: it must have every file of exercise.files`);
        ok = false;
      }
    }
  } else if (found.size === 0) {
    problem("missing-file", dir, 1, `${what} has none of the learner's files (${names.join(", ")})`);
    ok = false;
  }
  return ok ? names.filter((n) => found.has(n)).map((n) => found.get(n)!) : null;
}

/** Reads mistakes/<name>/ folders: each one's files replace the reference solution's. */
async function readFileMistakes(dir: string, names: string[], stage: number | undefined, problem: ProblemFn): Promise<Mistake[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return [];
  const mistakes: Mistake[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory() || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.name)) {
      problem("unexpected-file", full, 1, `unexpected ${entry.isDirectory() ? "folder" : "file"} in mistakes/: a multi-file exercise's mistake is a kebab-case folder holding the learner files it changes`);
      continue;
    }
    const files = await readFileSet(full, names, false, `mistake "${entry.name}"`, problem);
    if (files) mistakes.push({ name: entry.name, file: files[0]!.file, source: "", files, ...(stage ? { stage } : {}) });
  }
  return mistakes;
}

async function buildExercise(raw: RawLesson, fm: LessonFrontMatter, trackId: string, render: Render): Promise<PrivateExercise | null> {
  const { dir, file: lessonFile, yaml } = raw;
  const ex = fm.exercise;
  const ext = ex?.kind === "sql" ? ".sql" : `.${ex?.language ?? "ts"}`;
  const multi = ex?.files !== undefined;
  const layout = fileLayout(ex?.kind, ext, multi);
  const problem: ProblemFn = (rule, file, line, message) => raw.problems.push({ rule, file, line, message });

  // Every file in the folder must be one the layout knows: a typo (hiden.test.ts) is not ignored.
  const entries = await readdir(dir, { withFileTypes: true });
  const files = new Map<string, ExerciseFile>();
  const folders = new Map<string, ExerciseFile[]>();
  const variantDirs: { folder: string; name: string; dir: string }[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name === "lesson.md" || entry.name.startsWith(".")) continue;
    if (entry.isDirectory() && layout.special.includes(entry.name)) continue;
    if (entry.isDirectory() && entry.name in layout.dirs) {
      const want = layout.dirs[entry.name];
      const inner: ExerciseFile[] = [];
      // A tests exercise's module may span files (module + support/): a mutant or an equivalent can
      // then be a folder holding the files it replaces.
      const variantFolders = ex?.kind === "tests" && (entry.name === "mutants" || entry.name === "equivalents");
      for (const sub of (await readdir(full, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        const subFull = path.join(full, sub.name);
        if (sub.isFile() && sub.name.endsWith(want) && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sub.name.slice(0, -want.length))) {
          inner.push({ name: sub.name.slice(0, -want.length), file: subFull, source: await readFile(subFull, "utf8") });
        } else if (variantFolders && sub.isDirectory() && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sub.name)) {
          variantDirs.push({ folder: entry.name, name: sub.name, dir: subFull });
        } else if (!sub.name.startsWith(".")) {
          problem("unexpected-file", subFull, 1, `unexpected file in ${entry.name}/: expected kebab-case <name>${want}`);
        }
      }
      folders.set(entry.name, inner);
    } else if (entry.isFile() && (layout.required.includes(entry.name) || layout.optional.some((re) => re.test(entry.name)))) {
      files.set(entry.name, { name: entry.name, file: full, source: await readFile(full, "utf8") });
    } else {
      const why = ex ? `not part of a ${ex.kind} exercise${ex.kind === "sql" ? "" : ` in ${ex.language}`}` : "this lesson has no exercise in its front matter";
      problem("unexpected-file", full, 1, `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}": ${why} (see lessons/README.md)`);
    }
  }
  if (!ex) return null;

  for (const name of layout.required) {
    if (!files.has(name)) problem("missing-file", path.join(dir, name), 1, `${ex.kind} exercise needs ${name} (lesson ${fm.id})`);
  }
  const multiFile = ex.files ? await readMultiFile(raw, ex, ext, render, problem) : null;

  const support = (folders.get("support") ?? []).map((s) => ({ ...s, name: s.name }));
  const moduleSource = files.get(`module${ext}`)?.source ?? "";
  // Folder variants (tests exercises): module<ext> and support files it replaces, the rest kept.
  const fromFolders = new Map<string, ModuleVariant[]>();
  for (const v of variantDirs) {
    const variant: ModuleVariant = { name: v.name, file: v.dir, source: moduleSource };
    const modules: Record<string, string> = {};
    for (const sub of (await readdir(v.dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (sub.name.startsWith(".")) continue;
      const subFull = path.join(v.dir, sub.name);
      const stem = sub.isFile() && sub.name.endsWith(ext) ? sub.name.slice(0, -ext.length) : null;
      if (stem === "module") {
        variant.source = await readFile(subFull, "utf8");
        variant.file = subFull;
      } else if (stem !== null && support.some((s) => s.name === stem)) {
        modules[`./${stem}`] = await readFile(subFull, "utf8");
        if (variant.file === v.dir) variant.file = subFull;
      } else {
        problem("unexpected-file", subFull, 1, `unexpected ${sub.isDirectory() ? "folder" : "file"} in ${v.folder}/${v.name}/: it may hold module${ext} and files of support/ (${support.map((s) => `${s.name}${ext}`).join(", ") || "there are none"}) that it replaces`);
      }
    }
    if (Object.keys(modules).length) variant.modules = modules;
    else if (variant.source === moduleSource) problem("schema", v.dir, 1, `${v.folder}/${v.name}/ replaces nothing: put module${ext} or a support file with a change in it`);
    fromFolders.set(v.folder, [...(fromFolders.get(v.folder) ?? []), variant]);
  }
  const mutantFiles: ModuleVariant[] = [...(folders.get("mutants") ?? []), ...(fromFolders.get("mutants") ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const descriptions = ex.mutants ?? {};
  const mutants = mutantFiles.map((m) => {
    if (!descriptions[m.name]) problem("schema", m.file, 1, `mutant "${m.name}" has no description under exercise.mutants in lesson.md`);
    return { ...m, description: descriptions[m.name] ?? m.name };
  });
  for (const [name, description] of Object.entries(descriptions)) {
    // Learners read it inside a sentence: "all your tests pass on code where <description>".
    if (/^[A-Z][a-z]/.test(description) || /[.!]\s*$/.test(description)) {
      problem("schema", lessonFile, yaml.lineOf(["exercise", "mutants", name]), `mutant "${name}": the description is shown as "your tests pass on code where <description>": start it in lower case and end it without a full stop`);
    }
    if (!mutantFiles.some((m) => m.name === name)) {
      problem("missing-file", lessonFile, yaml.lineOf(["exercise", "mutants", name]), `exercise.mutants names "${name}" but mutants/${name}${ext} does not exist`);
    }
  }
  if (ex.kind === "tests" && mutantFiles.length === 0) {
    problem("missing-file", path.join(dir, "mutants"), 1, `tests exercise needs at least one mutant in mutants/<name>${ext}`);
  }
  const equivalents: ModuleVariant[] = [...(folders.get("equivalents") ?? []), ...(fromFolders.get("equivalents") ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  // The whole code of a variant (module and replaced files), to spot copies.
  const codeOf = (v: ModuleVariant) => normalizeCode([v.source, ...Object.entries(v.modules ?? {}).flat()].join("\n"));
  const original: ModuleVariant = { name: `module${ext}`, file: "", source: moduleSource };
  for (const e of equivalents) {
    // Why: an equivalent is only worth its run if its code differs from module.ext (and from the
    // other equivalents); a copy cannot tell a behaviour test from one that recognizes the code.
    const same = [original, ...equivalents.filter((o) => o !== e && o.name < e.name)].find((o) => codeOf(o) === codeOf(e));
    if (same) problem("schema", e.file, 1, `equivalent "${e.name}" is a copy of ${same === original ? `module${ext}` : `equivalents/${same.name}`}: write a different implementation with the same behaviour`);
    const twin = mutantFiles.find((m) => codeOf(m) === codeOf(e));
    if (twin) problem("schema", e.file, 1, `equivalent "${e.name}" is the same code as mutant "${twin.name}"`);
  }
  for (const s of support) {
    if (s.name === "solution") problem("schema", s.file, 1, `support module cannot be named "solution": tests import the learner's code as "./solution"`);
    if (s.name === "reference") problem("schema", s.file, 1, `support module cannot be named "reference": tests import the reference solution as "./reference"`);
    if (ex.files?.includes(`${s.name}${ext}`)) problem("schema", s.file, 1, `support module "${s.name}" has the name of a learner file (exercise.files): imports of "./${s.name}" would be ambiguous`);
  }

  const seeds = folders.get("seeds") ?? [];
  if (ex.database) {
    if (seeds.length === 0) {
      problem("missing-file", path.join(dir, "seeds"), 1, `exercise.database needs seed files: seeds/${ex.database.seed}.sql (schema and rows)`);
    } else if (!seeds.some((s) => s.name === ex.database!.seed)) {
      problem("missing-file", lessonFile, yaml.lineOf(["exercise", "database", "seed"]), `exercise.database.seed is "${ex.database.seed}" but seeds/${ex.database.seed}.sql does not exist (seeds: ${seeds.map((s) => s.name).join(", ")})`);
    }
  } else if (folders.has("seeds")) {
    problem("unexpected-file", path.join(dir, "seeds"), 1, "seeds/ is only used with `exercise.database: { seed: <name> }` in lesson.md");
  }

  const instructionsHtml = (await render(ex.instructions, yaml.valueStartLine(["exercise", "instructions"]))).html;
  const hints = await Promise.all(
    ex.hints.map(async (markdown, i) => ({ markdown, html: (await render(markdown, yaml.valueStartLine(["exercise", "hints", i]))).html })),
  );
  // Every other problem of the lesson is reported above; without its required files it cannot be graded.
  if (layout.required.some((name) => !files.has(name))) return null;
  if (multiFile && !multiFile.complete) return null;
  const need = (name: string) => files.get(name)!;
  const folderStandIn = (folder: string): ExerciseFile => ({ name: folder, file: path.join(dir, folder), source: "" });

  const codeKind = ex.kind === "function" || ex.kind === "handler" || ex.kind === "security";
  const rootTests = codeKind && !!multiFile === multi;
  const starterName = ex.kind === "tests" ? `starter.test${ext}` : `starter${ext}`;
  const solutionName = ex.kind === "tests" ? `solution.test${ext}` : `solution${ext}`;
  const sql = ex.sql ? (ex.sql.compare === "rows" ? { compare: "rows" as const, ordered: ex.sql.ordered } : { compare: "tables" as const, tables: ex.sql.tables }) : null;
  const asPublic = (f: ExerciseFile) => ({ name: f.name, source: f.source });
  const exampleTests = rootTests ? [need(`example.test${ext}`)] : [];
  const seed = ex.kind === "sql" ? need("seed.sql") : null;
  const byName = (re: RegExp) => [...files.values()].filter((f) => re.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  const probes = ex.kind === "sql" ? byName(/^(hidden-)?probes/) : [];
  const plans = ex.kind === "sql" ? byName(/^(hidden-)?plans/) : [];
  const moduleFile = ex.kind === "tests" ? { ...need(`module${ext}`), name: `solution${ext}` } : null;

  const publicExercise: PublicExercise = {
    id: fm.id,
    kind: ex.kind,
    language: ex.kind === "sql" ? "sql" : ex.language,
    title: ex.title,
    instructionsHtml,
    fileName: multiFile ? multiFile.starter[0]!.name : solutionName,
    starter: multiFile ? multiFile.starter[0]!.source : need(starterName).source,
    files: multiFile ? multiFile.starter.map(asPublic) : null,
    stages: multiFile?.publicStages ?? [],
    exampleTests: exampleTests.map(asPublic),
    support: support.map((s) => ({ name: `${s.name}${ext}`, source: s.source })),
    module: moduleFile ? asPublic(moduleFile) : null,
    seed: seed ? seed.source : null,
    sql,
    sqlChecks: [...probes, ...plans].filter((f) => !f.name.startsWith("hidden-")).map(asPublic),
    database: ex.database ? { seed: ex.database.seed, seeds: seeds.map((s) => ({ name: `${s.name}.sql`, source: s.source })) } : null,
    hintCount: hints.length,
    revealSolutionAfter: ex.revealSolutionAfter,
  };

  return {
    id: fm.id,
    trackId,
    kind: ex.kind,
    language: ex.language,
    dir,
    lessonFile,
    public: publicExercise,
    starter: multiFile ? folderStandIn("starter") : need(starterName),
    solution: multiFile ? folderStandIn(ex.kind === "project" ? "stages" : "solution") : need(solutionName),
    files: ex.files ?? null,
    starterFiles: multiFile?.starter ?? [],
    solutionFiles: multiFile?.solution ?? [],
    stages: multiFile?.stages ?? [],
    exampleTests,
    hiddenTests: rootTests ? [need(`hidden.test${ext}`)] : [],
    attackTests: ex.kind === "security" ? [need(`attacks.test${ext}`)] : [],
    support,
    module: moduleFile,
    mutants,
    equivalents,
    seed,
    hiddenSeeds: [...files.values()].filter((f) => f.name.startsWith("hidden-seed")).sort((a, b) => a.name.localeCompare(b.name)),
    sql,
    database: ex.database ? { seed: ex.database.seed, seeds } : null,
    probes,
    plans,
    mistakes: multiFile ? multiFile.mistakes : (folders.get("mistakes") ?? []),
    hints,
    limits: ex.limits ?? {},
    revealSolutionAfter: ex.revealSolutionAfter,
  };
}

interface MultiFile {
  /** False when a required file is missing: the lesson is reported but cannot be graded. */
  complete: boolean;
  starter: ExerciseFile[];
  solution: ExerciseFile[];
  stages: PrivateStage[];
  publicStages: PublicStage[];
  mistakes: Mistake[];
}

/**
 * The multi-file parts of an exercise: starter/ and solution/ (every file of exercise.files),
 * mistakes/<name>/ (the files a wrong answer changes), and for projects stages/<id>/ with each
 * stage's tests, reference solution and mistakes, in the order of exercise.stages.
 */
async function readMultiFile(raw: RawLesson, ex: ExerciseFrontMatter, ext: string, render: Render, problem: ProblemFn): Promise<MultiFile> {
  const names = ex.files!;
  const dir = raw.dir;
  const starter = await readFileSet(path.join(dir, "starter"), names, true, "the starter", problem);
  const out: MultiFile = { complete: starter !== null, starter: starter ?? [], solution: [], stages: [], publicStages: [], mistakes: [] };
  if (ex.kind !== "project") {
    const solution = await readFileSet(path.join(dir, "solution"), names, true, "the reference solution", problem);
    if (!solution) out.complete = false;
    out.solution = solution ?? [];
    out.mistakes = await readFileMistakes(path.join(dir, "mistakes"), names, undefined, problem);
    return out;
  }

  const stages = ex.stages ?? [];
  const stagesDir = path.join(dir, "stages");
  const folders = (await readdir(stagesDir, { withFileTypes: true }).catch(() => null)) ?? [];
  for (const entry of folders) {
    if (entry.name.startsWith(".")) continue;
    if (!entry.isDirectory() || !stages.some((s) => s.id === entry.name)) {
      problem("unexpected-file", path.join(stagesDir, entry.name), 1, `"${entry.name}" in stages/ is not a stage of exercise.stages (${stages.map((s) => s.id).join(", ")})`);
    }
  }
  for (const [i, stage] of stages.entries()) {
    const stageDir = path.join(stagesDir, stage.id);
    const index = i + 1;
    const line = raw.yaml.lineOf(["exercise", "stages", i]);
    const entries = await readdir(stageDir, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      problem("missing-file", raw.file, line, `stage ${index} "${stage.id}" needs the folder stages/${stage.id}/ (example.test${ext}, hidden.test${ext}, solution/)`);
      out.complete = false;
      continue;
    }
    const tests = new Map<string, ExerciseFile>();
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(stageDir, entry.name);
      if (entry.isFile() && (entry.name === `example.test${ext}` || entry.name === `hidden.test${ext}`)) {
        // Named per stage, so every stage's tests can run together (earlier stages are regression tests).
        tests.set(entry.name, { name: `${stage.id}.${entry.name}`, file: full, source: await readFile(full, "utf8") });
      } else if (!(entry.isDirectory() && (entry.name === "solution" || entry.name === "mistakes"))) {
        problem("unexpected-file", full, 1, `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}" in stage "${stage.id}": a stage has example.test${ext}, hidden.test${ext}, solution/ and optionally mistakes/`);
      }
    }
    for (const name of [`example.test${ext}`, `hidden.test${ext}`]) {
      if (!tests.has(name)) {
        problem("missing-file", path.join(stageDir, name), 1, `stage ${index} "${stage.id}" needs ${name}`);
        out.complete = false;
      }
    }
    const solution = await readFileSet(path.join(stageDir, "solution"), names, true, `the reference solution of stage "${stage.id}"`, problem);
    if (!solution) out.complete = false;
    out.mistakes.push(...(await readFileMistakes(path.join(stageDir, "mistakes"), names, index, problem)));
    const example = tests.get(`example.test${ext}`);
    const hidden = tests.get(`hidden.test${ext}`);
    out.stages.push({ id: stage.id, index, title: stage.title, dir: stageDir, exampleTests: example ? [example] : [], hiddenTests: hidden ? [hidden] : [], solution: solution ?? [] });
    out.publicStages.push({
      id: stage.id,
      index,
      title: stage.title,
      instructionsHtml: (await render(stage.instructions, raw.yaml.valueStartLine(["exercise", "stages", i, "instructions"]))).html,
      exampleTests: example ? [{ name: example.name, source: example.source }] : [],
    });
  }
  out.solution = out.stages.at(-1)?.solution ?? [];
  return out;
}
