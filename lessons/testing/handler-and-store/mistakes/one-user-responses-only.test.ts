import { createTasksHandler } from "./solution";
import { createStore } from "./store";

// Thorough about statuses, but with one user and never looking at the store.
const req = (method: string, path: string, body?: unknown, user: string | null = "ann") =>
  new Request(`http://localhost${path}`, { method, headers: user ? { "x-user": user } : {}, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });

test("creates with a trimmed title", async () => {
  const handle = createTasksHandler(createStore());
  const res = await handle(req("POST", "/tasks", { title: " a " }));
  expect(res.status).toBe(201);
  expect((await res.json()).title).toBe("a");
});
test("validation", async () => {
  const handle = createTasksHandler(createStore());
  expect((await handle(req("POST", "/tasks", { title: " " }))).status).toBe(422);
  expect((await handle(req("POST", "/tasks", "{"))).status).toBe(400);
  expect((await handle(req("POST", "/tasks", { title: "a" }, null))).status).toBe(401);
  const task = await (await handle(req("POST", "/tasks", { title: "a" }))).json();
  expect((await handle(req("PATCH", `/tasks/${task.id}`, { done: "yes" }))).status).toBe(422);
});
test("update and delete", async () => {
  const handle = createTasksHandler(createStore());
  const task = await (await handle(req("POST", "/tasks", { title: "a" }))).json();
  const res = await handle(req("PATCH", `/tasks/${task.id}`, { done: true }));
  expect((await res.json()).done).toBe(true);
  expect((await handle(req("DELETE", `/tasks/${task.id}`))).status).toBe(204);
  expect((await handle(req("DELETE", `/tasks/${task.id}`))).status).toBe(404);
});
