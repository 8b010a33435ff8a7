import type { Metadata } from "next";
import Link from "next/link";
import { LessonList } from "@/components/progress/lesson-list";
import { ProgressBar } from "@/components/progress/progress-bar";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { nextInTrack, suggestNext, suggestionText } from "@/lib/progress/catalog";
import { getCatalog } from "@/lib/progress/progress";

export const metadata: Metadata = { title: "Lessons" };

export default async function LearnPage() {
  const user = await getCurrentUser();
  const catalog = await getCatalog(user?.id ?? null);
  // The same suggestion as the home page's (lib/progress/catalog.ts).
  const suggestion = suggestNext(catalog);
  const text = suggestion ? suggestionText(suggestion) : null;
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">Lessons</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-400">
          Short lessons, each with an exercise that runs for real and is graded by hidden tests. Take the
          tracks in any order.
        </p>
        {user ? (
          <div className="max-w-md" data-testid="overall-progress">
            <ProgressBar value={catalog.completed} max={catalog.total} label="All lessons" />
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <Link
              href="/sign-in?next=/learn"
              className="font-medium text-brand-700 underline dark:text-brand-100"
            >
              Sign in
            </Link>{" "}
            to keep your code and track your progress.
          </p>
        )}
      </header>

      {suggestion && text ? (
        <section
          aria-labelledby="next-heading"
          className="rounded-lg border border-brand-100 bg-brand-50 p-5 dark:border-slate-800 dark:bg-slate-900"
          data-testid="next-lesson"
          data-lesson={suggestion.lesson.id}
        >
          <h2
            id="next-heading"
            className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-300"
          >
            {text.heading}
          </h2>
          <p className="mt-1 text-lg font-semibold">{suggestion.lesson.title}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{suggestion.lesson.summary}</p>
          <Link href={suggestion.lesson.href} className={buttonClasses("primary", "mt-3")}>
            {text.action}
          </Link>
        </section>
      ) : catalog.total > 0 ? (
        <p className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          <span aria-hidden="true">✓ </span>You have completed every lesson. New ones appear here as they are
          written.
        </p>
      ) : null}

      {catalog.tracks.map((entry) => (
        <section
          key={entry.track.id}
          aria-labelledby={`track-${entry.track.id}`}
          className="space-y-3"
          data-testid={`track-${entry.track.id}`}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`track-${entry.track.id}`} className="text-xl font-semibold">
              <Link href={entry.track.href} className="hover:underline">
                {entry.track.title}
              </Link>
            </h2>
            <span className="text-sm text-slate-500 dark:text-slate-400">
              {entry.total} lesson{entry.total === 1 ? "" : "s"}
            </span>
          </div>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{entry.track.description}</p>
          {user ? (
            <ProgressBar value={entry.completed} max={entry.total} label={`${entry.track.title} progress`} />
          ) : null}
          <LessonList lessons={entry.lessons} nextId={user ? nextInTrack(entry)?.id : null} />
        </section>
      ))}
    </div>
  );
}
