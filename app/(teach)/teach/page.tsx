import type { Metadata } from "next";
import Link from "next/link";
import { requireTeacherPage } from "@/lib/teach/access";
import { getTeachOverview } from "@/lib/teach/progress-report";
import { BarChart } from "./_components/bar-chart";
import { bodyRow, cell, DataTable, rowHeader } from "@/components/teach/data-table";

export const metadata: Metadata = { title: "Learners' progress" };

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
            <DataTable
              caption={`Exercises of ${track.title}`}
              columns={[
                "Lesson",
                "Submitted",
                "Passed",
                "Pass rate",
                "Submits",
                "Submits to pass (mean)",
                "Runs",
                "Hints used",
              ]}
            >
              {track.lessons.map((lesson) => (
                <tr key={lesson.lessonId} className={bodyRow} data-testid={`lesson-row-${lesson.lessonId}`}>
                  <th scope="row" className={rowHeader}>
                    {lesson.title}
                    {lesson.hasExercise ? null : (
                      <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(no exercise)</span>
                    )}
                  </th>
                  <td className={cell}>{lesson.attempted}</td>
                  <td className={cell}>{lesson.passed}</td>
                  <td className={cell}>{percent(lesson.passRate)}</td>
                  <td className={cell}>{lesson.attempts}</td>
                  <td className={cell}>
                    {lesson.meanAttemptsToPass === null ? "–" : lesson.meanAttemptsToPass.toFixed(1)}
                  </td>
                  <td className={cell}>{lesson.runs}</td>
                  <td className={cell}>{lesson.hintsUsed}</td>
                </tr>
              ))}
            </DataTable>
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
          <DataTable
            columns={[
              "Learner",
              ...overview.tracks.map((track) => track.title),
              "Submits",
              "Hints",
              "Last run or submission",
            ]}
          >
            {overview.learners.map((learner) => (
              <tr key={learner.id} className={bodyRow}>
                <th scope="row" className={rowHeader}>
                  <Link
                    href={`/teach/learners/${learner.id}`}
                    className="text-brand-700 underline dark:text-brand-400"
                  >
                    {learner.name ? `${learner.name} (${learner.email})` : learner.email}
                  </Link>
                </th>
                {overview.tracks.map((track) => (
                  <td key={track.trackId} className={cell}>
                    {learner.passedByTrack[track.trackId] ?? 0}/
                    {track.lessons.filter((l) => l.hasExercise).length}
                  </td>
                ))}
                <td className={cell}>{learner.attempts}</td>
                <td className={cell}>{learner.hintsUsed}</td>
                <td className={cell}>
                  {learner.lastActivity
                    ? learner.lastActivity.toISOString().replace("T", " ").slice(0, 16)
                    : "–"}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
