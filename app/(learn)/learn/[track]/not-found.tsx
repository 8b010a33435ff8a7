import Link from "next/link";

export default function TrackNotFound() {
  return (
    <div className="max-w-xl space-y-3 py-12">
      <h1 className="text-2xl font-semibold">There is no such track or lesson</h1>
      <p className="text-slate-600 dark:text-slate-400">
        It may have been renamed or removed. The catalog lists every lesson.
      </p>
      <Link href="/learn" className="font-medium text-brand-700 underline dark:text-brand-100">
        Browse all lessons
      </Link>
    </div>
  );
}
