"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revokeKeyAction } from "./actions";

/** "Revoke" behind a confirmation (a native modal dialog: focus trapped, Escape cancels). */
export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const titleId = `revoke-title-${id}`;
  const bodyId = `revoke-body-${id}`;

  function confirm() {
    const form = new FormData();
    form.set("id", id);
    startTransition(async () => {
      const result = await revokeKeyAction(form);
      if (result.ok) {
        dialog.current?.close();
        setError(null);
      } else {
        setError(result.error ?? "The key could not be revoked.");
      }
    });
  }

  return (
    <>
      <Button
        type="button"
        variant="danger"
        className="px-2 py-1"
        onClick={() => dialog.current?.showModal()}
        aria-label={`Revoke ${name}`}
      >
        Revoke
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        className="m-auto max-w-sm rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Revoke “{name}”?
        </h2>
        <p id={bodyId} className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          Every system that uses this key is refused from now on (401). This cannot be undone: to grade again,
          create a new key and give it to them.
        </p>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <Button type="submit" variant="secondary" autoFocus>
            Cancel
          </Button>
          <Button type="button" variant="danger" onClick={confirm} disabled={pending} aria-busy={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </Button>
        </form>
      </dialog>
    </>
  );
}
