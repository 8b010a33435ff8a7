/**
 * Phase 2 of loading lessons, for one lesson's exercise: which files each kind has, reading them,
 * and the private exercise (hidden tests, solutions, mistakes, stages) built from them
 * (lib/content/load-content.ts).
 */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ExerciseFile, Mistake, ModuleVariant, PrivateExercise, PrivateStage } from "./private-types.ts";
import type { Problem } from "./problems.ts";
import type { PublicExercise, PublicStage } from "./public-types.ts";
import { type ExerciseFrontMatter, type LessonFrontMatter } from "./schema.ts";
import type { RawLesson } from "./read-lessons.ts";

/** Code with comments and whitespace removed, to spot copies (a rough lexer: good enough to compare files). */
export function normalizeCode(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "").replace(/\s+/g, "");
}

export type Render = (markdown: string, line: number, inline?: boolean) => Promise<{ html: string }>;

/**
 * Which files each exercise kind has, by convention (ext: ".ts" / ".js" by language, ".sql" for sql).
 * `special`: folders read by their own rules (multi-file exercises: starter/, solution/, stages/,
 * and mistakes/ whose entries are folders of files).
 */
function fileLayout(kind: ExerciseFrontMatter["kind"] | undefined, ext: string, multi: boolean) {
  const none: string[] = [];
  if (multi) {
    const tests =
      kind === "project"
        ? []
        : [`example.test${ext}`, `hidden.test${ext}`, ...(kind === "security" ? [`attacks.test${ext}`] : [])];
    const special = kind === "project" ? ["starter", "stages"] : ["starter", "solution", "mistakes"];
    return {
      required: tests,
      optional: [] as RegExp[],
      dirs: { support: ext } as Record<string, string>,
      special,
    };
  }
  switch (kind) {
    case "function":
    case "handler":
      return {
        required: [`starter${ext}`, `solution${ext}`, `example.test${ext}`, `hidden.test${ext}`],
        optional: [] as RegExp[],
        dirs: { mistakes: ext, support: ext, seeds: ".sql" } as Record<string, string>,
        special: none,
      };
    case "security":
      return {
        required: [
          `starter${ext}`,
          `solution${ext}`,
          `example.test${ext}`,
          `hidden.test${ext}`,
          `attacks.test${ext}`,
        ],
        optional: [],
        dirs: { mistakes: ext, support: ext, seeds: ".sql" },
        special: none,
      };
    case "tests":
      return {
        required: [`starter.test${ext}`, `solution.test${ext}`, `module${ext}`],
        optional: [],
        dirs: { mutants: ext, equivalents: ext, mistakes: `.test${ext}`, support: ext },
        special: none,
      };
    case "sql":
      return {
        required: ["starter.sql", "solution.sql", "seed.sql"],
        optional: [
          /^hidden-seed[a-z0-9-]*\.sql$/,
          /^(hidden-)?probes[a-z0-9-]*\.sql$/,
          /^(hidden-)?plans[a-z0-9-]*\.sql$/,
        ],
        dirs: { mistakes: ".sql" },
        special: none,
      };
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
async function readFileSet(
  dir: string,
  names: string[],
  complete: boolean,
  what: string,
  problem: ProblemFn,
): Promise<ExerciseFile[] | null> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) {
    problem(
      "missing-file",
      dir,
      1,
      `${what} needs the folder ${path.basename(dir)}/ with ${names.join(", ")}`,
    );
    return null;
  }
  const found = new Map<string, ExerciseFile>();
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isFile() && names.includes(entry.name))
      found.set(entry.name, { name: entry.name, file: full, source: await readFile(full, "utf8") });
    else
      problem(
        "unexpected-file",
        full,
        1,
        `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}" in ${what}: the learner's files are ${names.join(", ")} (exercise.files)`,
      );
  }
  let ok = true;
  if (complete) {
    for (const name of names) {
      if (!found.has(name)) {
        problem(
          "missing-file",
          path.join(dir, name),
          1,
          `${what} is missing ${name}: it must have every file of exercise.files`,
        );
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
async function readFileMistakes(
  dir: string,
  names: string[],
  stage: number | undefined,
  problem: ProblemFn,
): Promise<Mistake[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return [];
  const mistakes: Mistake[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (!entry.isDirectory() || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.name)) {
      problem(
        "unexpected-file",
        full,
        1,
        `unexpected ${entry.isDirectory() ? "folder" : "file"} in mistakes/: a multi-file exercise's mistake is a kebab-case folder holding the learner files it changes`,
      );
      continue;
    }
    const files = await readFileSet(full, names, false, `mistake "${entry.name}"`, problem);
    if (files)
      mistakes.push({
        name: entry.name,
        file: files[0]!.file,
        source: "",
        files,
        ...(stage ? { stage } : {}),
      });
  }
  return mistakes;
}

export async function buildExercise(
  raw: RawLesson,
  fm: LessonFrontMatter,
  trackId: string,
  render: Render,
): Promise<PrivateExercise | null> {
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
      const variantFolders =
        ex?.kind === "tests" && (entry.name === "mutants" || entry.name === "equivalents");
      for (const sub of (await readdir(full, { withFileTypes: true })).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const subFull = path.join(full, sub.name);
        if (
          sub.isFile() &&
          sub.name.endsWith(want) &&
          /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sub.name.slice(0, -want.length))
        ) {
          inner.push({
            name: sub.name.slice(0, -want.length),
            file: subFull,
            source: await readFile(subFull, "utf8"),
          });
        } else if (variantFolders && sub.isDirectory() && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sub.name)) {
          variantDirs.push({ folder: entry.name, name: sub.name, dir: subFull });
        } else if (!sub.name.startsWith(".")) {
          problem(
            "unexpected-file",
            subFull,
            1,
            `unexpected file in ${entry.name}/: expected kebab-case <name>${want}`,
          );
        }
      }
      folders.set(entry.name, inner);
    } else if (
      entry.isFile() &&
      (layout.required.includes(entry.name) || layout.optional.some((re) => re.test(entry.name)))
    ) {
      files.set(entry.name, { name: entry.name, file: full, source: await readFile(full, "utf8") });
    } else {
      const why = ex
        ? `not part of a ${ex.kind} exercise${ex.kind === "sql" ? "" : ` in ${ex.language}`}`
        : "this lesson has no exercise in its front matter";
      problem(
        "unexpected-file",
        full,
        1,
        `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}": ${why} (see lessons/README.md)`,
      );
    }
  }
  if (!ex) return null;

  for (const name of layout.required) {
    if (!files.has(name))
      problem("missing-file", path.join(dir, name), 1, `${ex.kind} exercise needs ${name} (lesson ${fm.id})`);
  }
  const multiFile = ex.files ? await readMultiFile(raw, ex, ext, render, problem) : null;

  const support = (folders.get("support") ?? []).map((s) => ({ ...s, name: s.name }));
  const moduleSource = files.get(`module${ext}`)?.source ?? "";
  // Folder variants (tests exercises): module<ext> and support files it replaces, the rest kept.
  const fromFolders = new Map<string, ModuleVariant[]>();
  for (const v of variantDirs) {
    const variant: ModuleVariant = { name: v.name, file: v.dir, source: moduleSource };
    const modules: Record<string, string> = {};
    for (const sub of (await readdir(v.dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
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
        problem(
          "unexpected-file",
          subFull,
          1,
          `unexpected ${sub.isDirectory() ? "folder" : "file"} in ${v.folder}/${v.name}/: it may hold module${ext} and files of support/ (${support.map((s) => `${s.name}${ext}`).join(", ") || "there are none"}) that it replaces`,
        );
      }
    }
    if (Object.keys(modules).length) variant.modules = modules;
    else if (variant.source === moduleSource)
      problem(
        "schema",
        v.dir,
        1,
        `${v.folder}/${v.name}/ replaces nothing: put module${ext} or a support file with a change in it`,
      );
    fromFolders.set(v.folder, [...(fromFolders.get(v.folder) ?? []), variant]);
  }
  const mutantFiles: ModuleVariant[] = [
    ...(folders.get("mutants") ?? []),
    ...(fromFolders.get("mutants") ?? []),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const descriptions = ex.mutants ?? {};
  const mutants = mutantFiles.map((m) => {
    if (!descriptions[m.name])
      problem(
        "schema",
        m.file,
        1,
        `mutant "${m.name}" has no description under exercise.mutants in lesson.md`,
      );
    return { ...m, description: descriptions[m.name] ?? m.name };
  });
  for (const [name, description] of Object.entries(descriptions)) {
    // Learners read it inside a sentence: "all your tests pass on code where <description>".
    if (/^[A-Z][a-z]/.test(description) || /[.!]\s*$/.test(description)) {
      problem(
        "schema",
        lessonFile,
        yaml.lineOf(["exercise", "mutants", name]),
        `mutant "${name}": the description is shown as "your tests pass on code where <description>": start it in lower case and end it without a full stop`,
      );
    }
    if (!mutantFiles.some((m) => m.name === name)) {
      problem(
        "missing-file",
        lessonFile,
        yaml.lineOf(["exercise", "mutants", name]),
        `exercise.mutants names "${name}" but mutants/${name}${ext} does not exist`,
      );
    }
  }
  if (ex.kind === "tests" && mutantFiles.length === 0) {
    problem(
      "missing-file",
      path.join(dir, "mutants"),
      1,
      `tests exercise needs at least one mutant in mutants/<name>${ext}`,
    );
  }
  const equivalents: ModuleVariant[] = [
    ...(folders.get("equivalents") ?? []),
    ...(fromFolders.get("equivalents") ?? []),
  ].sort((a, b) => a.name.localeCompare(b.name));
  // The whole code of a variant (module and replaced files), to spot copies.
  const codeOf = (v: ModuleVariant) =>
    normalizeCode([v.source, ...Object.entries(v.modules ?? {}).flat()].join("\n"));
  const original: ModuleVariant = { name: `module${ext}`, file: "", source: moduleSource };
  for (const e of equivalents) {
    // Why: an equivalent is only worth its run if its code differs from module.ext (and from the
    // other equivalents); a copy cannot tell a behaviour test from one that recognizes the code.
    const same = [original, ...equivalents.filter((o) => o !== e && o.name < e.name)].find(
      (o) => codeOf(o) === codeOf(e),
    );
    if (same)
      problem(
        "schema",
        e.file,
        1,
        `equivalent "${e.name}" is a copy of ${same === original ? `module${ext}` : `equivalents/${same.name}`}: write a different implementation with the same behaviour`,
      );
    const twin = mutantFiles.find((m) => codeOf(m) === codeOf(e));
    if (twin)
      problem("schema", e.file, 1, `equivalent "${e.name}" is the same code as mutant "${twin.name}"`);
  }
  for (const s of support) {
    if (s.name === "solution")
      problem(
        "schema",
        s.file,
        1,
        `support module cannot be named "solution": tests import the learner's code as "./solution"`,
      );
    if (s.name === "reference")
      problem(
        "schema",
        s.file,
        1,
        `support module cannot be named "reference": tests import the reference solution as "./reference"`,
      );
    if (ex.files?.includes(`${s.name}${ext}`))
      problem(
        "schema",
        s.file,
        1,
        `support module "${s.name}" has the name of a learner file (exercise.files): imports of "./${s.name}" would be ambiguous`,
      );
  }

  const seeds = folders.get("seeds") ?? [];
  if (ex.database) {
    if (seeds.length === 0) {
      problem(
        "missing-file",
        path.join(dir, "seeds"),
        1,
        `exercise.database needs seed files: seeds/${ex.database.seed}.sql (schema and rows)`,
      );
    } else if (!seeds.some((s) => s.name === ex.database!.seed)) {
      problem(
        "missing-file",
        lessonFile,
        yaml.lineOf(["exercise", "database", "seed"]),
        `exercise.database.seed is "${ex.database.seed}" but seeds/${ex.database.seed}.sql does not exist (seeds: ${seeds.map((s) => s.name).join(", ")})`,
      );
    }
  } else if (folders.has("seeds")) {
    problem(
      "unexpected-file",
      path.join(dir, "seeds"),
      1,
      "seeds/ is only used with `exercise.database: { seed: <name> }` in lesson.md",
    );
  }

  const instructionsHtml = (await render(ex.instructions, yaml.valueStartLine(["exercise", "instructions"])))
    .html;
  const hints = await Promise.all(
    ex.hints.map(async (markdown, i) => ({
      markdown,
      html: (await render(markdown, yaml.valueStartLine(["exercise", "hints", i]))).html,
    })),
  );
  // Every other problem of the lesson is reported above; without its required files it cannot be graded.
  if (layout.required.some((name) => !files.has(name))) return null;
  if (multiFile && !multiFile.complete) return null;
  const need = (name: string) => files.get(name)!;
  const folderStandIn = (folder: string): ExerciseFile => ({
    name: folder,
    file: path.join(dir, folder),
    source: "",
  });

  const codeKind = ex.kind === "function" || ex.kind === "handler" || ex.kind === "security";
  const rootTests = codeKind && !!multiFile === multi;
  const starterName = ex.kind === "tests" ? `starter.test${ext}` : `starter${ext}`;
  const solutionName = ex.kind === "tests" ? `solution.test${ext}` : `solution${ext}`;
  const sql = ex.sql
    ? ex.sql.compare === "rows"
      ? { compare: "rows" as const, ordered: ex.sql.ordered }
      : { compare: "tables" as const, tables: ex.sql.tables }
    : null;
  const asPublic = (f: ExerciseFile) => ({ name: f.name, source: f.source });
  const exampleTests = rootTests ? [need(`example.test${ext}`)] : [];
  const seed = ex.kind === "sql" ? need("seed.sql") : null;
  const byName = (re: RegExp) =>
    [...files.values()].filter((f) => re.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
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
    database: ex.database
      ? { seed: ex.database.seed, seeds: seeds.map((s) => ({ name: `${s.name}.sql`, source: s.source })) }
      : null,
    hintCount: hints.length,
    revealSolutionAfter: ex.revealSolutionAfter,
  };

  const base = {
    id: fm.id,
    trackId,
    language: ex.language,
    dir,
    lessonFile,
    public: publicExercise,
    starter: multiFile ? folderStandIn("starter") : need(starterName),
    solution: multiFile ? folderStandIn(ex.kind === "project" ? "stages" : "solution") : need(solutionName),
    files: ex.files ?? null,
    starterFiles: multiFile?.starter ?? [],
    solutionFiles: multiFile?.solution ?? [],
    support,
    mistakes: multiFile ? multiFile.mistakes : (folders.get("mistakes") ?? []),
    hints,
    limits: ex.limits ?? {},
    revealSolutionAfter: ex.revealSolutionAfter,
  };
  // The schema's refinements guarantee each kind's parts (sql options for sql, files and stages for
  // project); the checks below only let the compiler see it.
  switch (ex.kind) {
    case "function":
    case "handler":
    case "security":
      return {
        ...base,
        kind: ex.kind,
        exampleTests,
        hiddenTests: rootTests ? [need(`hidden.test${ext}`)] : [],
        attackTests: ex.kind === "security" ? [need(`attacks.test${ext}`)] : [],
        database: ex.database ? { seed: ex.database.seed, seeds } : null,
      };
    case "tests":
      return moduleFile ? { ...base, kind: "tests", module: moduleFile, mutants, equivalents } : null;
    case "sql":
      return seed && sql
        ? {
            ...base,
            kind: "sql",
            seed,
            hiddenSeeds: [...files.values()]
              .filter((f) => f.name.startsWith("hidden-seed"))
              .sort((a, b) => a.name.localeCompare(b.name)),
            sql,
            probes,
            plans,
          }
        : null;
    case "project":
      return base.files && multiFile?.stages.length
        ? { ...base, kind: "project", files: base.files, stages: multiFile.stages }
        : null;
  }
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
async function readMultiFile(
  raw: RawLesson,
  ex: ExerciseFrontMatter,
  ext: string,
  render: Render,
  problem: ProblemFn,
): Promise<MultiFile> {
  const names = ex.files!;
  const dir = raw.dir;
  const starter = await readFileSet(path.join(dir, "starter"), names, true, "the starter", problem);
  const out: MultiFile = {
    complete: starter !== null,
    starter: starter ?? [],
    solution: [],
    stages: [],
    publicStages: [],
    mistakes: [],
  };
  if (ex.kind !== "project") {
    const solution = await readFileSet(
      path.join(dir, "solution"),
      names,
      true,
      "the reference solution",
      problem,
    );
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
      problem(
        "unexpected-file",
        path.join(stagesDir, entry.name),
        1,
        `"${entry.name}" in stages/ is not a stage of exercise.stages (${stages.map((s) => s.id).join(", ")})`,
      );
    }
  }
  for (const [i, stage] of stages.entries()) {
    const stageDir = path.join(stagesDir, stage.id);
    const index = i + 1;
    const line = raw.yaml.lineOf(["exercise", "stages", i]);
    const entries = await readdir(stageDir, { withFileTypes: true }).catch(() => null);
    if (!entries) {
      problem(
        "missing-file",
        raw.file,
        line,
        `stage ${index} "${stage.id}" needs the folder stages/${stage.id}/ (example.test${ext}, hidden.test${ext}, solution/)`,
      );
      out.complete = false;
      continue;
    }
    const tests = new Map<string, ExerciseFile>();
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(stageDir, entry.name);
      if (entry.isFile() && (entry.name === `example.test${ext}` || entry.name === `hidden.test${ext}`)) {
        // Named per stage, so every stage's tests can run together (earlier stages are regression tests).
        tests.set(entry.name, {
          name: `${stage.id}.${entry.name}`,
          file: full,
          source: await readFile(full, "utf8"),
        });
      } else if (!(entry.isDirectory() && (entry.name === "solution" || entry.name === "mistakes"))) {
        problem(
          "unexpected-file",
          full,
          1,
          `unexpected ${entry.isDirectory() ? "folder" : "file"} "${entry.name}" in stage "${stage.id}": a stage has example.test${ext}, hidden.test${ext}, solution/ and optionally mistakes/`,
        );
      }
    }
    for (const name of [`example.test${ext}`, `hidden.test${ext}`]) {
      if (!tests.has(name)) {
        problem("missing-file", path.join(stageDir, name), 1, `stage ${index} "${stage.id}" needs ${name}`);
        out.complete = false;
      }
    }
    const solution = await readFileSet(
      path.join(stageDir, "solution"),
      names,
      true,
      `the reference solution of stage "${stage.id}"`,
      problem,
    );
    if (!solution) out.complete = false;
    out.mistakes.push(...(await readFileMistakes(path.join(stageDir, "mistakes"), names, index, problem)));
    const example = tests.get(`example.test${ext}`);
    const hidden = tests.get(`hidden.test${ext}`);
    out.stages.push({
      id: stage.id,
      index,
      title: stage.title,
      dir: stageDir,
      exampleTests: example ? [example] : [],
      hiddenTests: hidden ? [hidden] : [],
      solution: solution ?? [],
    });
    out.publicStages.push({
      id: stage.id,
      index,
      title: stage.title,
      instructionsHtml: (
        await render(stage.instructions, raw.yaml.valueStartLine(["exercise", "stages", i, "instructions"]))
      ).html,
      exampleTests: example ? [{ name: example.name, source: example.source }] : [],
    });
  }
  out.solution = out.stages.at(-1)?.solution ?? [];
  return out;
}
