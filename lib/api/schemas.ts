/**
 * The API's request and response shapes as zod schemas: requests are validated with them, and the
 * OpenAPI document's components are generated from them (z.toJSONSchema), so the reference cannot
 * drift from what the server checks. Response schemas are tied to the TypeScript types they
 * describe by compile-time checks below.
 */
import { z } from "zod";
import { gradeResultSchema } from "../../sandbox/index.ts";
import type {
  ExerciseKind,
  LessonSummary,
  PublicExercise,
  PublicFile,
  PublicStage,
  TrackSummary,
} from "../content/public-types.ts";
import { ERROR_STATUS, type ErrorCode } from "../errors.ts";

/** Schemas that become named components (#/components/schemas/<id>). */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodType>(schema: S, id: string, description?: string): S {
  apiRegistry.add(schema, { id, description });
  return schema;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// --- requests ----------------------------------------------------------------------------------

export const gradeModeSchema = named(
  z
    .enum(["run", "submit"])
    .describe(
      '"run": visible tests only, not counted in progress. "submit": all tests, including hidden ones; updates progress.',
    ),
  "GradeMode",
);

// PostgreSQL cannot store or compare U+0000 in text: a string holding one is refused with the rest.
const noNul = (value: string) => !value.includes("\u0000");
const NO_NUL = { message: "Must not contain a NUL character (U+0000)." };

const learnerRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .refine(noNul, NO_NUL)
  .describe(
    "Whose submission this is: a user's email or id. Only keys of instructors and admins may name another user; omitted, the key's owner.",
  );

/** The learner's code: `code` for one-file exercises, `files` for multi-file ones (exactly one). */
const codeFields = {
  code: z
    .string()
    .optional()
    .describe("One-file exercises: the learner's source (TypeScript, JavaScript, or SQL for sql exercises)."),
  files: z
    .record(z.string().min(1).max(64), z.string())
    .optional()
    .describe(
      'Multi-file exercises (the exercise has `files`): every learner file by name, e.g. {"routes.ts": "...", "store.ts": "..."}. Exactly the exercise\'s files; their total size counts against the source limit.',
    ),
  stage: z
    .number()
    .int()
    .min(1)
    .max(20)
    .optional()
    .describe(
      "Projects (the exercise has `stages`): the stage to grade, 1-based; its tests and every earlier stage's run. Default: the learner's current stage (the first not yet passed). A stage after that is locked (409 stage_locked).",
    ),
};
const oneOfCodeAndFiles = (value: { code?: string; files?: Record<string, string> }) =>
  (value.code === undefined) !== (value.files === undefined);
const oneOfMessage = {
  message: 'Send exactly one of "code" (one-file exercises) and "files" (multi-file exercises).',
  path: ["files"],
};

export const gradeRequestSchema = named(
  z
    .object({
      ...codeFields,
      mode: gradeModeSchema.default("submit"),
      learner: learnerRefSchema.optional(),
    })
    .strict()
    .refine(oneOfCodeAndFiles, oneOfMessage),
  "GradeRequest",
);
export type GradeRequest = z.infer<typeof gradeRequestSchema>;

export const MAX_BATCH_ITEMS = 20;

export const batchItemSchema = named(
  z
    .object({
      exerciseId: z.string().min(1).max(200),
      ...codeFields,
      mode: gradeModeSchema.default("submit"),
      learner: learnerRefSchema.optional(),
    })
    .strict()
    .refine(oneOfCodeAndFiles, oneOfMessage),
  "BatchGradeItem",
);

/** The envelope only; each item is validated on its own, so one bad item fails alone. */
export const batchRequestSchema = z
  .object({ submissions: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) })
  .strict();

/** What the reference shows for the batch body: the envelope with its items' schema. */
export const batchRequestDocSchema = named(
  z
    .object({
      submissions: z
        .array(batchItemSchema)
        .min(1)
        .max(MAX_BATCH_ITEMS)
        .describe("Graded concurrently; invalid items fail alone."),
    })
    .strict(),
  "BatchGradeRequest",
);

export const listSubmissionsQuerySchema = z
  .object({
    learner: learnerRefSchema.optional(),
    exercise: z.string().min(1).max(200).refine(noNul, NO_NUL).optional(),
    cursor: z.string().min(1).max(500).refine(noNul, NO_NUL).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

// --- responses ---------------------------------------------------------------------------------

const exerciseKindSchema = z.enum(["function", "handler", "sql", "tests", "security", "project"]);

export const lessonSummarySchema = named(
  z.object({
    id: z.string(),
    trackId: z.string(),
    title: z.string(),
    summary: z.string(),
    minutes: z.number(),
    tags: z.array(z.string()),
    prerequisites: z.array(z.string()),
    href: z.string(),
    exercise: z
      .object({
        kind: exerciseKindSchema,
        title: z.string(),
        stageCount: z.number().int().describe("A project's stages; 0 for other exercises."),
      })
      .nullable(),
    quizQuestions: z.number().int(),
  }),
  "LessonSummary",
);

export const trackSummarySchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    order: z.number(),
    href: z.string(),
    lessons: z.array(lessonSummarySchema),
  }),
  "Track",
);

export const trackListSchema = named(z.object({ data: z.array(trackSummarySchema) }), "TrackList");

const publicFileSchema = named(z.object({ name: z.string(), source: z.string() }), "PublicFile");

const publicStageSchema = named(
  z.object({
    id: z.string(),
    index: z.number().int().describe("1-based position."),
    title: z.string(),
    instructionsHtml: z.string(),
    exampleTests: z.array(publicFileSchema),
  }),
  "Stage",
);

export const publicExerciseSchema = named(
  z.object({
    id: z.string(),
    kind: exerciseKindSchema,
    language: z.enum(["ts", "js", "sql"]),
    title: z.string(),
    instructionsHtml: z.string(),
    fileName: z.string(),
    starter: z.string(),
    files: z
      .array(publicFileSchema)
      .nullable()
      .describe(
        "Multi-file exercises: the learner's files with their starter code; grade them with `files`. Null for one-file exercises (grade with `code`).",
      ),
    stages: z
      .array(publicStageSchema)
      .describe(
        "Projects: the stages in order (each adds tests; earlier stages keep running). Empty otherwise.",
      ),
    exampleTests: z.array(publicFileSchema),
    support: z.array(publicFileSchema),
    module: publicFileSchema.nullable(),
    seed: z.string().nullable(),
    sqlChecks: z
      .array(publicFileSchema)
      .describe("sql exercises: visible probe sets and query files (plan checks)."),
    sql: z
      .union([
        z.object({ compare: z.literal("rows"), ordered: z.boolean() }),
        z.object({ compare: z.literal("tables"), tables: z.array(z.string()) }),
      ])
      .nullable(),
    database: z
      .object({ seed: z.string(), seeds: z.array(publicFileSchema) })
      .nullable()
      .describe(
        "Database-backed exercises: the seed each test starts from and the seed files (schema and rows).",
      ),
    hintCount: z.number().int(),
    revealSolutionAfter: z.number().int(),
  }),
  "Exercise",
);

export const exerciseDetailSchema = named(
  z.object({
    id: z.string().describe("Exercise id (the same as its lesson's id)."),
    trackId: z.string(),
    lessonTitle: z.string(),
    lessonHtml: z.string().describe("The lesson prose, rendered and sanitized."),
    exercise: publicExerciseSchema,
  }),
  "ExerciseDetail",
);

named(
  gradeResultSchema,
  "GradeResult",
  "The sandbox's result (contract version in `version`; see sandbox/README.md). Hidden tests follow the disclosure policy: in a learner's view (every grade response, and submissions read with a learner's key) a hidden test shows its name, description, status and `thrown` facts, and `message` is a summary without any value; instructor and admin keys reading submissions get the full result.",
);

const learnerSchema = named(z.object({ id: z.string(), email: z.string() }).nullable(), "Learner");

export const gradeResponseSchema = named(
  z.object({
    submissionId: z.string(),
    exerciseId: z.string(),
    mode: gradeModeSchema,
    learner: learnerSchema,
    createdAt: z.iso.datetime(),
    result: gradeResultSchema,
  }),
  "GradeResponse",
);
export type GradeResponse = z.infer<typeof gradeResponseSchema>;

/** A submission's stored status (Submission.status). */
export const submissionStatusSchema = z.enum(["pass", "fail", "error"]);

export const submissionSchema = named(
  z.object({
    id: z.string(),
    exerciseId: z.string(),
    mode: gradeModeSchema,
    status: submissionStatusSchema,
    learner: learnerSchema,
    apiKeyId: z
      .string()
      .nullable()
      .describe("The key that sent it; null for submissions from the lesson page."),
    language: z.string(),
    code: z.string().describe('The learner\'s source; "" for multi-file submissions (see `files`).'),
    files: z
      .record(z.string(), z.string())
      .nullable()
      .describe("Multi-file submissions: the learner's files by name; null otherwise."),
    stage: z.number().int().nullable().describe("Projects: the stage graded; null otherwise."),
    durationMs: z.number(),
    createdAt: z.iso.datetime(),
    result: gradeResultSchema,
  }),
  "Submission",
);
export type SubmissionBody = z.infer<typeof submissionSchema>;

export const submissionListSchema = named(
  z.object({
    data: z.array(submissionSchema),
    nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page."),
  }),
  "SubmissionList",
);

const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const problemSchema = named(
  z.object({
    type: z.string().describe("A URI reference to this code's explanation."),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(errorCodes).describe("Stable: branch on this, not on title or detail."),
    detail: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("Field errors (validation_failed)."),
  }),
  "Problem",
);

export const batchResultSchema = named(
  z.discriminatedUnion("ok", [
    gradeResponseSchema.extend({ ok: z.literal(true) }),
    z.object({ ok: z.literal(false), error: problemSchema }),
  ]),
  "BatchGradeResult",
);

export const batchResponseSchema = named(
  z.object({ results: z.array(batchResultSchema).describe("One per submission, in request order.") }),
  "BatchGradeResponse",
);

// Compile-time ties between the response schemas and the content types they describe.
const checks: [
  Same<z.infer<typeof trackSummarySchema>, TrackSummary>,
  Same<z.infer<typeof lessonSummarySchema>, LessonSummary>,
  Same<z.infer<typeof publicExerciseSchema>, PublicExercise>,
  Same<z.infer<typeof publicFileSchema>, PublicFile>,
  Same<z.infer<typeof publicStageSchema>, PublicStage>,
  Same<z.infer<typeof exerciseKindSchema>, ExerciseKind>,
] = [true, true, true, true, true, true];
void checks;
