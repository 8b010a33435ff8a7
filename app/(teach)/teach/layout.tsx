import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/session";

const tab =
  "rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";

// Navigation only: every page checks access itself (layouts are not re-run on client navigation).
export default async function TeachLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <div className="space-y-6">
      <nav
        aria-label="Teaching"
        className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 dark:border-slate-800"
      >
        <Link href="/teach" className={tab}>
          Progress
        </Link>
        <Link href="/teach/keys" className={tab}>
          API keys
        </Link>
        <a href="/teach/progress.csv" className={tab} download>
          Export CSV
        </a>
        {user?.role === "admin" ? (
          <Link href="/teach/audit" className={tab}>
            Audit log
          </Link>
        ) : null}
      </nav>
      {children}
    </div>
  );
}
