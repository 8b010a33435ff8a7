import { call, signIn } from "./api";
import { createHandler } from "./routes";

describe("stage 2: accounts", () => {
  test("sign up, log in, and use the token: POST /users → 201, POST /sessions → 201 {token}, GET /todos → 200", async () => {
    const handle = createHandler({ scryptN: 1024 });
    const signUp = await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: "correct horse battery" } });
    expect(signUp.status).toBe(201);
    expect(await signUp.json()).toEqual({ id: expect.any(Number), email: "ada@example.com" });
    const login = await call(handle, "POST", "/sessions", { body: { email: "ada@example.com", password: "correct horse battery" } });
    expect(login.status).toBe(201);
    const { token } = await login.json();
    expect(typeof token).toBe("string");
    expect((await call(handle, "GET", "/todos", { token })).status).toBe(200);
  });

  test("GET /todos without a token → 401 with WWW-Authenticate: Bearer", async () => {
    const handle = createHandler({ scryptN: 1024 });
    const res = await call(handle, "GET", "/todos");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  test("Bea cannot read Ada's todo: 404, as if it did not exist", async () => {
    const handle = createHandler({ scryptN: 1024 });
    const ada = await signIn(handle, "ada@example.com");
    const bea = await signIn(handle, "bea@example.com");
    const todo = await (await call(handle, "POST", "/todos", { token: ada, body: { title: "Ada's secret plan" } })).json();
    expect((await call(handle, "GET", `/todos/${todo.id}`, { token: bea })).status).toBe(404);
  });
});
