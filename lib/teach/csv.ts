/**
 * CSV (RFC 4180) for the progress export. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) are prefixed with an apostrophe: learner names are user input.
 */
import type { LearnerLessonRow } from "./progress-report.ts";

/** One CSV cell, quoted when needed and defused against formula injection. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const PROGRESS_CSV_HEADER = [
  "learner_email",
  "learner_name",
  "track",
  "lesson",
  "attempts",
  "failed_attempts",
  "passed",
  "first_passed_at",
  "hints_used",
  "last_submission_at",
];

/** The progress export: one line per learner and lesson. */
export function buildProgressCsv(
  learners: { learner: { email: string; name: string | null }; rows: LearnerLessonRow[] }[],
): string {
  const lines = [PROGRESS_CSV_HEADER.join(",")];
  for (const { learner, rows } of learners) {
    for (const row of rows) {
      lines.push(
        [
          learner.email,
          learner.name,
          row.trackId,
          row.lessonId,
          row.attempts,
          row.failedAttempts,
          row.passed,
          row.firstPassedAt?.toISOString() ?? null,
          row.hintsUsed,
          row.lastSubmissionAt?.toISOString() ?? null,
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
