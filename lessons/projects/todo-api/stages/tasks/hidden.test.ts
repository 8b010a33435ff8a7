import { call, signIn, type Handle } from "./api";
import { createHandler } from "./routes";

const START = Date.UTC(2026, 2, 1, 9, 30);

async function setUp(): Promise<{ handle: Handle; token: string | null; clock: { t: number } }> {
  const time = { t: START };
  const handle = createHandler({ now: () => time.t, scryptN: 1024 });
  return { handle, token: await signIn(handle, "ada@example.com"), clock: time };
}

async function create(handle: Handle, token: string | null, body: unknown): Promise<Record<string, unknown>> {
  const res = await call(handle, "POST", "/todos", { token, body });
  expect(res.status).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

describe("stage 1: tasks", () => {
  test("title: missing, not a string, blank or over 200 characters → 422", { description: "Several invalid titles, each sent in a POST /todos." }, async () => {
    const { handle, token } = await setUp();
    const statuses: number[] = [];
    for (const body of [{}, { title: 42 }, { title: null }, { title: ["a"] }, { title: "   " }, { title: "x".repeat(201) }, { title: ` ${"y".repeat(201)} ` }]) {
      statuses.push((await call(handle, "POST", "/todos", { token, body })).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422, 422]);
    expect((await (await call(handle, "GET", "/todos", { token })).json()).items).toEqual([]);
  });

  test("a title is stored trimmed, and 200 characters are allowed", async () => {
    const { handle, token } = await setUp();
    expect((await create(handle, token, { title: "  Call the bank \n" })).title).toBe("Call the bank");
    const long = "z".repeat(200);
    expect((await create(handle, token, { title: `  ${long}  ` })).title).toBe(long);
  });

  test("done must be a boolean when sent (else 422); it defaults to false", async () => {
    const { handle, token } = await setUp();
    const statuses: number[] = [];
    for (const done of ["true", 1, 0, null, "false"]) statuses.push((await call(handle, "POST", "/todos", { token, body: { title: "T", done } })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    expect((await create(handle, token, { title: "T" })).done).toBe(false);
    expect((await create(handle, token, { title: "T", done: true })).done).toBe(true);
  });

  test("a body that is not a JSON object → 400", async () => {
    const { handle, token } = await setUp();
    const statuses: number[] = [];
    for (const body of ["", "{", "null", "[]", '"Buy milk"', "42"]) statuses.push((await call(handle, "POST", "/todos", { token, body })).status);
    statuses.push((await call(handle, "PATCH", `/todos/${(await create(handle, token, { title: "T" })).id}`, { token, body: "[1]" })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400]);
  });

  test("id and createdAt are the server's, whatever the body says", { description: "A POST and a PATCH that send id and createdAt of their own." }, async () => {
    const { handle, token, clock } = await setUp();
    const first = await create(handle, token, { title: "First" });
    clock.t += 60_000;
    const second = await create(handle, token, { title: "Second", id: first.id, createdAt: "1999-12-31T23:59:59.000Z" });
    expect(second.id).not.toBe(first.id);
    expect(second.createdAt).toBe(new Date(START + 60_000).toISOString());
    const patched = await call(handle, "PATCH", `/todos/${second.id}`, { token, body: { id: 9999, createdAt: "1999-12-31T23:59:59.000Z", done: true } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: second.id, createdAt: second.createdAt, done: true });
    const list = (await (await call(handle, "GET", "/todos", { token })).json()) as { items: { title: string }[] };
    expect(list.items.map((t) => t.title)).toEqual(["First", "Second"]);
  });

  test("201 carries Location: /todos/<id>, and GET of that path returns the todo", async () => {
    const { handle, token } = await setUp();
    const res = await call(handle, "POST", "/todos", { token, body: { title: "Write report" } });
    const todo = await res.json();
    expect(res.headers.get("location")).toBe(`/todos/${todo.id}`);
    expect(todo.createdAt).toBe(new Date(START).toISOString());
    expect(await (await call(handle, "GET", `/todos/${todo.id}`, { token })).json()).toEqual(todo);
  });

  test("PATCH changes only the fields sent", async () => {
    const { handle, token } = await setUp();
    const todo = await create(handle, token, { title: "Draft" });
    const done = await (await call(handle, "PATCH", `/todos/${todo.id}`, { token, body: { done: true } })).json();
    expect(done).toEqual({ ...todo, done: true });
    const renamed = await (await call(handle, "PATCH", `/todos/${todo.id}`, { token, body: { title: " Final " } })).json();
    expect(renamed).toEqual({ ...todo, done: true, title: "Final" });
  });

  test("a PATCH with one invalid field changes nothing (422)", { description: "A valid title together with an invalid done, and the reverse." }, async () => {
    const { handle, token } = await setUp();
    const todo = await create(handle, token, { title: "Keep me" });
    const a = await call(handle, "PATCH", `/todos/${todo.id}`, { token, body: { title: "Changed", done: "yes" } });
    const b = await call(handle, "PATCH", `/todos/${todo.id}`, { token, body: { done: true, title: "" } });
    expect([a.status, b.status]).toEqual([422, 422]);
    expect(await (await call(handle, "GET", `/todos/${todo.id}`, { token })).json()).toEqual(todo);
  });

  test("DELETE → 204 with no body; afterwards GET, PATCH and DELETE → 404", async () => {
    const { handle, token } = await setUp();
    const keep = await create(handle, token, { title: "Keep" });
    const gone = await create(handle, token, { title: "Gone" });
    const del = await call(handle, "DELETE", `/todos/${gone.id}`, { token });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    const after = [
      (await call(handle, "GET", `/todos/${gone.id}`, { token })).status,
      (await call(handle, "PATCH", `/todos/${gone.id}`, { token, body: { done: true } })).status,
      (await call(handle, "DELETE", `/todos/${gone.id}`, { token })).status,
    ];
    expect(after).toEqual([404, 404, 404]);
    expect(((await (await call(handle, "GET", "/todos", { token })).json()) as { items: unknown[] }).items).toEqual([keep]);
  });

  test("ids that are unknown or not numbers → 404", async () => {
    const { handle, token } = await setUp();
    const todo = await create(handle, token, { title: "T" });
    const statuses: number[] = [];
    for (const id of [Number(todo.id) + 1, "abc", "1.5", "-1", "0", `${todo.id}/x`]) statuses.push((await call(handle, "GET", `/todos/${id}`, { token })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
  });

  test("GET /todos lists every todo in creation order, ids distinct", async () => {
    const { handle, token } = await setUp();
    const made: unknown[] = [];
    for (let i = 0; i < 6; i++) made.push(await create(handle, token, { title: `Task ${i}` }));
    const list = (await (await call(handle, "GET", "/todos", { token })).json()) as { items: { id: number }[] };
    expect(list.items).toEqual(made);
    expect(new Set(list.items.map((t) => t.id)).size).toBe(6);
  });

  test("wrong methods → 405 with Allow; other paths → 404", async () => {
    const { handle, token } = await setUp();
    const todo = await create(handle, token, { title: "T" });
    const put = await call(handle, "PUT", "/todos", { token, body: { title: "x" } });
    const post = await call(handle, "POST", `/todos/${todo.id}`, { token, body: { title: "x" } });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, POST"]);
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, PATCH, DELETE"]);
    expect((await call(handle, "GET", "/todo", { token })).status).toBe(404);
    expect((await call(handle, "GET", "/", { token })).status).toBe(404);
  });
});
