import { refuseOtherMethods } from "@/lib/http/api-routes";
import { pingDatabase } from "@/lib/db/health";

/** Liveness and readiness: 200 when the database answers. */
export async function GET() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok" });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json(
      { status: "unavailable", message: "The database does not answer." },
      { status: 503 },
    );
  }
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
