import type { TaskStore } from "./store";

type Json = Record<string, unknown>;
const json = (status: number, body: unknown) => Response.json(body, { status });
const notFound = () => json(404, { error: "not found" });

function title(v: unknown): string | undefined {
  const t = typeof v === "string" ? v.trim() : "";
  return t.length > 0 && t.length <= 100 ? t : undefined;
}

/** The same API as a route table. */
export function createTasksHandler(store: TaskStore): (req: Request) => Promise<Response> {
  async function body(req: Request): Promise<Json | null> {
    const text = await req.text();
    try {
      const v = JSON.parse(text);
      return v && typeof v === "object" && !Array.isArray(v) ? v : {};
    } catch {
      return null;
    }
  }
  const routes: Record<string, (req: Request, user: string, id: number) => Promise<Response> | Response> = {
    "GET /tasks": (_req, user) => json(200, store.listByOwner(user)),
    "POST /tasks": async (req, user) => {
      const b = await body(req);
      if (b === null) return json(400, { error: "malformed JSON" });
      const t = title(b.title);
      return t === undefined ? json(422, { error: "bad title" }) : json(201, store.insert(t, user));
    },
    "DELETE /tasks/:id": (_req, _user, id) => (store.remove(id), new Response(null, { status: 204 })),
    "PATCH /tasks/:id": async (req, _user, id) => {
      const b = await body(req);
      if (b === null) return json(400, { error: "malformed JSON" });
      const changes: { title?: string; done?: boolean } = {};
      if ("title" in b && b.title !== undefined) {
        const t = title(b.title);
        if (t === undefined) return json(422, { error: "bad title" });
        changes.title = t;
      }
      if ("done" in b && b.done !== undefined) {
        if (b.done !== true && b.done !== false) return json(422, { error: "bad done" });
        changes.done = b.done;
      }
      return json(200, store.update(id, changes));
    },
  };
  return async (req) => {
    const user = req.headers.get("X-User");
    if (user === null || user === "") return json(401, { error: "who are you?" });
    const path = new URL(req.url).pathname;
    const m = path.match(/^\/tasks\/([0-9]+)$/);
    if (path !== "/tasks" && !m) return notFound();
    const id = m ? parseInt(m[1]!, 10) : 0;
    if (m) {
      const task = store.get(id);
      if (task === undefined || task.ownerId !== user) return notFound();
    }
    const route = routes[`${req.method} ${m ? "/tasks/:id" : "/tasks"}`];
    if (!route) return new Response(null, { status: 405, headers: { Allow: m ? "PATCH, DELETE" : "GET, POST" } });
    return route(req, user, id);
  };
}
