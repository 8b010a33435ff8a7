import { getTrackOrThrow } from "@/lib/api/catalog";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const GET = withApiKey<{ trackId: string }>(async ({ params }) =>
  jsonResponse(await getTrackOrThrow(params.trackId)),
);

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["GET"]);
