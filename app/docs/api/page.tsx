import type { Metadata } from "next";

export const metadata: Metadata = { title: "API reference" };

// Placeholder until the grading API lands (issue: the grading API and the instructor's view).
export default function ApiDocsPage() {
  return (
    <div className="max-w-2xl space-y-2 py-8">
      <h1 className="text-2xl font-semibold">API reference</h1>
      <p className="text-slate-600 dark:text-slate-400">The grading API is not built yet.</p>
    </div>
  );
}
