import { createApp, type Profile, type Task } from "./solution";

const TOKEN = { alice: "tok-alice-7f3a9c", mallory: "tok-mallory-c04b16" };
function state(): { users: Profile[]; tasks: Task[] } {
  return {
    users: [
      { id: "alice", name: "Alice", email: "alice@example.com", role: "admin", settings: { theme: "light", emailNotifications: true } },
      { id: "mallory", name: "Mallory", email: "mallory@example.com", role: "member", settings: { theme: "dark", emailNotifications: false } },
    ],
    tasks: [
      { id: 1, ownerId: "alice", title: "Write report", done: false, priority: "normal", createdAt: "2026-01-05T09:00:00.000Z" },
      { id: 2, ownerId: "mallory", title: "Plan trip", done: false, priority: "low", createdAt: "2026-01-06T10:30:00.000Z" },
    ],
  };
}
function send(app: (req: Request) => Promise<Response>, who: keyof typeof TOKEN, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN[who]}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app(new Request("http://tasks.test" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

describe("tasks and profiles", () => {
  test('POST /tasks {"title":"Buy milk"} → 201: the server fills id, ownerId, done, priority, createdAt', async () => {
    const res = await send(createApp(state()), "mallory", "POST", "/tasks", { title: "Buy milk" });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Task;
    expect({ ...task, createdAt: typeof task.createdAt }).toEqual({ id: 3, ownerId: "mallory", title: "Buy milk", done: false, priority: "normal", createdAt: "string" });
  });

  test('PATCH /tasks/2 {"done":true,"priority":"high"} → 200 with both changed', async () => {
    const res = await send(createApp(state()), "mallory", "PATCH", "/tasks/2", { done: true, priority: "high" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...state().tasks[1], done: true, priority: "high" });
  });

  test('POST /tasks {"title":"x","ownerId":"alice"} → 422 {"error":"validation_failed","fields":["ownerId"]}', async () => {
    const res = await send(createApp(state()), "mallory", "POST", "/tasks", { title: "x", ownerId: "alice" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "validation_failed", fields: ["ownerId"] });
  });

  test('mallory: PATCH /me {"role":"admin"} → 422 naming role, and she still cannot open /admin/users (403)', async () => {
    const app = createApp(state());
    const res = await send(app, "mallory", "PATCH", "/me", { role: "admin" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "validation_failed", fields: ["role"] });
    expect((await send(app, "mallory", "GET", "/admin/users")).status).toBe(403);
  });
});
