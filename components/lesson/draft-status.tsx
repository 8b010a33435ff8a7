"use client";

import type { LearnerFiles } from "./use-learner-files";

/** One line saying whether the learner's code is saved, and where. */
export function DraftStatus({
  learner,
  className = "",
}: {
  learner: Pick<LearnerFiles, "status">;
  className?: string;
}) {
  const { state, message } = learner.status;
  const text =
    state === "saving"
      ? (message ?? "Saving…")
      : state === "saved"
        ? (message ?? "Saved")
        : state === "offline"
          ? "Offline: kept in this browser"
          : state === "retrying"
            ? "Not saved yet: kept in this browser, retrying"
            : state === "error"
              ? `Not saved: ${message}`
              : "";
  const warn = state === "offline" || state === "retrying" || state === "error";
  return (
    <span
      className={`text-xs ${warn ? "text-amber-800 dark:text-amber-200" : "text-slate-600 dark:text-slate-400"} ${className}`}
      role="status"
      title={message}
      data-testid="save-status"
      data-state={state}
    >
      {text}
    </span>
  );
}

/** Where this browser's copy and the saved copy differ: which one is shown, and a button for the other. */
export function DraftNotices({
  learner,
}: {
  learner: Pick<LearnerFiles, "notices" | "chooseOther" | "dismissNotice" | "names">;
}) {
  if (!learner.notices.length) return null;
  const multi = learner.names.length > 1;
  return (
    <div className="space-y-2">
      {learner.notices.map((notice) => (
        <div
          key={notice.name}
          role="status"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
          data-testid="draft-notice"
          data-file={notice.name}
        >
          <span className="min-w-0 flex-1">
            {multi ? <strong className="font-semibold">{notice.name}: </strong> : null}
            {notice.message}
          </span>
          <button
            type="button"
            className="font-medium underline underline-offset-2"
            onClick={() => learner.chooseOther(notice.name)}
            data-testid="draft-notice-other"
          >
            {notice.action}
          </button>
          <button
            type="button"
            className="underline underline-offset-2"
            onClick={() => learner.dismissNotice(notice.name)}
            aria-label={`Dismiss the note about ${notice.name}`}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
