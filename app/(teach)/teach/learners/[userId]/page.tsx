import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireTeacherPage } from "@/lib/teach/access";
import { listLearnerLessonRows } from "@/lib/teach/progress-report";
import { BarChart } from "../../_components/bar-chart";
import { bodyRow, cell, DataTable, rowHeader } from "@/components/teach/data-table";

export const metadata: Metadata = { title: "Learner" };

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
      <DataTable
        caption="Progress per lesson"
        columns={[
          "Track",
          "Lesson",
          "Passed",
          "Submits",
          "Failed submits",
          "Hints",
          "First passed",
          "Last run or submission",
        ]}
      >
        {rows.map((row) => (
          <tr key={row.lessonId} className={bodyRow}>
            <td className={cell}>{row.trackTitle}</td>
            <th scope="row" className={rowHeader}>
              {row.lessonTitle}
            </th>
            <td className={cell} data-testid={`passed-${row.lessonId}`}>
              {row.passed
                ? "yes"
                : row.stageCount > 0 && row.stagesPassed > 0
                  ? `stage ${row.stagesPassed}/${row.stageCount}`
                  : "no"}
            </td>
            <td className={cell}>{row.attempts}</td>
            <td className={cell}>{row.failedAttempts}</td>
            <td className={cell}>{row.hintsUsed}</td>
            <td className={cell}>{when(row.firstPassedAt)}</td>
            <td className={cell}>{when(row.lastSubmissionAt)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
