/**
 * Runs once when the Next.js server starts: starts the grader's worker pool (one per process) and
 * warms it, and loads the lessons, so the first grades after a start are as fast as the rest
 * (scripts/server.ts has this run before it listens), and installs the graceful
 * shutdown (lib/grading/lifecycle.ts); starts the hourly clean-up of old sign-in throttle rows and
 * expired sessions (lib/auth/maintenance.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startAccountMaintenance } = await import("./lib/auth/maintenance.ts");
  startAccountMaintenance();
  const { startServerGrading } = await import("./lib/grading/lifecycle.ts");
  const { listTracks } = await import("./lib/content/index.ts");
  // The lessons are parsed and highlighted once per process (seconds of CPU): here, beside the
  // grader's warm-up, rather than inside the first requests (a grade waited 20 s for it).
  const lessons = listTracks().then(
    () => undefined,
    (error: unknown) => console.error("[serverside] loading the lessons at start failed:", error),
  );
  await Promise.all([startServerGrading(), lessons]);
}
