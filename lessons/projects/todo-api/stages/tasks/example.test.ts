import { call, signIn } from "./api";
import { createHandler } from "./routes";

describe("stage 1: tasks", () => {
  test('POST /todos {"title": "Buy milk"} → 201, then GET /todos/<id> returns it', async () => {
    const handle = createHandler({ scryptN: 1024 });
    const token = await signIn(handle, "ada@example.com");
    const created = await call(handle, "POST", "/todos", { token, body: { title: "Buy milk" } });
    expect(created.status).toBe(201);
    const todo = await created.json();
    expect(todo).toMatchObject({ title: "Buy milk", done: false });
    expect(typeof todo.id).toBe("number");
    const read = await call(handle, "GET", `/todos/${todo.id}`, { token });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(todo);
  });

  test('POST /todos {"title": ""} → 422; a body that is not JSON → 400', async () => {
    const handle = createHandler({ scryptN: 1024 });
    const token = await signIn(handle, "ada@example.com");
    expect((await call(handle, "POST", "/todos", { token, body: { title: "" } })).status).toBe(422);
    expect((await call(handle, "POST", "/todos", { token, body: "{title: Buy milk}" })).status).toBe(400);
  });
});
