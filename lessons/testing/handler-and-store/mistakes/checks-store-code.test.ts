import { createTasksHandler } from "./solution";
import * as store from "./store";

// Pins how the store is written instead of what it does: fails on any other correct store.
test("the store is a Map", () => {
  expect(String(store.createStore)).toContain("new Map");
});
test("creates", async () => {
  const handle = createTasksHandler(store.createStore());
  const res = await handle(new Request("http://localhost/tasks", { method: "POST", headers: { "x-user": "a" }, body: JSON.stringify({ title: "t" }) }));
  expect(res.status).toBe(201);
});
