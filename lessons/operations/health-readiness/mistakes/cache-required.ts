// Mistake: treats the optional cache as required, taking the service out of rotation when only its cache is down.
import { deps } from "./deps";

type Outcome = "ok" | "fail" | "timeout";

const TIMEOUT_MS = 1000;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    // A cached "ok" would hide an outage from the load balancer that asks next.
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

/** Runs one check with a time limit. Never throws: a hanging or broken check is an outcome too. */
function runCheck(check: () => Promise<void>): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), TIMEOUT_MS);
    const finish = (outcome: Outcome) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    try {
      Promise.resolve(check()).then(
        () => finish("ok"),
        () => finish("fail"),
      );
    } catch {
      finish("fail");
    }
  });
}

async function readiness(): Promise<Response> {
  if (deps.draining) return json(503, { status: "draining" });
  const [database, cache] = await Promise.all([runCheck(deps.checkDatabase), runCheck(deps.checkCache)]);
  // Only what the service cannot work without decides readiness; the cache only degrades it.
  if (database !== "ok" || cache !== "ok") return json(503, { status: "unavailable", checks: { database, cache } });
  return json(200, { status: cache === "ok" ? "ok" : "degraded", checks: { database, cache } });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname !== "/livez" && pathname !== "/readyz") {
    return new Response(JSON.stringify({ error: "Not found" }), {
      status: 404,
      headers: { "Content-Type": "application/json" },
    });
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    return new Response(JSON.stringify({ error: "Method not allowed" }), {
      status: 405,
      headers: { "Content-Type": "application/json", Allow: "GET, HEAD" },
    });
  }
  const res = pathname === "/livez" ? json(200, { status: "ok" }) : await readiness();
  if (req.method === "HEAD") return new Response(null, { status: res.status, headers: res.headers });
  return res;
}
