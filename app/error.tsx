"use client";

import { Button } from "@/components/ui/button";

/** Shown when a page fails on the server or in the browser. The details stay in the server log. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center" role="alert">
      <p className="font-mono text-sm text-red-600">500 Internal Server Error</p>
      <h1 className="mt-2 text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Nothing you typed was lost. Try again; if it keeps happening, tell your instructor or the admin
        {error.digest ? (
          <>
            {" "}
            and quote <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
