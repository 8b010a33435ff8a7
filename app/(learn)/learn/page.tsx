import type { Metadata } from "next";

export const metadata: Metadata = { title: "Lessons" };

// Placeholder until the lesson catalog lands (issue: the learner's experience).
export default function LearnPage() {
  return (
    <div className="max-w-2xl space-y-2 py-8">
      <h1 className="text-2xl font-semibold">Lessons</h1>
      <p className="text-slate-600 dark:text-slate-400">The lesson catalog is not built yet.</p>
    </div>
  );
}
