"use client";

import { useState } from "react";
import type { Hint } from "@/lib/content/public-types";
import { Button } from "@/components/ui/button";

/**
 * Asks the server for hint `index` (POST /api/hints/:exerciseId, a route handler: a Server Action
 * would wait behind a running grade). Failures are values.
 */
async function fetchHint(
  exerciseId: string,
  index: number,
): Promise<{ ok: true; hint: Hint } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(`/api/hints/${encodeURIComponent(exerciseId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ index }),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: "Could not reach the server. Try again." };
  }
  const data = (await response.json().catch(() => null)) as { hint?: Hint; error?: unknown } | null;
  if (response.ok && data?.hint) return { ok: true, hint: data.hint };
  return {
    ok: false,
    error:
      typeof data?.error === "string" ? data.error : `The server answered ${response.status}. Try again.`,
  };
}

/** Hints, revealed one at a time by the server; the ones already seen come back on reload. */
export function HintsPanel({
  exerciseId,
  hintCount,
  initialHints,
}: {
  exerciseId: string;
  hintCount: number;
  initialHints: Hint[];
}) {
  const [hints, setHints] = useState(initialHints);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (hintCount === 0) return null;

  async function showNext() {
    if (pending) return;
    setPending(true);
    setError(null);
    const outcome = await fetchHint(exerciseId, hints.length);
    if (outcome.ok)
      setHints((current) =>
        current.some((h) => h.index === outcome.hint.index) ? current : [...current, outcome.hint],
      );
    else setError(outcome.error);
    setPending(false);
  }

  return (
    <section aria-labelledby="hints-heading" className="space-y-2" data-testid="hints">
      <h3 id="hints-heading" className="text-sm font-semibold">
        Hints{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">
          ({hints.length} of {hintCount} shown)
        </span>
      </h3>
      {hints.length > 0 ? (
        <ol className="space-y-2">
          {hints.map((hint) => (
            <li
              key={hint.index}
              className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950"
              data-testid="hint"
            >
              <span className="font-medium">Hint {hint.index + 1}: </span>
              <div
                className="prose prose-sm inline max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none [&>p]:inline"
                dangerouslySetInnerHTML={{ __html: hint.html }}
              />
            </li>
          ))}
        </ol>
      ) : null}
      {hints.length < hintCount ? (
        <Button
          type="button"
          variant="secondary"
          onClick={showNext}
          disabled={pending}
          aria-busy={pending}
          data-testid="show-hint"
        >
          {pending
            ? "Getting a hint…"
            : hints.length === 0
              ? `Show a hint (1 of ${hintCount})`
              : `Show the next hint (${hints.length + 1} of ${hintCount})`}
        </Button>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">That was the last hint.</p>
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </section>
  );
}
