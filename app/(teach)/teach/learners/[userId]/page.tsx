import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireTeacherPage } from "@/lib/teach/access";
import { listLearnerLessonRows } from "@/lib/teach/progress-report";
import { BarChart } from "../../_components/bar-chart";

export const metadata: Metadata = { title: "Learner" };

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2";
const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "–");

export default async function LearnerPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  await requireTeacherPage(`/teach/learners/${userId}`);
  const [entry] = await listLearnerLessonRows(userId);
  if (!entry) notFound();
  const { learner, rows } = entry;
  const tracks = [...new Map(rows.map((row) => [row.trackId, row.trackTitle])).entries()];
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/teach" className="text-brand-700 underline dark:text-brand-400">
            All learners
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{learner.name ?? learner.email}</h1>
        <p className="text-slate-600 dark:text-slate-400">{learner.email}</p>
      </header>
      <BarChart
        title="Lessons passed per track"
        max={1}
        bars={tracks.map(([trackId, title]) => {
          const inTrack = rows.filter((row) => row.trackId === trackId);
          const passed = inTrack.filter((row) => row.passed).length;
          return {
            label: title,
            value: inTrack.length ? passed / inTrack.length : null,
            text: `${passed}/${inTrack.length}`,
          };
        })}
      />
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Progress per lesson</caption>
          <thead className="border-b border-slate-200 dark:border-slate-700">
            <tr>
              <th scope="col" className={th}>
                Track
              </th>
              <th scope="col" className={th}>
                Lesson
              </th>
              <th scope="col" className={th}>
                Passed
              </th>
              <th scope="col" className={th}>
                Submits
              </th>
              <th scope="col" className={th}>
                Failed submits
              </th>
              <th scope="col" className={th}>
                Hints
              </th>
              <th scope="col" className={th}>
                First passed
              </th>
              <th scope="col" className={th}>
                Last run or submission
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.lessonId} className="border-b border-slate-100 dark:border-slate-800">
                <td className={td}>{row.trackTitle}</td>
                <th scope="row" className={`${td} text-left font-normal`}>
                  {row.lessonTitle}
                </th>
                <td className={td} data-testid={`passed-${row.lessonId}`}>
                  {row.passed
                    ? "yes"
                    : row.stageCount > 0 && row.stagesPassed > 0
                      ? `stage ${row.stagesPassed}/${row.stageCount}`
                      : "no"}
                </td>
                <td className={td}>{row.attempts}</td>
                <td className={td}>{row.failedAttempts}</td>
                <td className={td}>{row.hintsUsed}</td>
                <td className={td}>{when(row.firstPassedAt)}</td>
                <td className={td}>{when(row.lastSubmissionAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
