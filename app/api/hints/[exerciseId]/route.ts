/**
 * POST /api/hints/:exerciseId with {"index": n}: releases hint `index` to a signed-in learner,
 * strictly in order (the server counts what they have seen, so the next one is at most one past
 * it), recorded in their progress. Visitors get none.
 *
 * The hints panel asks here rather than through the Server Action because a page's Server Actions
 * run one at a time: a hint would wait behind a running grade (seconds, for an endless loop). A
 * route handler runs concurrently. Only JSON bodies are read, so a cross-site form cannot post here
 * with the learner's cookie without a CORS preflight, which this route never answers.
 *
 * Responses: 200 {hint}; {error} with 400 (bad body, or an earlier hint not yet shown), 401 (not
 * signed in), 404 (no such exercise or hint), 415 (not JSON), 500 (logged here).
 */
import { refuseOtherMethods } from "@/lib/http/api-routes";
import { z } from "zod";
import { readJsonBody } from "@/lib/api/read-body";
import { getCurrentUser } from "@/lib/auth/session";
import { getExercise, getHint } from "@/lib/content";
import { exerciseIdSchema } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";
import { countHintViews, recordHintView } from "@/lib/progress/progress";

type Context = { params: Promise<{ exerciseId: string }> };

const bodySchema = z.object({ index: z.number().int().min(0).max(100) });
const fail = (status: number, error: string) => Response.json({ error }, { status });

export async function POST(request: Request, { params }: Context): Promise<Response> {
  try {
    const user = await getCurrentUser();
    if (!user) return fail(401, "Sign in to see hints: they come one at a time and count in your progress.");
    const { exerciseId } = await params;
    if (!exerciseIdSchema.safeParse(exerciseId).success || !(await getExercise(exerciseId)))
      return fail(404, "Unknown exercise.");
    let body: unknown;
    try {
      body = (await readJsonBody(request, 1024)).value;
    } catch (error) {
      if (error instanceof AppError) return fail(error.status, error.message);
      throw error;
    }
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) return fail(400, 'Send {"index": <the hint number, from 0>} as the body.');
    const { index } = parsed.data;
    if (index > (await countHintViews(user.id, exerciseId)))
      return fail(400, "Reveal the earlier hints first.");
    const hint = await getHint(exerciseId, index);
    if (!hint) return fail(404, "There are no more hints for this exercise.");
    await recordHintView(user.id, exerciseId, index);
    return Response.json({ hint });
  } catch (error) {
    console.error("[hints] revealing a hint failed", error);
    return fail(500, "The server could not get the hint. Try again.");
  }
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["POST"]);
