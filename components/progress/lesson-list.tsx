import Link from "next/link";
import type { LessonEntry } from "@/lib/progress/catalog";
import { LessonStatusIcon } from "./lesson-status";

const KIND: Record<string, string> = {
  function: "Write a function",
  handler: "Write an HTTP handler",
  sql: "Write SQL",
  tests: "Write tests",
  security: "Fix a vulnerability",
  project: "Build a project",
};

/** A track's lessons in order, each with its status; `nextId` gets a "Next" badge. */
export function LessonList({ lessons, nextId }: { lessons: LessonEntry[]; nextId?: string | null }) {
  return (
    <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {lessons.map(({ lesson, status, progress }, index) => (
        <li
          key={lesson.id}
          className="flex items-start gap-3 p-4"
          data-testid={`lesson-${lesson.id}`}
          data-status={status}
        >
          <LessonStatusIcon status={status} />
          <div className="min-w-0 flex-1">
            <Link
              href={lesson.href}
              className="font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              <span className="sr-only">Lesson {index + 1}: </span>
              {lesson.title}
            </Link>
            {lesson.id === nextId ? (
              <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs font-semibold text-brand-700">
                Next
              </span>
            ) : null}
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{lesson.summary}</p>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {lesson.minutes} min
              {lesson.exercise ? ` · ${KIND[lesson.exercise.kind] ?? lesson.exercise.kind}` : ""}
              {lesson.exercise?.stageCount ? ` in ${lesson.exercise.stageCount} stages` : ""}
              {lesson.quizQuestions
                ? ` · ${lesson.quizQuestions} quiz question${lesson.quizQuestions === 1 ? "" : "s"}`
                : ""}
              {progress && progress.attempts > 0
                ? ` · ${progress.attempts} submission${progress.attempts === 1 ? "" : "s"}`
                : ""}
            </p>
            {lesson.exercise?.stageCount && progress && !progress.passed && progress.stagesPassed > 0 ? (
              <p
                className="mt-1 text-xs font-medium text-emerald-700 dark:text-emerald-400"
                data-testid={`stages-${lesson.id}`}
              >
                {progress.stagesPassed} of {lesson.exercise.stageCount} stages passed
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
