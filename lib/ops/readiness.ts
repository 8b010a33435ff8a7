import "server-only";
import { db } from "../db.ts";
import { getServerGrader, isDraining } from "../grading/grader.ts";
import { isGraderWarm } from "../grading/lifecycle.ts";

/** What /api/ready reports: each check's state, and the first reason this server should not get traffic. */
export type Readiness = {
  ready: boolean;
  reason?: "stopping" | "database_unreachable" | "grader_starting" | "grader_unavailable";
  message?: string;
  checks: { database: "ok" | "unreachable"; grader: "warm" | "starting" | "unavailable"; stopping: boolean };
};

/** How long the database may take to answer `SELECT 1` before this server counts as not ready. */
const DATABASE_TIMEOUT_MS = 3_000;

/** Checks the database (one round trip, bounded), the grader's warm-up and workers, and draining. */
export async function checkReadiness(): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const database = await Promise.race([
    db.$queryRaw`SELECT 1`.then(() => "ok" as const),
    new Promise<"unreachable">(
      (resolve) => (timer = setTimeout(() => resolve("unreachable"), DATABASE_TIMEOUT_MS)),
    ),
  ]).catch((error: unknown) => {
    console.error("[ready] database check failed", error);
    return "unreachable" as const;
  });
  clearTimeout(timer);
  const workers = getServerGrader().stats().workers;
  const grader = workers === 0 ? "unavailable" : isGraderWarm() ? "warm" : "starting";
  const stopping = isDraining();
  const checks = { database, grader, stopping } as const;
  if (stopping)
    return {
      ready: false,
      reason: "stopping",
      message: "This server is stopping: it finishes what it has and takes nothing new.",
      checks,
    };
  if (database !== "ok")
    return {
      ready: false,
      reason: "database_unreachable",
      message: `The database did not answer within ${DATABASE_TIMEOUT_MS} ms.`,
      checks,
    };
  if (grader === "unavailable")
    return {
      ready: false,
      reason: "grader_unavailable",
      message: "The grader's worker processes could not start.",
      checks,
    };
  if (grader === "starting")
    return {
      ready: false,
      reason: "grader_starting",
      message: "The grader's workers are starting or failed their warm-up.",
      checks,
    };
  return { ready: true, checks };
}
