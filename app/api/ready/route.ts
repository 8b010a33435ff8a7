import { refuseOtherMethods } from "@/lib/http/api-routes";
import { checkReadiness } from "@/lib/ops/readiness";

/**
 * Readiness, for a load balancer or orchestrator: 200 when this server should get traffic (database
 * answers, grader warm, not stopping), else 503 with the reason. /api/health stays the liveness check.
 */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
