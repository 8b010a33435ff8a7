import { getExerciseDetail } from "@/lib/api/catalog";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const GET = withApiKey<{ exerciseId: string }>(async ({ params }) =>
  jsonResponse(await getExerciseDetail(params.exerciseId)),
);

const notAllowed = methodsNotAllowed(["GET"]);
export const POST = notAllowed.POST;
export const PUT = notAllowed.PUT;
export const PATCH = notAllowed.PATCH;
export const DELETE = notAllowed.DELETE;
export const OPTIONS = notAllowed.OPTIONS;
