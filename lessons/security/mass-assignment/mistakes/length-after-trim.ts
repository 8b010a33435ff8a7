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
/** Checks one field's value; returns false when it is not acceptable. */
type Rule = (value: unknown) => boolean;

const text = (max: number): Rule => (v) => typeof v === "string" && v.trim() !== "" && v.trim().length <= max;
const oneOf = (...allowed: string[]): Rule => (v) => typeof v === "string" && allowed.includes(v);
const boolean: Rule = (v) => typeof v === "boolean";

// The allow-lists: the ONLY keys a client may write. id, ownerId, createdAt, role and email are
// the server's, and every key nobody listed (including __proto__ and constructor) is refused.
const TASK_FIELDS: Record<string, Rule> = { title: text(200), done: boolean, priority: oneOf("low", "normal", "high") };
const PROFILE_FIELDS: Record<string, Rule> = { name: text(50) };
const SETTINGS_FIELDS: Record<string, Rule> = { theme: oneOf("light", "dark"), emailNotifications: boolean };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The keys of `input` that are not allowed or whose values break their rule, as paths. */
function problems(input: Json, rules: Record<string, Rule>, prefix = ""): string[] {
  // Object.keys sees an own "__proto__" key that JSON.parse created, so it is checked like any other.
  return Object.keys(input).filter((key) => !has(rules, key) || !rules[key]!(input[key])).map((key) => prefix + key);
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });
const invalid = (fields: string[]) => json(422, { error: "validation_failed", fields });

async function readObject(req: Request): Promise<Json | null> {
  try {
    const value: unknown = await req.json();
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** A team to-do API over copies of `state`: clients write only the fields on the allow-lists. */
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
      const { settings, ...rest } = input;
      const bad = problems(rest, PROFILE_FIELDS);
      if (has(input, "settings")) {
        if (isObject(settings)) bad.push(...problems(settings, SETTINGS_FIELDS, "settings."));
        else bad.push("settings");
      }
      if (bad.length > 0) return invalid(bad);
      // Copy each allowed field by name: never Object.assign or a recursive merge of client JSON.
      if (has(input, "name")) me.name = input.name as string;
      if (isObject(settings)) {
        if (has(settings, "theme")) me.settings.theme = settings.theme as Settings["theme"];
        if (has(settings, "emailNotifications")) me.settings.emailNotifications = settings.emailNotifications as boolean;
      }
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
      const bad = problems(input, TASK_FIELDS);
      if (!has(input, "title")) bad.push("title");
      if (bad.length > 0) return invalid(bad);
      const task: Task = {
        id: ++lastId,
        ownerId: me.id,
        title: input.title as string,
        done: has(input, "done") ? (input.done as boolean) : false,
        priority: has(input, "priority") ? (input.priority as Task["priority"]) : "normal",
        createdAt: new Date(Date.now()).toISOString(),
      };
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
    const bad = problems(input, TASK_FIELDS);
    if (bad.length > 0) return invalid(bad);
    for (const key of Object.keys(TASK_FIELDS)) {
      if (has(input, key)) (task as unknown as Json)[key] = input[key];
    }
    return json(200, task);
  };
}
