/**
 * The grader's part in the server's life: started and warmed when the server starts, drained on
 * SIGTERM (or SIGINT). Called once from instrumentation.ts.
 *
 * On the first signal: new grades are refused (503 with Retry-After, a clear message in the UI),
 * grades in flight finish and are recorded, and Next.js (which closes its listener and waits for
 * open requests on the same signal) then exits. If grades are still running after
 * SHUTDOWN_DRAIN_SECONDS, the process exits anyway.
 */
import "server-only";
import { env } from "../env.ts";
import { gradesInFlight, getServerGrader, stopAcceptingGrades, waitForGradesInFlight } from "./grader.ts";

const STARTED_KEY = Symbol.for("serverside.grading.lifecycle");
const WARM_KEY = Symbol.for("serverside.grading.warm");
const processGlobal = globalThis as typeof globalThis & { [STARTED_KEY]?: boolean; [WARM_KEY]?: boolean };

/** Whether the grader's workers have started and passed their warm-up job (readiness). */
export function isGraderWarm(): boolean {
  return processGlobal[WARM_KEY] === true;
}

/** A tiny job per worker, so each worker's first real grade finds its code paths warm. */
const WARM_UP_JOB = {
  kind: "code" as const,
  language: "ts" as const,
  code: "export const add = (a: number, b: number): number => a + b;",
  tests: [
    {
      name: "warm-up.test.ts",
      source: 'import { add } from "./solution";\ntest("adds", () => { expect(add(1, 2)).toBe(3); });',
      hidden: false,
    },
  ],
};

/** Starts the pool, waits for its workers, warms them, and installs the shutdown handlers. */
export async function startServerGrading(): Promise<void> {
  if (processGlobal[STARTED_KEY]) return;
  processGlobal[STARTED_KEY] = true;
  installShutdownHandlers();
  const started = performance.now();
  const grader = getServerGrader();
  await grader.whenReady();
  const workers = grader.workerPids().length;
  const results = await Promise.all(
    Array.from({ length: workers }, () =>
      grader.grade(WARM_UP_JOB, { owner: "warm-up" }).catch((error: unknown) => error),
    ),
  );
  const failed = results.filter(
    (r) => !(typeof r === "object" && r !== null && "status" in r && r.status === "pass"),
  );
  if (failed.length > 0) console.error("[serverside] grader warm-up did not pass:", failed);
  else processGlobal[WARM_KEY] = true;
  console.log(
    `[serverside] grader ready: ${workers} worker(s) in ${Math.round(performance.now() - started)} ms`,
  );
}

function installShutdownHandlers(): void {
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A signal often arrives twice (sent to the process group, and forwarded by `npm start`).
    if (draining) return;
    draining = true;
    stopAcceptingGrades();
    const limitMs = env.SHUTDOWN_DRAIN_SECONDS * 1000;
    console.log(
      `[serverside] ${signal}: taking no new grades; finishing ${gradesInFlight()} in flight (at most ${env.SHUTDOWN_DRAIN_SECONDS} s)`,
    );
    void waitForGradesInFlight(limitMs).then((drained) => {
      if (drained) {
        console.log("[serverside] grades in flight finished");
        // Next.js exits once its open requests are answered; this bounds the wait for the rest.
        setTimeout(() => process.exit(128 + (signal === "SIGINT" ? 2 : 15)), 2_000).unref();
        return;
      }
      console.error(
        `[serverside] ${gradesInFlight()} grade(s) still running after ${env.SHUTDOWN_DRAIN_SECONDS} s: exiting anyway`,
      );
      process.exit(1);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
