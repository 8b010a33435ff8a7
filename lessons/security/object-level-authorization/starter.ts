import { authenticate } from "./auth";

export interface Note {
  id: number;
  ownerId: string;
  title: string;
  body: string;
  sharedWith: string[];
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });
const copy = (note: Note): Note => ({ ...note, sharedWith: [...note.sharedWith] });

/** A notes API over `initial` (copied). */
export function createApp(initial: Note[]): (req: Request) => Promise<Response> {
  const notes = new Map<number, Note>(initial.map((n) => [n.id, copy(n)]));
  let lastId = Math.max(0, ...notes.keys());

  async function readEdit(req: Request, partial: boolean): Promise<{ title?: string; body?: string } | null> {
    let value: unknown;
    try {
      value = await req.json();
    } catch {
      return null;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const entries = Object.entries(value);
    if (entries.some(([k, v]) => (k !== "title" && k !== "body") || typeof v !== "string")) return null;
    const edit = Object.fromEntries(entries) as { title?: string; body?: string };
    if (!partial && (edit.title === undefined || edit.body === undefined)) return null;
    if (partial && entries.length === 0) return null;
    return edit;
  }

  return async function handler(req: Request): Promise<Response> {
    const user = authenticate(req);
    if (user === null) return json(401, { error: "unauthenticated" }, { "WWW-Authenticate": "Bearer" });

    const url = new URL(req.url);
    if (url.pathname === "/notes") {
      if (req.method === "GET") {
        // The web app sends ?owner=<its user id>; default to the caller.
        const owner = url.searchParams.get("owner") ?? user.id;
        return json(200, [...notes.values()].filter((n) => n.ownerId === owner || n.sharedWith.includes(owner)).sort((a, b) => a.id - b.id));
      }
      if (req.method === "POST") {
        const edit = await readEdit(req, false);
        if (edit === null) return json(400, { error: "bad_request" });
        const note: Note = { id: ++lastId, ownerId: user.id, title: edit.title!, body: edit.body!, sharedWith: [] };
        notes.set(note.id, note);
        return json(201, note);
      }
      return json(405, { error: "method_not_allowed" }, { Allow: "GET, POST" });
    }

    const match = /^\/notes\/([1-9][0-9]{0,8})$/.exec(url.pathname);
    if (match === null) return json(404, { error: "not_found" });
    if (!["GET", "PATCH", "DELETE"].includes(req.method)) {
      return json(405, { error: "method_not_allowed" }, { Allow: "GET, PATCH, DELETE" });
    }
    const note = notes.get(Number(match[1]));
    if (note === undefined) return json(404, { error: "not_found" });
    if (req.method === "GET") return json(200, note);
    if (req.method === "DELETE") {
      notes.delete(note.id);
      return new Response(null, { status: 204 });
    }
    const edit = await readEdit(req, true);
    if (edit === null) return json(400, { error: "bad_request" });
    if (edit.title !== undefined) note.title = edit.title;
    if (edit.body !== undefined) note.body = edit.body;
    return json(200, note);
  };
}
