// Mistake: the body is validated before ownership, so a stranger's bad edit gets 422 and learns the task exists.
import { csrfTokenFor, sessionOf } from "./session";

export interface Task {
  id: number;
  ownerId: string;
  title: string;
  done: boolean;
}

/** The origin of the app's own pages. */
export const ORIGIN = "https://tasks.example";

type Json = Record<string, unknown>;
const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });

// Mass assignment: the only fields a client may write; the server owns id and ownerId.
const FIELDS: Record<string, (v: unknown) => boolean> = {
  title: (v) => typeof v === "string" && v.trim() !== "" && v.length <= 200,
  done: (v) => typeof v === "boolean",
};

// CSRF, layer 1: the browser says where the request came from; compared exactly.
function fromOurOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  return origin === null || origin === ORIGIN;
}

function tokenMatches(sent: string | null, expected: string): boolean {
  if (sent === null) return false;
  const a = new TextEncoder().encode(sent);
  const b = new TextEncoder().encode(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function readObject(req: Request): Promise<Json | null> {
  try {
    const v: unknown = await req.json();
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null;
  } catch {
    return null;
  }
}

function invalidFields(input: Json): string[] {
  return Object.keys(input).filter((k) => !Object.hasOwn(FIELDS, k) || !FIELDS[k]!(input[k]));
}

/** A multi-user task API over copies of `initial`, safe against IDOR, mass assignment and CSRF. */
export function createApp(initial: Task[]): (req: Request) => Promise<Response> {
  const tasks = new Map(initial.map((t) => [t.id, { ...t }]));
  let lastId = Math.max(0, ...tasks.keys());

  return async function handler(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    const item = /^\/tasks\/([1-9][0-9]{0,8})$/.exec(pathname);
    const allow = pathname === "/tasks" ? "GET, POST" : pathname === "/csrf-token" ? "GET" : item ? "GET, PATCH, DELETE" : null;
    if (allow === null) return json(404, { error: "not_found" });
    if (!allow.split(", ").includes(req.method)) return json(405, { error: "method_not_allowed" }, { Allow: allow });

    const unsafe = req.method !== "GET";
    if (unsafe) {
      if (!fromOurOrigin(req)) return json(403, { error: "cross_site" });
      if (req.method !== "DELETE") {
        const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
        if (type !== "application/json") return json(415, { error: "unsupported_media_type" });
      }
    }
    const session = sessionOf(req);
    if (session === null) return json(401, { error: "unauthenticated" });
    if (unsafe && !tokenMatches(req.headers.get("x-csrf-token"), csrfTokenFor(session.id))) return json(403, { error: "csrf" });

    if (pathname === "/csrf-token") return json(200, { token: csrfTokenFor(session.id) }, { "Cache-Control": "no-store" });

    if (item === null) {
      if (req.method === "GET") return json(200, [...tasks.values()].filter((t) => t.ownerId === session.userId).sort((a, b) => a.id - b.id));
      const input = await readObject(req);
      if (input === null) return json(400, { error: "bad_request" });
      const bad = invalidFields(input);
      if (!Object.hasOwn(input, "title")) bad.push("title");
      if (bad.length > 0) return json(422, { error: "validation_failed", fields: bad });
      const task: Task = { id: ++lastId, ownerId: session.userId, title: input.title as string, done: input.done === true };
      tasks.set(task.id, task);
      return json(201, task);
    }

    const early = req.method === "PATCH" ? await readObject(req.clone()) : {};
    if (early === null) return json(400, { error: "bad_request" });
    if (req.method === "PATCH" && invalidFields(early).length > 0) return json(422, { error: "validation_failed", fields: invalidFields(early) });
    const task = tasks.get(Number(item[1]));
    if (task === undefined || task.ownerId !== session.userId) return json(404, { error: "not_found" });
    if (req.method === "GET") return json(200, task);
    if (req.method === "DELETE") {
      tasks.delete(task.id);
      return new Response(null, { status: 204 });
    }
    const input = await readObject(req);
    if (input === null) return json(400, { error: "bad_request" });
    const bad = invalidFields(input);
    if (bad.length > 0) return json(422, { error: "validation_failed", fields: bad });
    if (Object.hasOwn(input, "title")) task.title = input.title as string;
    if (Object.hasOwn(input, "done")) task.done = input.done as boolean;
    return json(200, task);
  };
}
