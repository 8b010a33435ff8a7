/**
 * zod schemas for the sandbox's two trust boundaries: jobs coming in (from the web server or the
 * CLI) and reports coming out of an isolate (written by a harness that runs next to learner code).
 */
import { z } from "zod";
import { MAX_LIMITS, MIN_LIMITS } from "./limits.ts";
import { RESULT_VERSION } from "./types.ts";
import type { GradeJob, GradeResult } from "./types.ts";

const limitField = (key: keyof typeof MAX_LIMITS) =>
  z.number().int().min(MIN_LIMITS[key]).max(MAX_LIMITS[key]).optional();

export const limitsSchema = z
  .object({
    timeoutMs: limitField("timeoutMs"),
    testTimeoutMs: limitField("testTimeoutMs"),
    memoryMb: limitField("memoryMb"),
    outputBytes: limitField("outputBytes"),
    testOutputBytes: limitField("testOutputBytes"),
    sourceBytes: limitField("sourceBytes"),
    maxTests: limitField("maxTests"),
  })
  .strict();

/** Author-written sources (tests, modules, mutants) have a fixed ceiling; learner code has sourceBytes. */
const AUTHOR_SOURCE_MAX = 1024 * 1024;
const authorSource = z.string().max(AUTHOR_SOURCE_MAX);
const fileName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.\-]*$/, "a plain file name (letters, digits, _ . -)");
/** Module specifiers tests and code may import: "./db", "./lib/util". */
const moduleSpecifier = z
  .string()
  .max(100)
  .regex(/^\.\/[A-Za-z0-9_\-]+(\/[A-Za-z0-9_\-]+)*$/, 'a relative specifier such as "./db"');

/** Seeds are non-negative 31-bit integers (they fit Prisma's Int and fast-check's seed). */
export const seedSchema = z.number().int().min(0).max(0x7fffffff);

/** Seeds of a database-backed job: at most 16 seeds and 1 MB of SQL together (a seed runs once per worker and test). */
const MAX_SEEDS_CHARS = 1024 * 1024;
const seedName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case seed name");
export const databaseSpecSchema = z
  .object({
    seeds: z.record(seedName, authorSource),
    seed: seedName,
  })
  .strict()
  .refine((d) => Object.hasOwn(d.seeds, d.seed), {
    message: "`seed` must name one of `seeds`",
    path: ["seed"],
  })
  .refine((d) => Object.keys(d.seeds).length <= 16, { message: "at most 16 seeds", path: ["seeds"] })
  .refine((d) => Object.values(d.seeds).reduce((n, s) => n + s.length, 0) <= MAX_SEEDS_CHARS, {
    message: "the seeds are larger than 1 MB together",
    path: ["seeds"],
  });

export const testFileSchema = z
  .object({ name: fileName, source: authorSource, hidden: z.boolean().optional() })
  .strict();

/** Learner files of a multi-file job at most (the editor shows each as a tab). */
export const MAX_LEARNER_FILES = 20;
/** A learner file name: lowercase, one extension, not a test file ("store.ts", "rate-limit.ts"). */
const learnerFileName = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*\.(ts|js)$/, 'a lowercase file name with one extension, such as "store.ts"');
const stem = (name: string) => name.replace(/\.(ts|js|mjs|cjs|tsx|jsx)$/, "");

export const codeJobSchema = z
  .object({
    kind: z.literal("code"),
    language: z.enum(["ts", "js"]),
    code: z.string().max(MAX_LIMITS.sourceBytes).optional(),
    files: z
      .array(z.object({ name: learnerFileName, source: z.string().max(MAX_LIMITS.sourceBytes) }).strict())
      .min(1)
      .max(MAX_LEARNER_FILES)
      .optional(),
    tests: z.array(testFileSchema).min(1).max(50),
    modules: z.record(moduleSpecifier, authorSource).optional(),
    database: databaseSpecSchema.optional(),
    reference: authorSource.optional(),
    seed: seedSchema.optional(),
    limits: limitsSchema.optional(),
  })
  .strict()
  .superRefine((job, ctx) => {
    if ((job.code === undefined) === (job.files === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: "give exactly one of code (one file) and files (several)",
      });
      return;
    }
    if (!job.files) return;
    // Module keys (name without extension) must be unique across learner files, extra modules and
    // test files: a learner file called like a test or support module would shadow it.
    const taken = new Map<string, string>();
    for (const t of job.tests) taken.set(stem(t.name), `test file ${t.name}`);
    for (const specifier of Object.keys(job.modules ?? {}))
      taken.set(specifier.slice(2), `module ${specifier}`);
    job.files.forEach((file, i) => {
      const key = stem(file.name);
      if (!file.name.endsWith(`.${job.language}`)) {
        ctx.addIssue({
          code: "custom",
          path: ["files", i, "name"],
          message: `a ${job.language} exercise's files end in .${job.language}`,
        });
      }
      const clash = taken.get(key);
      if (clash)
        ctx.addIssue({
          code: "custom",
          path: ["files", i, "name"],
          message: `"${file.name}" has the same name as ${clash}`,
        });
      taken.set(key, `file ${file.name}`);
    });
  });

export const mutationJobSchema = z
  .object({
    kind: z.literal("mutation"),
    language: z.enum(["ts", "js"]),
    tests: z.string().max(MAX_LIMITS.sourceBytes),
    module: authorSource,
    modules: z.record(moduleSpecifier, authorSource).optional(),
    mutants: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            description: z.string().max(1000),
            source: authorSource,
            modules: z.record(moduleSpecifier, authorSource).optional(),
          })
          .strict(),
      )
      .max(50),
    equivalents: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            source: authorSource,
            modules: z.record(moduleSpecifier, authorSource).optional(),
          })
          .strict(),
      )
      .max(20)
      .optional(),
    limits: limitsSchema.optional(),
  })
  .strict()
  .superRefine((job, ctx) => {
    // A variant replaces files the module has; a new file would be a module the correct code lacks.
    const own = new Set(Object.keys(job.modules ?? {}));
    if (own.has("./solution") || own.has("./your.test"))
      ctx.addIssue({
        code: "custom",
        path: ["modules"],
        message: '"./solution" and "./your.test" are the module under test and the learner\'s tests',
      });
    for (const list of ["mutants", "equivalents"] as const) {
      (job[list] ?? []).forEach((variant, i) => {
        for (const specifier of Object.keys(variant.modules ?? {})) {
          if (!own.has(specifier))
            ctx.addIssue({
              code: "custom",
              path: [list, i, "modules", specifier],
              message: `replaces ${specifier}, which the job's modules do not have`,
            });
        }
      });
    }
  });

export const sqlJobSchema = z
  .object({
    kind: z.literal("sql"),
    code: z.string().max(MAX_LIMITS.sourceBytes),
    solution: authorSource,
    datasets: z
      .array(
        z
          .object({ name: z.string().min(1).max(100), seed: authorSource, hidden: z.boolean().optional() })
          .strict(),
      )
      .min(1)
      .max(50),
    compare: z.union([
      z.object({ mode: z.literal("rows"), ordered: z.boolean() }).strict(),
      z
        .object({ mode: z.literal("tables"), tables: z.array(z.string().min(1).max(100)).min(1).max(50) })
        .strict(),
    ]),
    probes: z
      .array(
        z
          .object({ name: z.string().min(1).max(100), sql: authorSource, hidden: z.boolean().optional() })
          .strict(),
      )
      .max(20)
      .optional(),
    plans: z
      .array(
        z
          .object({ name: z.string().min(1).max(100), sql: authorSource, hidden: z.boolean().optional() })
          .strict(),
      )
      .max(20)
      .optional(),
    limits: limitsSchema.optional(),
  })
  .strict();

export const gradeJobSchema = z.discriminatedUnion("kind", [codeJobSchema, mutationJobSchema, sqlJobSchema]);

// Compile-time check that the schema and the hand-written contract agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const jobSchemaMatchesContract: Same<z.infer<typeof gradeJobSchema>, GradeJob> = true;
void jobSchemaMatchesContract;

const testResultSchema = z
  .object({
    name: z.string(),
    status: z.enum(["pass", "fail", "error"]),
    message: z.string().optional(),
    output: z.string().optional(),
    durationMs: z.number().nonnegative(),
    hidden: z.boolean().optional(),
    reveal: z.boolean().optional(),
    description: z.string().optional(),
    thrown: z
      .object({
        type: z.string(),
        subclass: z.boolean().optional(),
        file: z.string().optional(),
        line: z.number().int().positive().optional(),
        column: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    summary: z.string().optional(),
    mutant: z.boolean().optional(),
    redacted: z.boolean().optional(),
  })
  .strict();

/** The result contract, for anyone who receives a GradeResult over a wire (and for our own tests). */
export const gradeResultSchema = z
  .object({
    version: z.literal(RESULT_VERSION),
    status: z.enum(["pass", "fail", "error"]),
    tests: z.array(testResultSchema),
    error: z
      .object({
        kind: z.enum(["compile", "runtime", "timeout", "memory", "output", "limit", "internal"]),
        message: z.string(),
        file: z.string().optional(),
        line: z.number().int().positive().optional(),
        column: z.number().int().positive().optional(),
        summary: z.string().optional(),
      })
      .strict()
      .optional(),
    output: z.string().optional(),
    durationMs: z.number().nonnegative(),
    seed: seedSchema.optional(),
  })
  .strict()
  .refine(
    (r) => (r.status === "error") === (r.error !== undefined),
    "error is present exactly when status is error",
  );

const resultContractCheck: Same<z.infer<typeof gradeResultSchema>, GradeResult> = true;
void resultContractCheck;

// --- what the harness inside an isolate reports (untrusted: learner code ran next to it) ----------

const MAX_REPORT_STRING = 256 * 1024;
const reportString = z.string().max(MAX_REPORT_STRING);

/** After loading the test files: the tests that were declared, or why loading failed. */
export const loadReportSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      tests: z
        .array(
          z
            .object({
              name: reportString,
              hidden: z.boolean(),
              reveal: z.boolean().optional(),
              description: reportString.optional(),
            })
            .strict(),
        )
        .max(MAX_LIMITS.maxTests + 1),
      /** Tests declared; the list above stops after maxTests + 1. */
      declared: z.number().int().nonnegative(),
      outputExceeded: z.boolean(),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      message: reportString,
      file: z.string().max(200).optional(),
      outputExceeded: z.boolean(),
    })
    .strict(),
]);
export type LoadReport = z.infer<typeof loadReportSchema>;

/** After each step of a test: still running (and whether a timer fired), or its outcome. */
export const testReportSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("pending"), timerFired: z.boolean(), outputExceeded: z.boolean() }).strict(),
  z
    .object({
      state: z.literal("done"),
      index: z.number().int().nonnegative(),
      status: z.enum(["pass", "fail", "error"]),
      message: reportString.optional(),
      output: reportString.optional(),
      thrownType: z
        .enum([
          "Error",
          "TypeError",
          "RangeError",
          "SyntaxError",
          "ReferenceError",
          "EvalError",
          "URIError",
          "AggregateError",
          "DOMException",
          "object",
          "value",
        ])
        .optional(),
      thrownSubclass: z.boolean().optional(),
      outputExceeded: z.boolean(),
    })
    .strict(),
]);
export type TestReport = z.infer<typeof testReportSchema>;
