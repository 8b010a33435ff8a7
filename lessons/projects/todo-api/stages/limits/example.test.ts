import { call, signIn } from "./api";
import { createHandler } from "./routes";

describe("stage 3: persistence, pages and login limits", () => {
  test("GET /todos?limit=2 → 2 items and a nextCursor; the cursor gives the next page", async () => {
    const handle = createHandler({ scryptN: 1024 });
    const token = await signIn(handle, "ada@example.com");
    for (const title of ["one", "two", "three"]) await call(handle, "POST", "/todos", { token, body: { title } });
    const first = await (await call(handle, "GET", "/todos?limit=2", { token })).json();
    expect(first.items.map((t: { title: string }) => t.title)).toEqual(["one", "two"]);
    expect(typeof first.nextCursor).toBe("string");
    const second = await (await call(handle, "GET", `/todos?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, { token })).json();
    expect(second.items.map((t: { title: string }) => t.title)).toEqual(["three"]);
    expect(second.nextCursor).toBeNull();
  });

  test("after 5 wrong passwords, even the right one → 429 with Retry-After", async () => {
    const handle = createHandler({ scryptN: 1024 });
    await signIn(handle, "ada@example.com", "the right password");
    for (let i = 0; i < 5; i++) await call(handle, "POST", "/sessions", { body: { email: "ada@example.com", password: `guess ${i}` } });
    const res = await call(handle, "POST", "/sessions", { body: { email: "ada@example.com", password: "the right password" } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
