import type { Metadata } from "next";
import Link from "next/link";
import { requireTeacherPage } from "@/lib/teach/access";
import { getTeachOverview } from "@/lib/teach/progress-report";
import { BarChart } from "./_components/bar-chart";

export const metadata: Metadata = { title: "Learners' progress" };

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2";
const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export default async function TeachPage() {
  await requireTeacherPage("/teach");
  const overview = await getTeachOverview();
  return (
    <div className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Learners&apos; progress</h1>
        <p className="text-slate-600 dark:text-slate-400" data-testid="teach-summary">
          {plural(overview.learnerCount, "learner")}, {plural(overview.submissionCount, "submission")} (graded
          against every test) and {plural(overview.runCount, "run")} (example tests only). Pass rate: learners
          who passed an exercise out of those who submitted it.
        </p>
      </header>

      {overview.tracks.map((track) => {
        const exercises = track.lessons.filter((lesson) => lesson.hasExercise);
        return (
          <section key={track.trackId} aria-labelledby={`track-${track.trackId}`} className="space-y-4">
            <h2 id={`track-${track.trackId}`} className="text-xl font-semibold">
              {track.title}
            </h2>
            {exercises.length ? (
              <BarChart
                title={`Pass rate per exercise in ${track.title}`}
                bars={exercises.map((lesson) => ({
                  label: lesson.title,
                  value: lesson.passRate,
                  text:
                    lesson.passRate === null
                      ? "no submits"
                      : `${percent(lesson.passRate)} (${lesson.passed}/${lesson.attempted})`,
                }))}
              />
            ) : null}
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">Exercises of {track.title}</caption>
                <thead className="border-b border-slate-200 dark:border-slate-700">
                  <tr>
                    <th scope="col" className={th}>
                      Lesson
                    </th>
                    <th scope="col" className={th}>
                      Submitted
                    </th>
                    <th scope="col" className={th}>
                      Passed
                    </th>
                    <th scope="col" className={th}>
                      Pass rate
                    </th>
                    <th scope="col" className={th}>
                      Submits
                    </th>
                    <th scope="col" className={th}>
                      Submits to pass (mean)
                    </th>
                    <th scope="col" className={th}>
                      Runs
                    </th>
                    <th scope="col" className={th}>
                      Hints used
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {track.lessons.map((lesson) => (
                    <tr
                      key={lesson.lessonId}
                      className="border-b border-slate-100 dark:border-slate-800"
                      data-testid={`lesson-row-${lesson.lessonId}`}
                    >
                      <th scope="row" className={`${td} text-left font-normal`}>
                        {lesson.title}
                        {lesson.hasExercise ? null : (
                          <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">
                            (no exercise)
                          </span>
                        )}
                      </th>
                      <td className={td}>{lesson.attempted}</td>
                      <td className={td}>{lesson.passed}</td>
                      <td className={td}>{percent(lesson.passRate)}</td>
                      <td className={td}>{lesson.attempts}</td>
                      <td className={td}>
                        {lesson.meanAttemptsToPass === null ? "–" : lesson.meanAttemptsToPass.toFixed(1)}
                      </td>
                      <td className={td}>{lesson.runs}</td>
                      <td className={td}>{lesson.hintsUsed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}

      <section aria-labelledby="learners" className="space-y-3">
        <h2 id="learners" className="text-xl font-semibold">
          Learners
        </h2>
        {overview.learners.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No learners have signed up yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="border-b border-slate-200 dark:border-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    Learner
                  </th>
                  {overview.tracks.map((track) => (
                    <th scope="col" key={track.trackId} className={th}>
                      {track.title}
                    </th>
                  ))}
                  <th scope="col" className={th}>
                    Submits
                  </th>
                  <th scope="col" className={th}>
                    Hints
                  </th>
                  <th scope="col" className={th}>
                    Last run or submission
                  </th>
                </tr>
              </thead>
              <tbody>
                {overview.learners.map((learner) => (
                  <tr key={learner.id} className="border-b border-slate-100 dark:border-slate-800">
                    <th scope="row" className={`${td} text-left font-normal`}>
                      <Link
                        href={`/teach/learners/${learner.id}`}
                        className="text-brand-700 underline dark:text-brand-400"
                      >
                        {learner.name ? `${learner.name} (${learner.email})` : learner.email}
                      </Link>
                    </th>
                    {overview.tracks.map((track) => (
                      <td key={track.trackId} className={td}>
                        {learner.passedByTrack[track.trackId] ?? 0}/
                        {track.lessons.filter((l) => l.hasExercise).length}
                      </td>
                    ))}
                    <td className={td}>{learner.attempts}</td>
                    <td className={td}>{learner.hintsUsed}</td>
                    <td className={td}>
                      {learner.lastActivity
                        ? learner.lastActivity.toISOString().replace("T", " ").slice(0, 16)
                        : "–"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
