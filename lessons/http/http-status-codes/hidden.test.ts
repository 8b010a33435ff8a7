import { handler } from "./solution";

const base = "http://localhost";

function send(method: string, path: string, body?: string): Request {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = body;
    init.headers = { "Content-Type": "application/json" };
  }
  return new Request(base + path, init);
}

function allowed(res: Response): string[] {
  return (res.headers.get("allow") ?? "")
    .split(",")
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== "")
    .sort();
}

describe("GET", () => {
  test("GET /tasks → Content-Type application/json and every task has id, title, done", async () => {
    const res = await handler(send("GET", "/tasks"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const list = await res.json();
    expect(list.length > 0).toBe(true);
    for (const task of list) {
      expect(typeof task.id).toBe("number");
      expect(typeof task.title).toBe("string");
      expect(typeof task.done).toBe("boolean");
    }
  });

  test("GET /tasks/1 → 200 with task 1", async () => {
    const res = await handler(send("GET", "/tasks/1"));
    expect(res.status).toBe(200);
    const task = await res.json();
    expect(task.id).toBe(1);
  });

  test("GET /tasks/999 (no such task) → 404, not 200 with null", async () => {
    const res = await handler(send("GET", "/tasks/999"));
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(typeof body.error).toBe("string");
  });

  test("GET /tasks/abc → 404", async () => {
    const res = await handler(send("GET", "/tasks/abc"));
    expect(res.status).toBe(404);
  });

  test("GET /users (unknown path) → 404 with a JSON error body", async () => {
    const res = await handler(send("GET", "/users"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(typeof body.error).toBe("string");
  });
});

describe("HEAD", () => {
  test("HEAD /tasks → 200, same Content-Type as GET, empty body", async () => {
    const res = await handler(send("HEAD", "/tasks"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.text()).toBe("");
  });
});

describe("POST /tasks", () => {
  test('POST {"title":"Walk the dog"} → 201 (Created, not 200)', async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: "Walk the dog" })));
    expect(res.status).toBe(201);
  });

  test("POST → Location header points at the new task, and GET on it returns that task", async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: "Water plants" })));
    const location = res.headers.get("location");
    expect(location).toMatch(/^\/tasks\/\d+$/);
    const created = await res.json();
    const again = await handler(send("GET", location ?? "/missing"));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);
  });

  test("POST → the new task shows up in GET /tasks", async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: "Call mum" })));
    const created = await res.json();
    const list = await (await handler(send("GET", "/tasks"))).json();
    expect(list.map((t: { id: number }) => t.id)).toContain(created.id);
  });

  test("two POSTs → two different ids", async () => {
    const a = await (await handler(send("POST", "/tasks", JSON.stringify({ title: "A" })))).json();
    const b = await (await handler(send("POST", "/tasks", JSON.stringify({ title: "B" })))).json();
    expect(a.id === b.id).toBe(false);
  });

  test("POST with an empty body → 400, not a crash", async () => {
    const res = await handler(send("POST", "/tasks", ""));
    expect(res.status).toBe(400);
  });

  test('POST {"title":""} → 400 with an error message', async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: "" })));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(typeof body.error).toBe("string");
  });

  test('POST {"title":"   "} (only spaces) → 400', async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: "   " })));
    expect(res.status).toBe(400);
  });

  test('POST {"title":42} → 400', async () => {
    const res = await handler(send("POST", "/tasks", JSON.stringify({ title: 42 })));
    expect(res.status).toBe(400);
  });

  test("POST {} (no title) → 400", async () => {
    const res = await handler(send("POST", "/tasks", "{}"));
    expect(res.status).toBe(400);
  });

  test("POST null → 400", async () => {
    const res = await handler(send("POST", "/tasks", "null"));
    expect(res.status).toBe(400);
  });

  test("a rejected POST does not create a task", async () => {
    const before = (await (await handler(send("GET", "/tasks"))).json()).length;
    await handler(send("POST", "/tasks", "{broken"));
    await handler(send("POST", "/tasks", JSON.stringify({ title: "" })));
    const after = (await (await handler(send("GET", "/tasks"))).json()).length;
    expect(after).toBe(before);
  });
});

describe("405 Method Not Allowed", () => {
  test("PUT /tasks → 405 (the path exists, the method doesn't), not 404", async () => {
    const res = await handler(send("PUT", "/tasks", "{}"));
    expect(res.status).toBe(405);
  });

  test("DELETE /tasks → Allow header lists exactly GET, HEAD, POST", async () => {
    const res = await handler(send("DELETE", "/tasks"));
    expect(res.status).toBe(405);
    expect(allowed(res)).toEqual(["GET", "HEAD", "POST"]);
  });

  test("PATCH /tasks/1 → 405 with Allow listing exactly GET, HEAD", async () => {
    const res = await handler(send("PATCH", "/tasks/1", "{}"));
    expect(res.status).toBe(405);
    expect(allowed(res)).toEqual(["GET", "HEAD"]);
  });

  test("POST /tasks/1 → 405, and no task is created", async () => {
    const before = (await (await handler(send("GET", "/tasks"))).json()).length;
    const res = await handler(send("POST", "/tasks/1", JSON.stringify({ title: "x" })));
    expect(res.status).toBe(405);
    const after = (await (await handler(send("GET", "/tasks"))).json()).length;
    expect(after).toBe(before);
  });
});

describe("the awkward requests", () => {
  test("POST with extra fields (done, id) → the server sets done: false and picks the id itself", async () => {
    const res = await handler(
      send("POST", "/tasks", JSON.stringify({ title: "Sneaky", done: true, id: 1, owner: "mallory" })),
    );
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task.done).toBe(false);
    expect(task.id === 1).toBe(false);
    expect(Object.keys(task).sort()).toEqual(["done", "id", "title"]);
    const first = await (await handler(send("GET", "/tasks/1"))).json();
    expect(first.title === "Sneaky").toBe(false);
  });

  test("HEAD /tasks/1 → 200 with an empty body; HEAD on a missing task → 404", async () => {
    const res = await handler(send("HEAD", "/tasks/1"));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const missing = await handler(send("HEAD", "/tasks/4242"));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("");
  });

  test("GET /tasks/1/comments (a longer path) → 404, not task 1", async () => {
    const res = await handler(send("GET", "/tasks/1/comments"));
    expect(res.status).toBe(404);
  });

  test("GET /tasks/2abc → 404 (an id is only digits)", async () => {
    const res = await handler(send("GET", "/tasks/2abc"));
    expect(res.status).toBe(404);
  });

  test("GET /tasks?done=true → 200 with the list (a query string does not change the path)", async () => {
    const res = await handler(send("GET", "/tasks?done=true"));
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });

  test("GET /tasksarchive (a path that only starts like /tasks) → 404", async () => {
    const res = await handler(send("GET", "/tasksarchive"));
    expect(res.status).toBe(404);
  });
});
