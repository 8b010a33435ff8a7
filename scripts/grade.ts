/**
 * Grades a file from the command line and prints the GradeResult JSON on stdout.
 *
 *   npm run --silent grade -- --tests <tests-file> [--tests <more>] [--hidden <file>] <code-file>
 *
 *   npm run --silent grade -- <exercise-id-or-lesson-path> <code-file> [--run]
 *
 * Exit status: 0 whenever grading completed (whatever the verdict), 2 for usage errors, 1 when
 * the grader itself could not run. New modes (e.g. `grade <exercise-id> <code-file>`) plug into
 * main() as another branch; gradeTestFiles() is the test-file mode.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createGrader } from "../sandbox/index.ts";
import type { CodeJob, GradeResult, Language, TestFile } from "../sandbox/index.ts";

export class UsageError extends Error {}

export const USAGE = `usage: npm run --silent grade -- --tests <tests-file> [--tests <file>...] [--hidden <file>...] <code-file>

  --tests <file>    a visible test file (imports the code as "./solution"); repeatable
  --hidden <file>   a hidden test file (its source never appears in messages); repeatable
  --module <spec>=<file>  an extra module tests or code may import, e.g. --module ./db=support/db.ts
  --reference <file>  the reference solution, importable as "./reference" from test files only
  --seed <n>        the seed for generated inputs (fast-check); default: a random one
  <code-file>       the learner's code, .ts or .js

   or: npm run --silent grade -- <exercise-id-or-lesson-path> <code-file-or-folder> [--run] [--stage <n>] [--seed <n>]

  Grades against a lesson's exercise as the app does: Submit (visible + hidden tests) by default,
  --run for Run (visible tests only). The exercise id is the lesson id. Multi-file exercises take a
  folder holding every learner file; projects take --stage <n> (default: the last stage). --seed <n>
  replays the generated inputs of a grade (a submission's seed; every result prints the seed it used).

Prints the full GradeResult JSON on stdout (hidden tests' values included: this is the author's
view, not the learner's); exits 0 whenever grading completed.`;

function languageOf(file: string): Language {
  const ext = path.extname(file);
  if (ext === ".ts" || ext === ".mts" || ext === ".tsx") return "ts";
  if (ext === ".js" || ext === ".mjs" || ext === ".jsx") return "js";
  throw new UsageError(`cannot tell the language of ${file}: use a .ts or .js file`);
}

async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export interface TestFileModeOptions {
  codeFile: string;
  tests: string[];
  hidden?: string[];
  modules?: Record<string, string>;
  reference?: string;
  seed?: number;
}

/** The test-file mode: grades codeFile against the given test files. */
export async function gradeTestFiles(options: TestFileModeOptions): Promise<GradeResult> {
  const language = languageOf(options.codeFile);
  const testFiles: TestFile[] = [];
  for (const [files, hidden] of [
    [options.tests, false],
    [options.hidden ?? [], true],
  ] as const) {
    for (const file of files)
      testFiles.push({
        name: path.basename(file),
        source: await readSource(file),
        ...(hidden ? { hidden: true } : {}),
      });
  }
  const modules: Record<string, string> = {};
  for (const [specifier, file] of Object.entries(options.modules ?? {}))
    modules[specifier] = await readSource(file);
  const job: CodeJob = {
    kind: "code",
    language,
    code: await readSource(options.codeFile),
    tests: testFiles,
    ...(Object.keys(modules).length ? { modules } : {}),
    ...(options.reference ? { reference: await readSource(options.reference) } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const grader = createGrader({ workers: 1 });
  try {
    return await grader.grade(job);
  } finally {
    await grader.close();
  }
}

/** Parses argv (without node and script) and runs; returns the exit status. */
export async function main(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          tests: { type: "string", multiple: true },
          hidden: { type: "string", multiple: true },
          module: { type: "string", multiple: true },
          help: { type: "boolean", short: "h" },
          run: { type: "boolean" },
          stage: { type: "string" },
          seed: { type: "string" },
          reference: { type: "string" },
        },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      out(`${USAGE}\n`);
      return 0;
    }
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!/^\d+$/.test(values.seed) || seed > 0x7fffffff)
        throw new UsageError(`--seed wants an integer from 0 to ${0x7fffffff}, got ${values.seed}`);
    }
    if (!values.tests?.length && !values.hidden?.length && positionals.length === 2) {
      if (values.reference)
        throw new UsageError(
          "--reference is for the test-file mode: an exercise brings its own reference solution",
        );
      // Exercise mode (lib/content): the same buildGradeJob path as the app.
      const { gradeExercise } = await import("../lib/content/grade-exercise.ts");
      const grader = createGrader({ workers: 1 });
      try {
        const stage = values.stage === undefined ? undefined : Number(values.stage);
        if (stage !== undefined && (!Number.isInteger(stage) || stage < 1))
          throw new UsageError(`--stage wants a stage number (1, 2, ...), got ${values.stage}`);
        const graded = await gradeExercise({
          exercise: positionals[0],
          codeFile: positionals[1],
          mode: values.run ? "run" : "submit",
          stage,
          seed,
          grade: (job) => grader.grade(job),
        });
        if (!graded.ok) throw new UsageError(graded.error);
        out(`${JSON.stringify(graded.result, null, 2)}\n`);
        return 0;
      } finally {
        await grader.close();
      }
    }
    if (values.stage !== undefined)
      throw new UsageError("--stage is for the exercise mode: grade <project> <folder> --stage <n>");
    if (values.run)
      throw new UsageError("--run is for the exercise mode: grade <exercise> <code-file> --run");
    if (!values.tests?.length && !values.hidden?.length)
      throw new UsageError("give at least one --tests <file>");
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? "give the code file to grade"
          : `expected one code file, got ${positionals.length}`,
      );
    const modules: Record<string, string> = {};
    for (const spec of values.module ?? []) {
      const eq = spec.indexOf("=");
      if (eq <= 0) throw new UsageError(`--module wants <specifier>=<file>, got ${spec}`);
      modules[spec.slice(0, eq)] = spec.slice(eq + 1);
    }
    const result = await gradeTestFiles({
      codeFile: positionals[0],
      tests: values.tests ?? [],
      hidden: values.hidden,
      modules,
      reference: values.reference,
      seed,
    });
    out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`grade: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(
      `grade: the grader failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/grade.ts")) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
