import { handler } from "./solution";

const base = "http://localhost";

function post(path: string, body: string): Request {
  return new Request(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
}

describe("tasks API", () => {
  test("GET /tasks → 200 with a JSON array", async () => {
    const res = await handler(new Request(base + "/tasks"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(Array.isArray(body)).toBe(true);
  });

  test('POST /tasks {"title":"Buy milk"} → 201 with the new task and a Location header', async () => {
    const res = await handler(post("/tasks", JSON.stringify({ title: "Buy milk" })));
    expect(res.status).toBe(201);
    const task = await res.json();
    expect(task.title).toBe("Buy milk");
    expect(task.done).toBe(false);
    expect(res.headers.get("location")).toBe(`/tasks/${task.id}`);
  });

  test('POST /tasks with body "{not json" → 400 with an error message', async () => {
    const res = await handler(post("/tasks", "{not json"));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(typeof body.error).toBe("string");
  });

  test("GET /nope → 404", async () => {
    const res = await handler(new Request(base + "/nope"));
    expect(res.status).toBe(404);
  });

  test("DELETE /tasks → 405 with Allow: GET, HEAD, POST", async () => {
    const res = await handler(new Request(base + "/tasks", { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toMatch(/POST/);
  });
});
