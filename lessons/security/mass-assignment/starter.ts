import { authenticate } from "./auth";

export interface Settings {
  theme: "light" | "dark";
  emailNotifications: boolean;
}
export interface Profile {
  id: string;
  name: string;
  email: string;
  role: "member" | "admin";
  settings: Settings;
}
export interface Task {
  id: number;
  ownerId: string;
  title: string;
  done: boolean;
  priority: "low" | "normal" | "high";
  createdAt: string;
}

type Json = Record<string, unknown>;

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });

async function readObject(req: Request): Promise<Json | null> {
  try {
    const value: unknown = await req.json();
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/** Copies `source` into `target`, merging nested objects (so a PATCH can change one setting). */
function deepMerge(target: Json, source: Json): void {
  for (const key in source) {
    const value = source[key];
    if (typeof value === "object" && value !== null && typeof target[key] === "object" && target[key] !== null) {
      deepMerge(target[key] as Json, value as Json);
    } else {
      target[key] = value;
    }
  }
}

/** A team to-do API over copies of `state`. */
export function createApp(state: { users: Profile[]; tasks: Task[] }): (req: Request) => Promise<Response> {
  const users = new Map(state.users.map((u) => [u.id, structuredClone(u)]));
  const tasks = new Map(state.tasks.map((t) => [t.id, { ...t }]));
  let lastId = Math.max(0, ...tasks.keys());

  return async function handler(req: Request): Promise<Response> {
    const userId = authenticate(req);
    const me = userId === null ? undefined : users.get(userId);
    if (me === undefined) return json(401, { error: "unauthenticated" }, { "WWW-Authenticate": "Bearer" });
    const { pathname } = new URL(req.url);

    if (pathname === "/me") {
      if (req.method === "GET") return json(200, me);
      if (req.method !== "PATCH") return json(405, { error: "method_not_allowed" }, { Allow: "GET, PATCH" });
      const input = await readObject(req);
      if (input === null) return json(400, { error: "bad_request" });
      deepMerge(me as unknown as Json, input);
      return json(200, me);
    }

    if (pathname === "/admin/users") {
      if (req.method !== "GET") return json(405, { error: "method_not_allowed" }, { Allow: "GET" });
      if (me.role !== "admin") return json(403, { error: "forbidden" });
      return json(200, [...users.values()]);
    }

    if (pathname === "/tasks") {
      if (req.method === "GET") return json(200, [...tasks.values()].filter((t) => t.ownerId === me.id));
      if (req.method !== "POST") return json(405, { error: "method_not_allowed" }, { Allow: "GET, POST" });
      const input = await readObject(req);
      if (input === null) return json(400, { error: "bad_request" });
      if (typeof input.title !== "string" || input.title.trim() === "") return json(422, { error: "validation_failed", fields: ["title"] });
      const task = { id: ++lastId, ownerId: me.id, done: false, priority: "normal", createdAt: new Date(Date.now()).toISOString(), ...input } as Task;
      tasks.set(task.id, task);
      return json(201, task);
    }

    const match = /^\/tasks\/([1-9][0-9]{0,8})$/.exec(pathname);
    if (match === null) return json(404, { error: "not_found" });
    if (req.method !== "GET" && req.method !== "PATCH") return json(405, { error: "method_not_allowed" }, { Allow: "GET, PATCH" });
    const task = tasks.get(Number(match[1]));
    if (task === undefined || task.ownerId !== me.id) return json(404, { error: "not_found" });
    if (req.method === "GET") return json(200, task);
    const input = await readObject(req);
    if (input === null) return json(400, { error: "bad_request" });
    Object.assign(task, input);
    return json(200, task);
  };
}
