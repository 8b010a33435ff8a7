// Mistake: awaits the checks with no time limit, so a database that hangs makes /readyz hang too.
import { deps } from "./deps";
function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
async function outcome(check: () => Promise<void>): Promise<"ok" | "fail"> {
  try {
    await check();
    return "ok";
  } catch {
    return "fail";
  }
}
export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname !== "/livez" && pathname !== "/readyz") return json(404, { error: "Not found" });
  if (req.method !== "GET" && req.method !== "HEAD") {
    return new Response(null, { status: 405, headers: { Allow: "GET, HEAD", "Cache-Control": "no-store" } });
  }
  let res: Response;
  if (pathname === "/livez") res = json(200, { status: "ok" });
  else if (deps.draining) res = json(503, { status: "draining" });
  else {
    const [database, cache] = await Promise.all([outcome(deps.checkDatabase), outcome(deps.checkCache)]);
    res = database === "ok"
      ? json(200, { status: cache === "ok" ? "ok" : "degraded", checks: { database, cache } })
      : json(503, { status: "unavailable", checks: { database, cache } });
  }
  return req.method === "HEAD" ? new Response(null, { status: res.status, headers: res.headers }) : res;
}
