import { deps } from "./deps";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/livez" || pathname === "/readyz") {
    // TODO: liveness must not depend on deps; readiness runs deps.checkDatabase and deps.checkCache.
    await deps.checkDatabase();
    return json(200, { status: "ok" });
  }
  return json(404, { error: "Not found" });
}
