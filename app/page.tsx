import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { suggestNext, suggestionText } from "@/lib/progress/catalog";
import { getCatalog } from "@/lib/progress/progress";

const FEATURES = [
  {
    title: "Real backend exercises",
    body: "Write HTTP handlers, SQL queries, password hashing and tests. Your code runs on the server in a sandbox: nothing to install.",
  },
  {
    title: "Feedback that teaches",
    body: "Every failing test says what was sent, what was expected and what came back, with your own line numbers.",
  },
  {
    title: "Hidden tests, like production",
    body: "Example tests show the idea; hidden tests catch the off-by-one, the missing header and the unescaped input.",
  },
  {
    title: "Yours to run",
    body: "Open source and self-hosted: one command starts it on SQLite, lessons are plain files reviewed in git, and a grading API serves your LMS or CI.",
  },
];

export default async function HomePage() {
  const user = await getCurrentUser();
  const catalog = user ? await getCatalog(user.id) : null;
  // The same suggestion as the catalog's (lib/progress/catalog.ts), so the two never disagree.
  const suggestion = catalog ? suggestNext(catalog) : null;
  const text = suggestion ? suggestionText(suggestion) : null;
  return (
    <div className="space-y-12 py-8">
      {suggestion && text ? (
        <section
          aria-labelledby="continue"
          className="rounded-lg border border-brand-100 bg-brand-50 p-5 dark:border-slate-800 dark:bg-slate-900"
          data-testid="continue"
          data-lesson={suggestion.lesson.id}
        >
          <h2
            id="continue"
            className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-300"
          >
            {text.heading}
          </h2>
          <p className="mt-1 text-lg font-semibold">{suggestion.lesson.title}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {catalog?.completed} of {catalog?.total} lessons completed.
          </p>
          <Link href={suggestion.lesson.href} className={buttonClasses("primary", "mt-3")}>
            {text.action}
          </Link>
        </section>
      ) : null}
      <section className="max-w-3xl space-y-4">
        <h1 className="text-4xl font-bold tracking-tight sm:text-5xl">
          Learn backend development by doing it.
        </h1>
        <p className="text-lg text-slate-700 dark:text-slate-300">
          Serverside teaches HTTP and APIs, databases, security and testing with short lessons and exercises
          that run for real, graded by hidden tests.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/learn" className={buttonClasses("primary", "px-5 py-2.5 text-base")}>
            Browse lessons
          </Link>
          {user ? null : (
            <Link href="/sign-up" className={buttonClasses("secondary", "px-5 py-2.5 text-base")}>
              Create a free account
            </Link>
          )}
        </div>
      </section>
      <section aria-labelledby="features" className="space-y-4">
        <h2 id="features" className="sr-only">
          What you get
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {FEATURES.map((feature) => (
            <li
              key={feature.title}
              className="rounded-lg border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
            >
              <h3 className="font-semibold">{feature.title}</h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
