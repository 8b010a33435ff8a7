/**
 * Phase 1 of loading lessons: every track.yaml and lesson front matter, read and validated, so
 * lesson links can be resolved before anything is rendered (lib/content/load-content.ts).
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ZodError } from "zod";
import type { Problem } from "./problems.ts";
import { lessonFrontMatterSchema, trackSchema, type LessonFrontMatter, type TrackFile } from "./schema.ts";
import { parseYaml, type YamlSource } from "./yaml-source.ts";

/** Rules that make a lesson unusable; others (a broken link, a quiz typo) are reported but it still loads. */
export const FATAL_RULES = new Set<Problem["rule"]>(["yaml", "schema", "missing-file", "duplicate-id"]);

export interface RawLesson {
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

export interface RawTrack {
  id: string;
  dir: string;
  file: string;
  data: TrackFile | null;
  yaml: YamlSource | null;
  lessons: RawLesson[];
}

// ---------------------------------------------------------------------------------------------
// Phase 1: tracks and front matter

export async function listDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
    .map((e) => e.name)
    .sort();
}

export async function readTracks(root: string, problems: Problem[]): Promise<RawTrack[]> {
  const tracks: RawTrack[] = [];
  for (const name of await listDirs(root)) {
    const dir = path.join(root, name);
    const file = path.join(dir, "track.yaml");
    const track: RawTrack = { id: name, dir, file, data: null, yaml: null, lessons: [] };
    tracks.push(track);
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) {
      problems.push({
        rule: "missing-file",
        file,
        line: 1,
        message: `track folder "${name}" has no track.yaml`,
      });
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
        problems.push({
          rule: "schema",
          file,
          line: yaml.lineOf(["id"]),
          message: `id "${parsed.data.id}" must equal the folder name "${name}"`,
        });
      } else {
        track.data = parsed.data;
      }
    }

    const folders = await listDirs(dir);
    if (track.data) {
      const seen = new Set<string>();
      track.data.lessons.forEach((id, i) => {
        if (seen.has(id)) {
          problems.push({
            rule: "duplicate-id",
            file,
            line: yaml.lineOf(["lessons", i]),
            message: `lesson "${id}" is listed twice`,
          });
        }
        seen.add(id);
        if (!folders.includes(id)) {
          problems.push({
            rule: "missing-file",
            file,
            line: yaml.lineOf(["lessons", i]),
            message: `lesson "${id}" is listed but ${name}/${id}/lesson.md does not exist`,
          });
        }
      });
    }
    for (const folder of folders) {
      const lesson = await readLessonFrontMatter(path.join(dir, folder), folder, name);
      if (track.data && !track.data.lessons.includes(folder)) {
        lesson.problems.push({
          rule: "schema",
          file: lesson.file,
          line: 1,
          message: `lesson "${folder}" is not listed in ${name}/track.yaml (lessons:)`,
        });
      }
      track.lessons.push(lesson);
    }
  }
  return tracks;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export async function readLessonFrontMatter(dir: string, id: string, trackId: string): Promise<RawLesson> {
  const file = path.join(dir, "lesson.md");
  const raw: RawLesson = {
    id,
    trackId,
    dir,
    file,
    yaml: parseYaml("", file),
    frontMatter: null,
    body: "",
    bodyFirstLine: 1,
    problems: [],
  };
  const text = await readFile(file, "utf8").catch(() => null);
  if (text === null) {
    raw.problems.push({
      rule: "missing-file",
      file,
      line: 1,
      message: `lesson folder "${id}" has no lesson.md`,
    });
    return raw;
  }
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    raw.problems.push({
      rule: "schema",
      file,
      line: 1,
      message: "lesson.md must start with YAML front matter between two --- lines",
    });
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
    raw.problems.push({
      rule: "schema",
      file,
      line: raw.yaml.lineOf(["id"]),
      message: `id "${parsed.data.id}" must equal the folder name "${id}"`,
    });
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
        problems.push({
          rule: "schema",
          file,
          line: yaml.lineOf([...issue.path, key]),
          message: `unknown key "${where}"`,
        });
      }
    } else {
      problems.push({
        rule: "schema",
        file,
        line: yaml.lineOf(issue.path),
        message: `${at}: ${issue.message}`,
      });
    }
  }
  return problems;
}

/**
 * Prerequisites must form no cycle, or no learner could ever start those lessons. Reports each cycle
 * once, at the prerequisite entry that closes it.
 */
export function reportPrerequisiteCycles(lessons: RawLesson[]): void {
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
