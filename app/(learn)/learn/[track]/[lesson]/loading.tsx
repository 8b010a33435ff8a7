/** Shown while a lesson page renders (navigations between lessons stream in behind this). */
export default function LessonLoading() {
  return (
    <div className="grid animate-pulse gap-8 lg:grid-cols-2" role="status" aria-label="Loading the lesson">
      <div className="space-y-3">
        <div className="h-4 w-40 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-8 w-3/4 rounded bg-slate-200 dark:bg-slate-800" />
        {Array.from({ length: 8 }, (_, i) => (
          <div
            key={i}
            className="h-4 rounded bg-slate-200 dark:bg-slate-800"
            style={{ width: `${70 + ((i * 37) % 30)}%` }}
          />
        ))}
      </div>
      <div className="h-96 rounded-lg bg-slate-200 dark:bg-slate-800" />
      <span className="sr-only">Loading the lesson…</span>
    </div>
  );
}
