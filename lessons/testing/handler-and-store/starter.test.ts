import { createTasksHandler } from "./solution";
import { createStore } from "./store";

/** A fresh store and a handler over it: every test starts empty. */
function setup() {
  const store = createStore();
  return { store, handle: createTasksHandler(store) };
}

function request(method: string, path: string, user: string | null, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (user !== null) headers["x-user"] = user;
  return new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("tasks API", () => {
  test("POST /tasks creates a task for the caller → 201", async () => {
    const { handle, store } = setup();
    const res = await handle(request("POST", "/tasks", "ann", { title: "Buy milk" }));
    expect(res.status).toBe(201);
    const task = await res.json();
    // Check the store too: what the API said is what was saved.
    expect(store.get(task.id)).toEqual({ id: task.id, title: "Buy milk", done: false, ownerId: "ann" });
  });

  // Add tests: the other routes, a second user, what the store holds after each change, and the
  // error statuses in the module's doc comment.
});
