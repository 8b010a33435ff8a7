"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { LessonActions, ProgressSnapshot } from "./lesson-actions";

/**
 * The reference solution, offered once the exercise is passed or after enough failed submissions.
 * The server decides (revealSolution checks progress again); this only shows where the learner stands.
 */
export function SolutionPanel({
  exerciseId,
  signedIn,
  signInHref,
  revealSolutionAfter,
  progress,
  revealSolution,
}: {
  exerciseId: string;
  signedIn: boolean;
  signInHref: string;
  revealSolutionAfter: number;
  progress: ProgressSnapshot | null;
  revealSolution: LessonActions["revealSolution"];
}) {
  const [solution, setSolution] = useState<{
    files: { name: string; source: string }[];
    stage: number | null;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const available = progress?.solutionAvailable ?? false;

  async function show() {
    setPending(true);
    setError(null);
    try {
      const outcome = await revealSolution({ exerciseId });
      if (outcome.ok) setSolution({ files: outcome.files, stage: outcome.stage });
      else setError(outcome.error);
    } catch {
      setError("Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  const left = Math.max(0, revealSolutionAfter - (progress?.failedAttempts ?? 0));
  return (
    <section aria-labelledby="solution-heading" className="space-y-2" data-testid="solution">
      <h3 id="solution-heading" className="text-sm font-semibold">
        Reference solution
      </h3>
      {solution ? (
        <div className="space-y-2">
          {solution.stage !== null ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              At the end of stage {solution.stage}.
            </p>
          ) : null}
          {solution.files.map((file) => (
            <div key={file.name}>
              {solution.files.length > 1 ? (
                <p className="font-mono text-xs font-semibold">{file.name}</p>
              ) : null}
              <pre
                className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800"
                aria-label={`Reference solution, ${file.name}`}
                tabIndex={0}
                data-file={file.name}
              >
                {file.source}
              </pre>
            </div>
          ))}
        </div>
      ) : !signedIn ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href={signInHref} className="underline">
            Sign in
          </Link>{" "}
          to unlock it after you pass, or after {revealSolutionAfter} failed submissions.
        </p>
      ) : available ? (
        <Button type="button" variant="secondary" onClick={show} disabled={pending}>
          {pending
            ? "Loading…"
            : progress?.passed
              ? "Compare with the reference solution"
              : "Show the reference solution"}
        </Button>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Unlocks when you pass, or after {left} more failed submission{left === 1 ? "" : "s"}. Try the hints
          first.
        </p>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </section>
  );
}
