"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";

/** "Reset to starter" behind a confirmation (a native modal dialog: focus trapped, Escape cancels). */
export function ResetDialog({ onConfirm, multiFile = false }: { onConfirm(): void; multiFile?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button type="button" variant="ghost" onClick={() => dialog.current?.showModal()} data-testid="reset">
        Reset to starter
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="reset-title"
        aria-describedby="reset-body"
        className="m-auto max-w-sm rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="reset-title" className="text-lg font-semibold">
          Reset your code?
        </h2>
        <p id="reset-body" className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          {multiFile
            ? "Every one of your files is replaced by its starter code and your saved drafts are deleted."
            : "Your code is replaced by the starter code and your saved draft is deleted."}{" "}
          You can still undo with Ctrl+Z in the editor until you leave the page.
        </p>
        <form method="dialog" className="mt-4 flex justify-end gap-2">
          <Button type="submit" variant="secondary" autoFocus>
            Cancel
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            Reset
          </Button>
        </form>
      </dialog>
    </>
  );
}
