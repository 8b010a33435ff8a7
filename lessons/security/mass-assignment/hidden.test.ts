// Functional tests for honest clients, and generated bodies (allowed fields with good and bad
// values, mixed with keys the server owns) compared with the reference.
import fc from "fast-check";
import * as reference from "./reference";
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
// `raw` bodies are sent as they are, so keys like __proto__ arrive exactly as an attacker types them.
function send(app: App, who: Who, method: string, path: string, body?: unknown, raw = false) {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN[who]}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const text = body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body);
  return app(new Request("http://tasks.test" + path, { method, headers, body: text }));
}
const read = async (res: Response) => [res.status, res.status === 422 ? [...((await res.json()) as { fields: string[] }).fields].sort() : res.status < 300 ? await res.json() : null];
const me = async (app: App, who: Who) => (await send(app, who, "GET", "/me")).json();
const tasksOf = async (app: App, who: Who) => (await send(app, who, "GET", "/tasks")).json();

describe("honest use", () => {
  test("POST /tasks with every allowed field → 201 with those values; the server sets the rest", async () => {
    const app = createApp(state());
    const res = await send(app, "bob", "POST", "/tasks", { title: "Deploy", done: true, priority: "low" });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Task;
    expect(task).toEqual({ id: 4, ownerId: "bob", title: "Deploy", done: true, priority: "low", createdAt: new Date(Date.now()).toISOString() });
    expect(((await tasksOf(app, "bob")) as Task[]).map((t) => t.id)).toEqual([2, 4]);
  });

  test("PATCH /me with a name and one setting → 200; the other setting and server fields stay", async () => {
    const app = createApp(state());
    const res = await send(app, "bob", "PATCH", "/me", { name: "Robert", settings: { theme: "dark" } });
    expect(res.status).toBe(200);
    const expected = { ...state().users[1]!, name: "Robert", settings: { theme: "dark", emailNotifications: true } };
    expect(await res.json()).toEqual(expected);
    expect(await me(app, "bob")).toEqual(expected);
  });

  test("an empty PATCH body {} → 200, nothing changed", async () => {
    const app = createApp(state());
    expect((await send(app, "bob", "PATCH", "/tasks/2", {})).status).toBe(200);
    expect((await send(app, "bob", "PATCH", "/me", {})).status).toBe(200);
    expect(await tasksOf(app, "bob")).toEqual([state().tasks[1]]);
  });

  test("bad values of allowed fields → 422 listing each of them", async () => {
    const app = createApp(state());
    const cases: [string, string, unknown, string[]][] = [
      ["POST", "/tasks", { done: "yes" }, ["done", "title"]],
      ["POST", "/tasks", { title: "   ", priority: "urgent" }, ["priority", "title"]],
      ["POST", "/tasks", { title: "x".repeat(201) }, ["title"]],
      ["PATCH", "/tasks/2", { done: 1, title: 5 }, ["done", "title"]],
      ["PATCH", "/me", { name: "" }, ["name"]],
      ["PATCH", "/me", { settings: { theme: "blue", emailNotifications: "no" } }, ["settings.emailNotifications", "settings.theme"]],
      ["PATCH", "/me", { settings: "dark" }, ["settings"]],
      ["PATCH", "/me", { settings: { font: "serif" } }, ["settings.font"]],
    ];
    for (const [method, path, body, fields] of cases) {
      expect(await read(await send(app, "bob", method, path, body))).toEqual([422, fields]);
    }
  });

  test("the length limits are inclusive and count every character: a 200-character title and a 50-character name are accepted", async () => {
    const app = createApp(state());
    const created = await send(app, "bob", "POST", "/tasks", { title: "t".repeat(200) });
    expect(created.status).toBe(201);
    expect((await send(app, "bob", "PATCH", "/me", { name: "n".repeat(50) })).status).toBe(200);
    // Spaces count: 201 characters is too long even if trimming would make it fit.
    expect(await read(await send(app, "bob", "PATCH", "/tasks/2", { title: ` ${"t".repeat(200)}` }))).toEqual([422, ["title"]]);
    expect(await read(await send(app, "bob", "PATCH", "/me", { name: `${"n".repeat(50)} ` }))).toEqual([422, ["name"]]);
  });

  test("a request with one bad field changes nothing, not even its good fields", async () => {
    const app = createApp(state());
    await send(app, "bob", "PATCH", "/tasks/2", { title: "New title", priority: "urgent" });
    await send(app, "bob", "PATCH", "/me", { name: "Robert", settings: { theme: "dark", emailNotifications: "no" } });
    expect(await tasksOf(app, "bob")).toEqual([state().tasks[1]]);
    expect(await me(app, "bob")).toEqual(state().users[1]);
  });

  test("bodies that are not JSON objects → 400", async () => {
    const app = createApp(state());
    for (const body of ["{oops", "[]", "null", '"title"', "42"]) {
      expect((await send(app, "bob", "POST", "/tasks", body, true)).status).toBe(400);
      expect((await send(app, "bob", "PATCH", "/me", body, true)).status).toBe(400);
    }
  });

  test("an admin can list users; the state passed to createApp is copied", async () => {
    const initial = state();
    const app = createApp(initial);
    await send(app, "alice", "PATCH", "/me", { settings: { theme: "dark" } });
    const res = await send(app, "alice", "GET", "/admin/users");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Profile[]).map((u) => u.id)).toEqual(["alice", "bob", "mallory"]);
    expect(initial).toEqual(state());
  });
});

// --- generated bodies ----------------------------------------------------------------------------------

const serverKeys = ["id", "ownerId", "createdAt", "role", "email", "isAdmin", "__proto__", "constructor", "toString", "Title", "settings"];
const taskValue = fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.constantFrom("low", "normal", "high", "urgent", ""), fc.integer());
const taskBody = fc
  .record(
    {
      title: fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), taskValue),
      done: fc.oneof(fc.boolean(), taskValue),
      priority: fc.oneof(fc.constantFrom("low", "normal", "high"), taskValue),
    },
    { requiredKeys: [] },
  )
  .chain((allowed) =>
    fc.subarray(serverKeys, { maxLength: 2 }).chain((extra) =>
      fc.tuple(...extra.map(() => taskValue)).map((values) => JSON.stringify({ ...allowed, ...Object.fromEntries(extra.map((k, i) => [k, values[i]])) })),
    ),
  );
const settingsValue = fc.oneof(
  fc.record({ theme: fc.constantFrom("light", "dark", "blue"), emailNotifications: fc.oneof(fc.boolean(), fc.constant("no")) }, { requiredKeys: [] }),
  fc.constantFrom("dark", null, [] as unknown),
  fc.constant(null).map(() => JSON.parse('{"__proto__":{"role":"admin"}}') as unknown),
);
const profileBody = fc
  .record({ name: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), settings: settingsValue }, { requiredKeys: [] })
  .chain((allowed) =>
    fc.subarray(serverKeys.filter((k) => k !== "settings"), { maxLength: 2 }).map((extra) => JSON.stringify({ ...allowed, ...Object.fromEntries(extra.map((k) => [k, k === "role" ? "admin" : "x"])) })),
  );

type Step = { path: "/tasks" | "/tasks/3" | "/tasks/1" | "/me"; body: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  taskBody.map((body) => ({ path: "/tasks" as const, body })),
  taskBody.map((body) => ({ path: "/tasks/3" as const, body })),
  taskBody.map((body) => ({ path: "/tasks/1" as const, body })),
  profileBody.map((body) => ({ path: "/me" as const, body })),
);

test(
  "generated create and update bodies agree with the reference",
  { description: "Random mixes of allowed fields (good and bad values) and keys the server owns, sent to POST /tasks, PATCH /tasks/<id> and PATCH /me; statuses, the listed fields and the stored data must be the reference's." },
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const mine = createApp(state());
        const theirs = reference.createApp(state());
        for (const s of steps) {
          const method = s.path === "/tasks" ? "POST" : "PATCH";
          const expected = await read(await send(theirs, "mallory", method, s.path, s.body, true));
          expect(await read(await send(mine, "mallory", method, s.path, s.body, true))).toEqual(expected);
        }
        expect(await me(mine, "mallory")).toEqual(await me(theirs, "mallory"));
        expect(await tasksOf(mine, "mallory")).toEqual(await tasksOf(theirs, "mallory"));
        expect(await tasksOf(mine, "alice")).toEqual(await tasksOf(theirs, "alice"));
      }),
      { numRuns: 25 },
    );
  },
);
