import type { LessonStatus as Status } from "@/lib/progress/catalog";

const LOOK: Record<Status, { icon: string; text: string; cls: string }> = {
  completed: { icon: "✓", text: "Completed", cls: "border-emerald-600 bg-emerald-600 text-white" },
  started: { icon: "◐", text: "In progress", cls: "border-amber-500 text-amber-700 dark:text-amber-400" },
  "not-started": {
    icon: "",
    text: "Not started",
    cls: "border-slate-300 text-slate-400 dark:border-slate-600",
  },
};

/** A lesson's state as an icon with its name for screen readers (and a tooltip). */
export function LessonStatusIcon({ status }: { status: Status }) {
  const look = LOOK[status];
  return (
    <span
      className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full border-2 text-xs font-bold ${look.cls}`}
      title={look.text}
      data-status={status}
    >
      <span aria-hidden="true">{look.icon}</span>
      <span className="sr-only">{look.text}</span>
    </span>
  );
}
