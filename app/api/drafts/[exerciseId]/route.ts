/**
 * PUT /api/drafts/:exerciseId with {"code": "..."}: saves the signed-in learner's draft. Multi-file
 * exercises save one file at a time: {"file": "store.ts", "code": "..."} (file: one of the exercise's).
 *
 * The lesson editor saves through this route rather than a Server Action because a page's Server
 * Actions run one at a time: a save would wait behind a running grade. A route handler runs
 * concurrently, and `fetch(..., { keepalive: true })` can still finish it after the page is gone.
 * Cross-site requests cannot reach it with the learner's cookie without a CORS preflight (PUT is
 * not a "simple" method), which this route never answers.
 *
 * Responses: 200 {savedAt}; errors as {error} with 400 (bad JSON or shape, a file the exercise does not have), 401 (not signed in),
 * 404 (no such exercise), 413 (draft too long), 415 (not JSON), 500 (logged here).
 */
import { z } from "zod";
import { readJsonBody } from "@/lib/api/read-body";
import { getCurrentUser } from "@/lib/auth/session";
import { getExercise } from "@/lib/content";
import { AppError } from "@/lib/errors";
import { MAX_DRAFT_CHARS, saveDraft } from "@/lib/progress/progress";

type Context = { params: Promise<{ exerciseId: string }> };

const exerciseIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);
const draftBodySchema = z.object({ code: z.string(), file: z.string().max(64).optional() });
// A JSON string may take up to 6 bytes per character (\u escapes); the character limit is checked after parsing.
const MAX_BODY_BYTES = MAX_DRAFT_CHARS * 6 + 1024;

const fail = (status: number, error: string) => Response.json({ error }, { status });

export async function PUT(request: Request, context: Context): Promise<Response> {
  try {
    return await putDraft(request, context);
  } catch (error) {
    // The browser dropped the request (a save cut off by leaving the page; the page's keepalive flush
    // sends the same code again): nobody is waiting for an answer and nothing failed on our side.
    if (request.signal.aborted) return fail(400, "The request was aborted.");
    console.error("[drafts] saving a draft failed", error);
    return fail(500, "The server could not save your draft. It will try again on your next change.");
  }
}

async function putDraft(request: Request, { params }: Context): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return fail(401, "Sign in to save your code.");
  const { exerciseId } = await params;
  const exercise = exerciseIdSchema.safeParse(exerciseId).success ? await getExercise(exerciseId) : null;
  if (!exercise) return fail(404, "Unknown exercise.");

  let body: unknown;
  try {
    body = (await readJsonBody(request, MAX_BODY_BYTES)).value;
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") return fail(413, "This draft is too long to save.");
    if (error instanceof AppError) return fail(error.status, error.message);
    throw error;
  }
  const parsed = draftBodySchema.safeParse(body);
  if (!parsed.success) return fail(400, 'Send {"code": "<your code>"} as the body.');
  if (parsed.data.code.length > MAX_DRAFT_CHARS) {
    return fail(413, `This draft is too long to save (over ${MAX_DRAFT_CHARS.toLocaleString("en")} characters).`);
  }

  const file = parsed.data.file ?? "";
  // One-file exercises take no file; multi-file ones one of their own files, and nothing else.
  if (exercise.files ? !exercise.files.includes(file) : file !== "") {
    return fail(400, exercise.files ? `Send "file": one of ${exercise.files.join(", ")}.` : 'This exercise has one file: send {"code": "..."} without "file".');
  }
  const saved = await saveDraft(user.id, exerciseId, parsed.data.code, file);
  return Response.json({ savedAt: saved.updatedAt.toISOString() });
}
