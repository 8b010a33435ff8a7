import { createTasksHandler } from "./solution";
import { createStore } from "./store";

const req = (method: string, path: string, body?: unknown) =>
  new Request(`http://localhost${path}`, { method, headers: { "x-user": "ann" }, body: body === undefined ? undefined : JSON.stringify(body) });

test("create, list, update, delete", async () => {
  const handle = createTasksHandler(createStore());
  const task = await (await handle(req("POST", "/tasks", { title: "a" }))).json();
  expect(task.title).toBe("a");
  expect((await (await handle(req("GET", "/tasks"))).json()).length).toBe(1);
  expect((await handle(req("PATCH", `/tasks/${task.id}`, { done: true }))).status).toBe(200);
  expect((await handle(req("DELETE", `/tasks/${task.id}`))).status).toBe(204);
});
