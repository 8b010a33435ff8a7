interface Bookmark {
  id: number;
  url: string;
  title: string;
}

const bookmarks: Bookmark[] = [
  { id: 1, url: "https://www.rfc-editor.org/rfc/rfc9110", title: "HTTP Semantics" },
  { id: 2, url: "https://developer.mozilla.org/en-US/docs/Web/HTTP", title: "MDN HTTP" },
  { id: 3, url: "https://www.rfc-editor.org/rfc/rfc9457", title: "Problem Details" },
];
let nextId = 4;

const TYPES = "https://api.example.com/problems/";
type Extra = Record<string, unknown>;

function problem(status: number, type: string, title: string, extra: Extra = {}, headers: Record<string, string> = {}): Response {
  const body = type === "about:blank" ? { type, title, status } : { type: TYPES + type, title, status, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

// TODO: build the whole API described in the instructions. Today every request gets the full list.
export async function handler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/bookmarks" && req.method === "GET") return ok(200, { items: bookmarks, nextCursor: null });
  return problem(404, "about:blank", "Not Found");
}
