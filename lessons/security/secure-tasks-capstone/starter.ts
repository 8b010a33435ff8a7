import { csrfTokenFor, sessionOf } from "./session";

export interface Task {
  id: number;
  ownerId: string;
  title: string;
  done: boolean;
}

/** The origin of the app's own pages. */
export const ORIGIN = "https://tasks.example";

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });

/** A multi-user task API over copies of `initial`. */
export function createApp(initial: Task[]): (req: Request) => Promise<Response> {
  const tasks = new Map(initial.map((t) => [t.id, { ...t }]));
  let lastId = Math.max(0, ...tasks.keys());

  return async function handler(req: Request): Promise<Response> {
    const session = sessionOf(req);
    if (session === null) return json(401, { error: "unauthenticated" });
    const { pathname } = new URL(req.url);

    if (pathname === "/csrf-token" && req.method === "GET") return json(200, { token: csrfTokenFor(session.id) });
    if (pathname === "/tasks" && req.method === "GET") return json(200, [...tasks.values()].filter((t) => t.ownerId === session.userId));
    if (pathname === "/tasks" && req.method === "POST") {
      const input = (await req.json()) as Partial<Task>;
      const task = { id: ++lastId, ownerId: session.userId, done: false, ...input } as Task;
      tasks.set(task.id, task);
      return json(201, task);
    }
    const item = /^\/tasks\/(\d+)$/.exec(pathname);
    const task = item ? tasks.get(Number(item[1])) : undefined;
    if (task === undefined) return json(404, { error: "not_found" });
    if (req.method === "GET") return json(200, task);
    if (req.method === "DELETE") {
      tasks.delete(task.id);
      return new Response(null, { status: 204 });
    }
    if (req.method === "PATCH") {
      Object.assign(task, await req.json());
      return json(200, task);
    }
    return json(405, { error: "method_not_allowed" });
  };
}
