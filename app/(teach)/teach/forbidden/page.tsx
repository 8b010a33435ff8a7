import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Instructors only" };

export default function TeachForbiddenPage() {
  return (
    <div className="max-w-xl space-y-3 py-8">
      <h1 className="text-2xl font-semibold">Instructors only</h1>
      <p className="text-slate-600 dark:text-slate-400">
        This part of Serverside is for instructors and admins. Your own progress is on the{" "}
        <Link href="/learn" className="text-brand-700 underline dark:text-brand-400">
          lessons page
        </Link>
        .
      </p>
    </div>
  );
}
