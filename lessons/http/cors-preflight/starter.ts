const ALLOWED_ORIGINS = new Set(["https://app.example.com", "https://admin.example.com"]);
const ALLOWED_METHODS = ["GET", "POST"];
const ALLOWED_HEADERS = ["content-type", "authorization", "x-request-id"];

const notes = [
  { id: 1, text: "CORS is enforced by browsers, not by servers" },
  { id: 2, text: "Preflight asks before the real request" },
];

async function route(req: Request): Promise<Response> {
  if (req.method === "GET") {
    return Response.json(notes, { headers: { "X-Total-Count": String(notes.length) } });
  }
  if (req.method === "POST") {
    let input: unknown;
    try {
      input = await req.json();
    } catch {
      return Response.json({ error: "Body must be valid JSON" }, { status: 400 });
    }
    const text = (input as { text?: unknown } | null)?.text;
    if (typeof text !== "string" || text.trim() === "") {
      return Response.json({ error: "text must be a non-empty string" }, { status: 400 });
    }
    const note = { id: notes.length + 1, text };
    notes.push(note);
    return Response.json(note, { status: 201 });
  }
  return Response.json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "GET, POST, OPTIONS" } });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname !== "/api/notes") return Response.json({ error: "Not found" }, { status: 404 });
  // TODO: answer preflight requests (OPTIONS with Access-Control-Request-Method), and add CORS
  // headers to the real responses for the allowed origins only.
  return route(req);
}
