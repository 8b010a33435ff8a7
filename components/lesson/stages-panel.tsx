"use client";

import { useState } from "react";
import type { PublicStage } from "@/lib/content/public-types";

/**
 * A project's stages: passed ones, the current one (what Run and Submit grade), and locked ones.
 * Every stage's instructions can be read; only the current stage is graded.
 */
export function StagesPanel({ stages, stagesPassed }: { stages: PublicStage[]; stagesPassed: number }) {
  const current = Math.min(stagesPassed + 1, stages.length);
  // The stage the learner picked to read, until a stage is passed (then the new current one shows).
  const [shown, setShown] = useState<{ index: number; at: number } | null>(null);
  const selected = shown && shown.at === stagesPassed ? shown.index : current;
  const stage = stages[selected - 1]!;
  const stateOf = (index: number) =>
    index <= stagesPassed ? "passed" : index === current ? "current" : "locked";
  const allPassed = stagesPassed >= stages.length;

  return (
    <section
      aria-labelledby="stages-heading"
      className="space-y-3"
      data-testid="stages"
      data-current={current}
      data-passed={stagesPassed}
    >
      <h3 id="stages-heading" className="text-sm font-semibold">
        {allPassed ? `All ${stages.length} stages passed` : `Stage ${current} of ${stages.length}`}
      </h3>
      <ol className="flex flex-wrap gap-2" aria-label="Stages">
        {stages.map((s) => {
          const state = stateOf(s.index);
          const look =
            state === "passed"
              ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
              : state === "current"
                ? "border-brand-600 bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100"
                : "border-slate-200 bg-slate-50 text-slate-500 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400";
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => setShown({ index: s.index, at: stagesPassed })}
                aria-pressed={selected === s.index}
                aria-current={state === "current" ? "step" : undefined}
                data-testid={`stage-${s.index}`}
                data-state={state}
                className={`rounded-md border px-2 py-1 text-xs ${look} ${selected === s.index ? "ring-2 ring-brand-600/40" : ""}`}
              >
                <span aria-hidden="true">
                  {state === "passed" ? "✓ " : state === "locked" ? "🔒 " : "▶ "}
                </span>
                {s.index}. {s.title}
                <span className="sr-only"> ({state})</span>
              </button>
            </li>
          );
        })}
      </ol>
      <div
        className="rounded-md border border-slate-200 p-3 dark:border-slate-800"
        data-testid="stage-instructions"
      >
        <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">
          {stateOf(selected) === "locked"
            ? `Locked: pass stage ${current} first. You can read ahead.`
            : stateOf(selected) === "passed"
              ? "Passed. Its tests keep running in every later stage."
              : `Run and Submit grade this stage${current > 1 ? ` together with stages 1-${current - 1} (regressions fail)` : ""}.`}
        </p>
        <h4 className="text-sm font-semibold">
          Stage {stage.index}: {stage.title}
        </h4>
        <div
          className="prose prose-sm max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none"
          dangerouslySetInnerHTML={{ __html: stage.instructionsHtml }}
        />
      </div>
    </section>
  );
}
