import { createTasksHandler } from "./solution";
import { createStore } from "./store";

function setup() {
  const store = createStore();
  return { store, handle: createTasksHandler(store) };
}

function request(method: string, path: string, user: string | null, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (user !== null) headers["x-user"] = user;
  return new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

async function create(handle: (r: Request) => Promise<Response>, user: string, title: string) {
  return (await handle(request("POST", "/tasks", user, { title }))).json();
}

describe("creating", () => {
  test("201 with the trimmed title, not done, owned by the caller; the store agrees", async () => {
    const { handle, store } = setup();
    const res = await handle(request("POST", "/tasks", "ann", { title: "  Buy milk  " }));
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task).toEqual({ id: task.id, title: "Buy milk", done: false, ownerId: "ann" });
    expect(store.get(task.id)).toEqual(task);
  });

  test("fields other than title are ignored (no mass assignment)", async () => {
    const { handle, store } = setup();
    const res = await handle(request("POST", "/tasks", "ann", { title: "x", done: true, ownerId: "bob", id: 99 }));
    const task = await res.json();
    expect(store.get(task.id)).toEqual({ id: task.id, title: "x", done: false, ownerId: "ann" });
  });

  test("titles: blank, too long and not a string are 422; 100 characters is fine", async () => {
    const { handle } = setup();
    for (const title of ["   ", "a".repeat(101), 5]) expect((await handle(request("POST", "/tasks", "ann", { title }))).status).toBe(422);
    expect((await handle(request("POST", "/tasks", "ann", { title: "a".repeat(100) }))).status).toBe(201);
  });

  test("every task gets its own id, even after a delete", async () => {
    const { handle, store } = setup();
    const a = await create(handle, "ann", "a");
    const b = await create(handle, "ann", "b");
    await handle(request("DELETE", `/tasks/${a.id}`, "ann"));
    const c = await create(handle, "ann", "c");
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(store.get(b.id)?.title).toBe("b");
  });

  test("no X-User is 401; malformed JSON is 400", async () => {
    const { handle, store } = setup();
    expect((await handle(request("POST", "/tasks", null, { title: "x" }))).status).toBe(401);
    expect((await handle(request("GET", "/tasks", null))).status).toBe(401);
    expect((await handle(request("POST", "/tasks", "ann", "{oops"))).status).toBe(400);
    expect(store.listByOwner("anonymous")).toEqual([]);
  });
});

describe("listing", () => {
  test("each user sees only their own tasks", async () => {
    const { handle } = setup();
    await create(handle, "ann", "a1");
    await create(handle, "bob", "b1");
    await create(handle, "ann", "a2");
    const list = await (await handle(request("GET", "/tasks", "ann"))).json();
    expect(list.map((t: { title: string }) => t.title)).toEqual(["a1", "a2"]);
  });
});

describe("changing", () => {
  test("PATCH updates title and done, and the change is saved", async () => {
    const { handle, store } = setup();
    const task = await create(handle, "ann", "a");
    const res = await handle(request("PATCH", `/tasks/${task.id}`, "ann", { done: true, title: " b " }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...task, title: "b", done: true });
    expect(store.get(task.id)).toEqual({ ...task, title: "b", done: true });
  });

  test("PATCH with a done that is not a boolean is 422 and changes nothing", async () => {
    const { handle, store } = setup();
    const task = await create(handle, "ann", "a");
    expect((await handle(request("PATCH", `/tasks/${task.id}`, "ann", { done: "yes" }))).status).toBe(422);
    expect(store.get(task.id)?.done).toBe(false);
  });

  test("someone else's task is 404 for PATCH and DELETE, and stays as it was", async () => {
    const { handle, store } = setup();
    const task = await create(handle, "ann", "a");
    expect((await handle(request("PATCH", `/tasks/${task.id}`, "bob", { done: true }))).status).toBe(404);
    expect((await handle(request("DELETE", `/tasks/${task.id}`, "bob"))).status).toBe(404);
    expect(store.get(task.id)).toEqual(task);
  });

  test("DELETE is 204, the task is gone, and a second DELETE is 404", async () => {
    const { handle, store } = setup();
    const task = await create(handle, "ann", "a");
    const res = await handle(request("DELETE", `/tasks/${task.id}`, "ann"));
    expect(res.status).toBe(204);
    expect(store.get(task.id)).toBeUndefined();
    expect((await handle(request("DELETE", `/tasks/${task.id}`, "ann"))).status).toBe(404);
  });
});
