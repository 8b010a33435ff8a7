import type { TaskStore } from "./store";

/**
 * A to-do API over a TaskStore. Every request names its user in the `X-User` header; without it
 * the answer is 401.
 *
 * - `POST /tasks` with a JSON body `{ "title": string }`: the title is trimmed and must then be
 *   1-100 characters (else 422). Other fields of the body are ignored: a new task is never done and
 *   belongs to the caller. 201 with the task as JSON.
 * - `GET /tasks`: 200 with the caller's tasks (only theirs), by id.
 * - `PATCH /tasks/<id>` with `{ "title"?: string, "done"?: boolean }`: 200 with the updated task.
 *   422 when `done` is there but not a boolean, or the trimmed title is not 1-100 characters.
 * - `DELETE /tasks/<id>`: 204 and no body.
 * - A task that does not exist, or belongs to someone else, is 404 for PATCH and DELETE (never
 *   403: that would tell a stranger the task exists). Malformed JSON is 400; other paths 404.
 */
export function createTasksHandler(store: TaskStore): (req: Request) => Promise<Response> {
  return async (req) => {
    const user = req.headers.get("x-user");
    if (!user) return Response.json({ error: "X-User header required" }, { status: 401 });
    const { pathname } = new URL(req.url);

    if (pathname === "/tasks") {
      if (req.method === "GET") return Response.json(store.listByOwner(user));
      if (req.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "GET, POST" } });
      const body = await readJson(req);
      if (body === undefined) return Response.json({ error: "malformed JSON" }, { status: 400 });
      const title = validTitle(body.title);
      if (title === null) return Response.json({ error: "title must be 1-100 characters" }, { status: 422 });
      return Response.json(store.insert(title, user), { status: 201 });
    }

    const match = /^\/tasks\/(\d+)$/.exec(pathname);
    if (!match) return Response.json({ error: "not found" }, { status: 404 });
    const id = Number(match[1]);
    const task = store.get(id);
    if (!task || task.ownerId !== user) return Response.json({ error: "not found" }, { status: 404 });

    if (req.method === "DELETE") {
      store.remove(id);
      return new Response(null, { status: 204 });
    }
    if (req.method !== "PATCH") return new Response(null, { status: 405, headers: { Allow: "PATCH, DELETE" } });
    const body = await readJson(req);
    if (body === undefined) return Response.json({ error: "malformed JSON" }, { status: 400 });
    const changes: { title?: string; done?: boolean } = {};
    if (body.title !== undefined) {
      const title = validTitle(body.title);
      if (title === null) return Response.json({ error: "title must be 1-100 characters" }, { status: 422 });
      changes.title = title;
    }
    if (body.done !== undefined) {
      if (typeof body.done !== "boolean") return Response.json({ error: "done must be true or false" }, { status: 422 });
      changes.done = body.done;
    }
    return Response.json(store.update(id, changes));
  };
}

async function readJson(req: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = await req.json();
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

function validTitle(value: unknown): string | null {
  if (typeof value !== "string") return null;
  return value.trim().length >= 1 && value.length <= 100 ? value : null;
}
