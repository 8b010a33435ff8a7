import { db } from "@/lib/db";

/** Liveness and readiness: 200 when the database answers. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json({ status: "unavailable", message: "The database does not answer." }, { status: 503 });
  }
}
