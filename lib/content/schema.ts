/**
 * The schemas of track.yaml and of lesson.md front matter. Strict objects: an unknown key is an
 * error (a typo like `hint:` for `hints:` must not silently drop content).
 */
import { z } from "zod";
import { limitsSchema } from "../../sandbox/schema.ts";

/** Lesson, track, question and choice ids: kebab-case. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (lowercase letters, digits, dashes)");

/** An exercise id (== its lesson id) as a request names it: validated before any lookup. */
export const exerciseIdSchema = z
  .string()
  .max(100, "Unknown exercise.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Unknown exercise.");

export const trackSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  description: z.string().min(1),
  order: z.number(),
  lessons: z.array(idSchema),
});
export type TrackFile = z.infer<typeof trackSchema>;

export const exerciseKinds = ["function", "handler", "sql", "tests", "security", "project"] as const;
export type ExerciseKind = (typeof exerciseKinds)[number];

/** Per-exercise overrides of the sandbox Limits: the sandbox's own schema (floors and ceilings). */
export { limitsSchema };

export const sqlOptionsSchema = z.discriminatedUnion("compare", [
  z.strictObject({ compare: z.literal("rows"), ordered: z.boolean().default(false) }),
  z.strictObject({ compare: z.literal("tables"), tables: z.array(z.string().min(1)).min(1) }),
]);

/** function / handler / security: a SQLite database for learner code (`import { db } from "serverside:db"`). */
export const databaseOptionsSchema = z.strictObject({
  /** The seed every test starts from: seeds/<seed>.sql. */
  seed: idSchema,
});

/** A learner file of a multi-file exercise: "store.ts" (imported as "./store"). */
export const learnerFileNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*\.(ts|js)$/,
    'must be a kebab-case file name with the exercise\'s extension, such as "store.ts"',
  );

/** One stage of a project: its own instructions; its tests live in stages/<id>/. */
export const stageSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  instructions: z.string().min(1),
});

export const exerciseSchema = z
  .strictObject({
    kind: z.enum(exerciseKinds),
    language: z.enum(["ts", "js"]).default("ts"),
    title: z.string().min(1),
    instructions: z.string().min(1),
    hints: z.array(z.string().min(1)).default([]),
    revealSolutionAfter: z.number().int().min(0).default(3),
    limits: limitsSchema.optional(),
    sql: sqlOptionsSchema.optional(),
    mutants: z.record(idSchema, z.string().min(1)).optional(),
    /** Multi-file exercises: the learner's files, in tab order (starter/ and solution/ hold them). */
    files: z.array(learnerFileNameSchema).min(1).max(20).optional(),
    /** project exercises: the stages, in order. */
    stages: z.array(stageSchema).min(2).max(20).optional(),
    database: databaseOptionsSchema.optional(),
  })
  .superRefine((exercise, ctx) => {
    if (exercise.kind === "sql" && !exercise.sql) {
      ctx.addIssue({
        code: "custom",
        path: ["sql"],
        message: "sql exercises need `sql: { compare: rows | tables, ... }`",
      });
    }
    if (exercise.kind !== "sql" && exercise.sql) {
      ctx.addIssue({ code: "custom", path: ["sql"], message: "`sql` is only for kind: sql" });
    }
    if (
      exercise.database &&
      exercise.kind !== "function" &&
      exercise.kind !== "handler" &&
      exercise.kind !== "security"
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["database"],
        message:
          "`database` is for function, handler and security exercises (sql exercises seed with seed.sql)",
      });
    }
    if (exercise.kind !== "tests" && exercise.mutants) {
      ctx.addIssue({ code: "custom", path: ["mutants"], message: "`mutants` is only for kind: tests" });
    }
    if (exercise.kind === "project" && !exercise.stages) {
      ctx.addIssue({
        code: "custom",
        path: ["stages"],
        message: "project exercises need `stages:` (at least 2, in order)",
      });
    }
    if (exercise.kind !== "project" && exercise.stages) {
      ctx.addIssue({ code: "custom", path: ["stages"], message: "`stages` is only for kind: project" });
    }
    if (exercise.kind === "project" && !exercise.files) {
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: "project exercises need `files:` (the learner's files, in tab order)",
      });
    }
    if ((exercise.kind === "sql" || exercise.kind === "tests") && exercise.files) {
      ctx.addIssue({
        code: "custom",
        path: ["files"],
        message: "`files` is for function, handler, security and project exercises",
      });
    }
    exercise.files?.forEach((name, i) => {
      if (!name.endsWith(`.${exercise.language}`)) {
        ctx.addIssue({
          code: "custom",
          path: ["files", i],
          message: `"${name}" must end in .${exercise.language} (language: ${exercise.language})`,
        });
      } else if (exercise.files!.indexOf(name) !== i) {
        ctx.addIssue({ code: "custom", path: ["files", i], message: `"${name}" is listed twice` });
      }
    });
    exercise.stages?.forEach((stage, i) => {
      if (exercise.stages!.findIndex((s) => s.id === stage.id) !== i) {
        ctx.addIssue({
          code: "custom",
          path: ["stages", i, "id"],
          message: `stage id "${stage.id}" is used twice`,
        });
      }
    });
  });
export type ExerciseFrontMatter = z.infer<typeof exerciseSchema>;

export const choiceSchema = z.strictObject({
  /** Optional stable id; defaults to a, b, c ... by position. */
  id: idSchema.optional(),
  text: z.string().min(1),
  correct: z.boolean().default(false),
  explain: z.string().min(1).optional(),
});

export const questionSchema = z.strictObject({
  id: idSchema,
  question: z.string().min(1),
  multiple: z.boolean().default(false),
  choices: z.array(choiceSchema).min(2),
});

export const lessonFrontMatterSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  summary: z.string().min(1),
  minutes: z.number().int().positive(),
  prerequisites: z.array(idSchema).default([]),
  tags: z.array(z.string().min(1)).default([]),
  exercise: exerciseSchema.optional(),
  quiz: z.array(questionSchema).default([]),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
