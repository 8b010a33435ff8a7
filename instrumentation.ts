/**
 * Runs once when the Next.js server starts: starts the grader's worker pool (one per process) and
 * warms it, so the first grades after a start are as fast as the rest, and installs the graceful
 * shutdown (lib/grading/lifecycle.ts); starts the hourly clean-up of old sign-in throttle rows and
 * expired sessions (lib/auth/maintenance.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAccountMaintenance } = await import("./lib/auth/maintenance.ts");
  startAccountMaintenance();
  const { startServerGrading } = await import("./lib/grading/lifecycle.ts");
  await startServerGrading();
}
