/**
 * Runs once when the Next.js server starts: starts the grader's worker pool (one per process) and
 * warms it, so the first grades after a start are as fast as the rest, and installs the graceful
 * shutdown (lib/grading/lifecycle.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerGrading } = await import("./lib/grading/lifecycle.ts");
  await startServerGrading();
}
