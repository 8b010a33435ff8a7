import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { LessonHotReload } from "@/components/lesson/lesson-hot-reload";
import type { LessonActions } from "@/components/lesson/lesson-actions";
import { LessonQuiz, type SavedQuizAnswer } from "@/components/lesson/lesson-quiz";
import { LessonWorkspace } from "@/components/lesson/lesson-workspace";
import {
  LAYOUT_COOKIE,
  LAYOUT_PANES,
  parseLayout,
  type WorkspaceLayout,
} from "@/components/lesson/workspace-layout";
import { getCurrentUser } from "@/lib/auth/session";
import { checkQuizAnswer, getHint, getLesson, listTracks, type Hint, type LessonRef } from "@/lib/content";
import {
  getLessonState,
  markLessonOpened,
  mayRevealSolution,
  revealableSolutionStage,
} from "@/lib/progress/progress";
import { answerQuizAction, gradeAction, revealSolutionAction } from "../../actions";
import { getEditorLibs } from "../../editor-libs";

type Params = { params: Promise<{ track: string; lesson: string }> };

const actions: LessonActions = {
  grade: gradeAction,
  revealSolution: revealSolutionAction,
  answerQuiz: answerQuizAction,
};

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { track, lesson: lessonId } = await params;
  const lesson = await getLesson(track, lessonId).catch(() => null);
  return lesson ? { title: lesson.title, description: lesson.summary } : { title: "Lesson not found" };
}

/** Previous and next lesson: within the track, else across tracks in catalog order. */
async function neighbours(lessonId: string, previous: LessonRef | null, next: LessonRef | null) {
  if (previous && next) return { previous, next };
  const all = (await listTracks()).flatMap((t) => t.lessons);
  const index = all.findIndex((l) => l.id === lessonId);
  const ref = (i: number) => (all[i] ? { id: all[i].id, title: all[i].title, href: all[i].href } : null);
  return { previous: previous ?? ref(index - 1), next: next ?? ref(index + 1) };
}

export default async function LessonPage({ params }: Params) {
  const { track, lesson: lessonId } = await params;
  const lesson = await getLesson(track, lessonId);
  if (!lesson) notFound();
  const user = await getCurrentUser();
  const [state, editorLibs, nav] = await Promise.all([
    user ? getLessonState(user.id, lesson.id) : null,
    getEditorLibs(),
    neighbours(lesson.id, lesson.previous, lesson.next),
  ]);
  // After the response: opening a lesson must not wait on a write.
  if (user) after(() => markLessonOpened(user.id, lesson.id));

  const exercise = lesson.exercise;
  const hints = (
    await Promise.all(Array.from({ length: state?.hintsViewed ?? 0 }, (_, i) => getHint(lesson.id, i)))
  ).filter((h): h is Hint => h !== null);
  const quizAnswers: Record<string, SavedQuizAnswer> = {};
  for (const answer of state?.quizAnswers ?? []) {
    const result = await checkQuizAnswer(lesson.id, answer.questionId, answer.choiceIds);
    if (result) quizAnswers[answer.questionId] = { choiceIds: answer.choiceIds, result };
  }
  const progress = state?.progress;
  const solutionAvailable =
    user && progress && exercise
      ? exercise.stages.length
        ? (await revealableSolutionStage(
            user.id,
            {
              id: exercise.id,
              stageCount: exercise.stages.length,
              revealSolutionAfter: exercise.revealSolutionAfter,
            },
            progress,
          )) !== null
        : mayRevealSolution(progress, exercise.revealSolutionAfter)
      : null;
  const signInHref = `/sign-in?next=${encodeURIComponent(lesson.href)}`;

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
      <Link href="/learn" className="hover:underline">
        Lessons
      </Link>{" "}
      /{" "}
      <Link href={`/learn/${lesson.trackId}`} className="hover:underline">
        {lesson.trackTitle}
      </Link>{" "}
      / <span aria-current="page">{lesson.title}</span>
    </nav>
  );
  const article = (
    <article className="min-w-0" data-testid="lesson">
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        {lesson.minutes} min read{lesson.tags.length ? ` · ${lesson.tags.join(", ")}` : ""}
        {exercise ? (
          <a href="#exercise-title" className="ml-2 font-medium text-brand-700 underline dark:text-brand-300">
            Jump to the exercise
          </a>
        ) : null}
      </p>
      {lesson.prerequisiteLessons.length > 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Builds on:{" "}
          {lesson.prerequisiteLessons.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ", " : null}
              <Link href={p.href} className="underline">
                {p.title}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      <div
        className="prose prose-slate max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none prose-pre:text-sm"
        dangerouslySetInnerHTML={{ __html: lesson.html }}
      />
      <LessonQuiz
        lessonId={lesson.id}
        questions={lesson.quiz}
        initialAnswers={quizAnswers}
        answerQuiz={actions.answerQuiz}
      />
      <nav
        aria-label="Lessons"
        className="mt-10 flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-4 text-sm dark:border-slate-800"
      >
        {nav.previous ? (
          <Link
            href={nav.previous.href}
            rel="prev"
            className="font-medium text-brand-700 hover:underline dark:text-brand-300"
          >
            <span aria-hidden="true">← </span>Previous: {nav.previous.title}
          </Link>
        ) : (
          <span />
        )}
        {nav.next ? (
          <Link
            href={nav.next.href}
            rel="next"
            className="font-medium text-brand-700 hover:underline dark:text-brand-300"
          >
            Next: {nav.next.title}
            <span aria-hidden="true"> →</span>
          </Link>
        ) : null}
      </nav>
    </article>
  );

  if (!exercise) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        {breadcrumb}
        {article}
        <LessonHotReload />
      </div>
    );
  }
  const jar = await cookies();
  const layout: WorkspaceLayout = {
    main: parseLayout(jar.get(LAYOUT_COOKIE.main)?.value, LAYOUT_PANES.main),
    work: parseLayout(jar.get(LAYOUT_COOKIE.work)?.value, LAYOUT_PANES.work),
  };

  return (
    <div className="space-y-2">
      {breadcrumb}
      <LessonWorkspace
        key={lesson.id}
        exercise={exercise}
        lessonPane={article}
        initialFiles={
          exercise.files
            ? Object.fromEntries(exercise.files.map((f) => [f.name, state?.draftFiles[f.name] ?? f.source]))
            : { [exercise.fileName]: state?.draft?.code ?? exercise.starter }
        }
        drafts={user ? { owner: user.id, saved: state?.savedDrafts ?? {} } : null}
        signedIn={Boolean(user)}
        signInHref={signInHref}
        signUpHref={`/sign-up?next=${encodeURIComponent(lesson.href)}`}
        initialProgress={
          progress
            ? {
                attempts: progress.attempts,
                failedAttempts: progress.failedAttempts,
                passed: progress.passed,
                stagesPassed: progress.stagesPassed,
                solutionAvailable: solutionAvailable ?? false,
              }
            : null
        }
        initialHints={hints}
        extraLibs={editorLibs}
        actions={actions}
        nextLesson={nav.next ? { title: nav.next.title, href: nav.next.href } : null}
        initialLayout={layout}
      />
      <LessonHotReload />
    </div>
  );
}
