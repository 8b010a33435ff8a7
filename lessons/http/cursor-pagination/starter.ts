import { events } from "./events";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/events") return json(404, { error: "Not found" });
  // TODO: newest first, `limit` items after `cursor`, nextCursor and a Link header.
  return json(200, { items: events.slice(0, 10), nextCursor: null });
}
