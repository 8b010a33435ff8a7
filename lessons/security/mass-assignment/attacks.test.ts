// Mallory (a member) tries to write fields the server owns: to steal tasks, plant them on others,
// rewrite history, or make herself an admin. Each attempt → 422, and nothing changes anywhere.
import { createApp, type Profile, type Task } from "./solution";

type App = (req: Request) => Promise<Response>;
type Who = "alice" | "bob" | "mallory";
const TOKEN: Record<Who, string> = { alice: "tok-alice-7f3a9c", bob: "tok-bob-51d2e8", mallory: "tok-mallory-c04b16" };

function state(): { users: Profile[]; tasks: Task[] } {
  return {
    users: [
      { id: "alice", name: "Alice", email: "alice@example.com", role: "admin", settings: { theme: "light", emailNotifications: true } },
      { id: "bob", name: "Bob", email: "bob@example.com", role: "member", settings: { theme: "light", emailNotifications: true } },
      { id: "mallory", name: "Mallory", email: "mallory@example.com", role: "member", settings: { theme: "dark", emailNotifications: false } },
    ],
    tasks: [
      { id: 1, ownerId: "alice", title: "Write report", done: false, priority: "normal", createdAt: "2026-01-05T09:00:00.000Z" },
      { id: 2, ownerId: "bob", title: "Fix bug", done: false, priority: "high", createdAt: "2026-01-05T11:00:00.000Z" },
      { id: 3, ownerId: "mallory", title: "Plan trip", done: true, priority: "low", createdAt: "2026-01-06T10:30:00.000Z" },
    ],
  };
}
// Bodies are sent as raw JSON text, exactly as an attacker would type them.
function send(app: App, who: Who, method: string, path: string, body?: string) {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN[who]}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app(new Request("http://tasks.test" + path, { method, headers, body }));
}
async function nothingChanged(app: App): Promise<void> {
  const initial = state();
  for (const [i, who] of (["alice", "bob", "mallory"] as Who[]).entries()) {
    expect(await (await send(app, who, "GET", "/me")).json()).toEqual(initial.users[i]);
    expect(await (await send(app, who, "GET", "/tasks")).json()).toEqual([initial.tasks[i]]);
  }
  expect((await send(app, "mallory", "GET", "/admin/users")).status).toBe(403);
}
async function refused(app: App, method: string, path: string, body: string, fields: string[]): Promise<void> {
  const res = await send(app, "mallory", method, path, body);
  expect(res.status).toBe(422);
  expect([...((await res.json()) as { fields: string[] }).fields].sort()).toEqual(fields);
}

describe("creating a task: only title, done and priority", () => {
  const payloads: [string, string, string[]][] = [
    ["ownerId (plant a task in alice's list)", '{"title":"x","ownerId":"alice"}', ["ownerId"]],
    ["id (collide with task 1)", '{"title":"x","id":1}', ["id"]],
    ["createdAt (backdate it)", '{"title":"x","createdAt":"2020-01-01T00:00:00.000Z"}', ["createdAt"]],
    ["__proto__ carrying ownerId", '{"title":"x","__proto__":{"ownerId":"alice"}}', ["__proto__"]],
    ["constructor.prototype", '{"title":"x","constructor":{"prototype":{"ownerId":"alice"}}}', ["constructor"]],
  ];
  for (const [what, body, fields] of payloads) {
    test(`POST /tasks with ${what} → 422, no task created`, async () => {
      const app = createApp(state());
      await refused(app, "POST", "/tasks", body, fields);
      await nothingChanged(app);
    });
  }
});

describe("updating your own task: the same three fields", () => {
  const payloads: [string, string, string[]][] = [
    ["ownerId (give it away)", '{"ownerId":"alice"}', ["ownerId"]],
    ["id (take over task 1's id)", '{"id":1,"title":"mine now"}', ["id"]],
    ["createdAt", '{"createdAt":"1999-12-31T23:59:59.000Z"}', ["createdAt"]],
    ["__proto__", '{"done":false,"__proto__":{"ownerId":"alice"}}', ["__proto__"]],
    ["keys every plain object inherits (toString, hasOwnProperty, constructor)", '{"toString":"x","hasOwnProperty":1,"constructor":2}', ["constructor", "hasOwnProperty", "toString"]],
  ];
  for (const [what, body, fields] of payloads) {
    test(`PATCH /tasks/3 with ${what} → 422, unchanged`, async () => {
      const app = createApp(state());
      await refused(app, "PATCH", "/tasks/3", body, fields);
      await nothingChanged(app);
    });
  }
});

describe("your profile: name and settings only", () => {
  const payloads: [string, string, string[]][] = [
    ["role and a good name", '{"name":"Admin Mallory","role":"admin"}', ["role"]],
    ["isAdmin", '{"isAdmin":true}', ["isAdmin"]],
    ["id (become alice)", '{"id":"alice"}', ["id"]],
    ["email (take over alice's address)", '{"email":"alice@example.com"}', ["email"]],
    ["__proto__.role", '{"__proto__":{"role":"admin"}}', ["__proto__"]],
    ["constructor.prototype.role", '{"constructor":{"prototype":{"role":"admin"}}}', ["constructor"]],
    ["settings.__proto__.role (a deep merge pollutes every object)", '{"settings":{"__proto__":{"role":"admin"}}}', ["settings.__proto__"]],
    ["settings.constructor.prototype", '{"settings":{"constructor":{"prototype":{"role":"admin"}}}}', ["settings.constructor"]],
  ];
  for (const [what, body, fields] of payloads) {
    test(`PATCH /me with ${what} → 422, still a member`, async () => {
      const app = createApp(state());
      await refused(app, "PATCH", "/me", body, fields);
      await nothingChanged(app);
    });
  }
});
