import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="font-mono text-sm text-brand-700 dark:text-brand-300">404 Not Found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is nothing at this address</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        The link may be old, or the lesson may have moved.
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Link href="/" className={buttonClasses("secondary")}>
          Home
        </Link>
        <Link href="/learn" className={buttonClasses("primary")}>
          Browse lessons
        </Link>
      </div>
    </div>
  );
}
