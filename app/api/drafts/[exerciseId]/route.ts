/**
 * The signed-in learner's drafts of one exercise (lib/progress/drafts.ts). One draft per file:
 * `file` is "" for a one-file exercise, one of the exercise's file names otherwise.
 *
 *   GET    -> 200 {drafts: [{file, code, revision, savedAt}]}   (code null: reset to the starter)
 *   PUT    {code, baseRevision, file?} -> 200 {revision, savedAt}
 *          409 {error, current: {file, code, revision, savedAt}} when baseRevision is not the
 *          current revision (another tab or device saved since): nothing is written.
 *   DELETE -> 200 {drafts: [...]} every file back to its starter (the revisions move on).
 *
 * baseRevision is the revision the code was edited from (0: no draft yet). A PUT whose code is
 * already the current code is answered 200 with the current revision, so a retried save whose
 * answer was lost is not a conflict.
 *
 * The lesson editor saves through this route rather than a Server Action because a page's Server
 * Actions run one at a time: a save would wait behind a running grade. A route handler runs
 * concurrently, and `fetch(..., { keepalive: true })` can still finish it after the page is gone.
 * Cross-site requests cannot reach PUT or DELETE with the learner's cookie without a CORS
 * preflight (neither is a "simple" method), which this route never answers.
 *
 * Errors as {error}: 400 (bad JSON or shape, a file the exercise does not have, code holding U+0000), 401 (not signed
 * in), 404 (no such exercise), 413 (draft too long), 415 (not JSON), 500 (logged here).
 */
import { refuseOtherMethods } from "@/lib/http/api-routes";
import { z } from "zod";
import { readJsonBody } from "@/lib/api/read-body";
import { getCurrentUser } from "@/lib/auth/session";
import { getExercise } from "@/lib/content";
import { exerciseIdSchema } from "@/lib/content/schema";
import { hasNul } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  listDrafts,
  MAX_DRAFT_CHARS,
  NUL_IN_DRAFT,
  resetDrafts,
  saveDraft,
  type SavedDraft,
} from "@/lib/progress/drafts";

type Context = { params: Promise<{ exerciseId: string }> };

const draftBodySchema = z.object({
  code: z.string(),
  file: z.string().max(64).optional(),
  baseRevision: z.number().int().min(0).max(2_147_483_646),
});
// A JSON string may take up to 6 bytes per character (\u escapes); the character limit is checked after parsing.
const MAX_BODY_BYTES = MAX_DRAFT_CHARS * 6 + 1024;

const fail = (status: number, error: string) => Response.json({ error }, { status });
const noStore = { "Cache-Control": "no-store" };
const toJson = (d: SavedDraft) => ({
  file: d.file,
  code: d.code,
  revision: d.revision,
  savedAt: d.savedAt?.toISOString() ?? null,
});

/** Runs a handler; a dropped request or an unexpected failure becomes an {error} answer. */
async function handle(request: Request, what: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    // The browser dropped the request (a save cut off by leaving the page; the page's keepalive flush
    // sends the same code again): nobody is waiting for an answer and nothing failed on our side.
    if (request.signal.aborted) return fail(400, "The request was aborted.");
    console.error(`[drafts] ${what} failed`, error);
    return fail(
      500,
      `The server could not ${what}. Your code is kept in this browser and will be sent again.`,
    );
  }
}

/** The signed-in learner and the exercise, or the error answer. */
async function learnerAndExercise(params: Context["params"]) {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: fail(401, "Sign in to save your code.") } as const;
  const { exerciseId } = await params;
  const exercise = exerciseIdSchema.safeParse(exerciseId).success ? await getExercise(exerciseId) : null;
  if (!exercise) return { ok: false, error: fail(404, "Unknown exercise.") } as const;
  return { ok: true, user, exercise } as const;
}

export async function GET(request: Request, { params }: Context): Promise<Response> {
  return handle(request, "read your drafts", async () => {
    const found = await learnerAndExercise(params);
    if (!found.ok) return found.error;
    const drafts = await listDrafts(found.user.id, found.exercise.id);
    return Response.json({ drafts: drafts.map(toJson) }, { headers: noStore });
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return handle(request, "reset your drafts", async () => {
    const found = await learnerAndExercise(params);
    if (!found.ok) return found.error;
    const drafts = await resetDrafts(found.user.id, found.exercise.id);
    return Response.json({ drafts: drafts.map(toJson) }, { headers: noStore });
  });
}

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  return handle(request, "save your draft", async () => {
    const found = await learnerAndExercise(params);
    if (!found.ok) return found.error;
    const { user, exercise } = found;

    let body: unknown;
    try {
      body = (await readJsonBody(request, MAX_BODY_BYTES)).value;
    } catch (error) {
      if (error instanceof AppError && error.code === "payload_too_large")
        return fail(413, "This draft is too long to save.");
      if (error instanceof AppError) return fail(error.status, error.message);
      throw error;
    }
    const parsed = draftBodySchema.safeParse(body);
    if (!parsed.success) {
      return fail(
        400,
        'Send {"code": "<your code>", "baseRevision": <the revision it was edited from, 0 for none>} as the body. If this page is old, reload it.',
      );
    }
    if (parsed.data.code.length > MAX_DRAFT_CHARS) {
      return fail(
        413,
        `This draft is too long to save (over ${MAX_DRAFT_CHARS.toLocaleString("en")} characters).`,
      );
    }

    if (hasNul(parsed.data.code)) return fail(400, NUL_IN_DRAFT);

    const file = parsed.data.file ?? "";
    // One-file exercises take no file; multi-file ones one of their own files, and nothing else.
    if (exercise.files ? !exercise.files.includes(file) : file !== "") {
      return fail(
        400,
        exercise.files
          ? `Send "file": one of ${exercise.files.join(", ")}.`
          : 'This exercise has one file: send {"code": "..."} without "file".',
      );
    }
    const saved = await saveDraft(user.id, exercise.id, file, parsed.data.code, parsed.data.baseRevision);
    if (!saved.ok) {
      return Response.json(
        {
          error: `A newer version (revision ${saved.current.revision}) was saved from another tab or device.`,
          current: toJson(saved.current),
        },
        { status: 409, headers: noStore },
      );
    }
    return Response.json(
      { revision: saved.revision, savedAt: saved.savedAt.toISOString() },
      { headers: noStore },
    );
  });
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PATCH, OPTIONS } = refuseOtherMethods(["GET", "PUT", "DELETE"]);
