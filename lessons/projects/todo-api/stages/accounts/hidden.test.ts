import { calls } from "serverside:test";
import { BASE, call, signIn, type Handle } from "./api";
import { hashPassword, verifyPassword } from "./auth";
import { createHandler } from "./routes";
import { createStore } from "./store";

const START = Date.UTC(2026, 2, 1, 9, 30);
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = "correct horse battery";

function app(): { handle: Handle; store: ReturnType<typeof createStore>; time: { t: number } } {
  const time = { t: START };
  const store = createStore();
  return { handle: createHandler({ store, now: () => time.t, scryptN: 1024 }), store, time };
}

function login(handle: Handle, email: string, password: string): Promise<Response> {
  return call(handle, "POST", "/sessions", { body: { email, password } });
}

describe("stage 2: accounts", () => {
  test("sign-up keeps an scrypt hash with a random salt, never the password", { description: "The stored hash is checked against scryptSync with the stored salt and parameters." }, async () => {
    const { handle, store } = app();
    const res = await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["email", "id"]);
    const stored = store.findUserByEmail("ada@example.com")?.passwordHash ?? "";
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    const [, , , , salt, hash] = stored.split("$");
    expect(crypto.scryptSync(PASSWORD, Uint8Array.fromHex(salt!), 32, { N: 1024, r: 8, p: 1 }).toHex()).toBe(hash);
    await call(handle, "POST", "/users", { body: { email: "bea@example.com", password: PASSWORD } });
    expect(store.findUserByEmail("bea@example.com")?.passwordHash.split("$")[4]).not.toBe(salt);
  });

  test("hashPassword's default cost is N = 16384, and verifyPassword accepts only the right password", async () => {
    expect(hashPassword("hunter22").split("$").slice(0, 4)).toEqual(["scrypt", "16384", "8", "1"]);
    const stored = hashPassword("hunter22", 1024);
    expect([verifyPassword("hunter22", stored), verifyPassword("hunter23", stored), verifyPassword("hunter22", "plain")]).toEqual([true, false, false]);
  });

  test("sign-up: invalid emails and passwords outside 8-128 characters → 422", { description: "Malformed and non-string emails, 7- and 129-character passwords, non-string passwords." }, async () => {
    const { handle } = app();
    const bodies = [
      { email: "not-an-email", password: PASSWORD },
      { email: "a@b", password: PASSWORD },
      { email: "two words@example.com", password: PASSWORD },
      { email: 42, password: PASSWORD },
      { password: PASSWORD },
      { email: "ada@example.com", password: "1234567" },
      { email: "ada@example.com", password: "p".repeat(129) },
      { email: "ada@example.com", password: 12345678 },
      { email: "ada@example.com" },
    ];
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await call(handle, "POST", "/users", { body })).status);
    expect(statuses).toEqual(bodies.map(() => 422));
    expect((await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: "12345678" } })).status).toBe(201);
    expect((await call(handle, "POST", "/users", { body: { email: "bea@example.com", password: "p".repeat(128) } })).status).toBe(201);
  });

  test("an email that has an account → 409, whatever its case or spaces; the first account is unchanged", async () => {
    const { handle } = app();
    await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    const again = await call(handle, "POST", "/users", { body: { email: "  ADA@Example.COM ", password: "another password" } });
    expect(again.status).toBe(409);
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(201);
    expect((await login(handle, "Ada@Example.com", "another password")).status).toBe(401);
  });

  test("a wrong password and an unknown email get the same 401", { description: "Both answers are compared: status and body." }, async () => {
    const { handle } = app();
    await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    const wrong = await login(handle, "ada@example.com", "incorrect horse");
    const unknown = await login(handle, "nobody@example.com", "incorrect horse");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await unknown.text()).toBe(await wrong.text());
  });

  test("logging in with an unknown email costs an scrypt hash too", { description: "Otherwise the response time tells who has an account." }, async () => {
    const { handle } = app();
    await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    await login(handle, "nobody@example.com", PASSWORD); // a first miss may prepare what it needs
    calls.reset();
    await login(handle, "nobody2@example.com", PASSWORD);
    expect(calls.count("crypto.scryptSync")).toBeGreaterThanOrEqual(1);
  });

  test("the password check compares the hashes with crypto.timingSafeEqual", async () => {
    const { handle, store } = app();
    await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    const storedHash = (store.findUserByEmail("ada@example.com")?.passwordHash ?? "").split("$")[5];
    calls.reset();
    await login(handle, "ada@example.com", "incorrect horse");
    const compared = calls.args("crypto.timingSafeEqual").some((args) => args.some((a) => a instanceof Uint8Array && a.toHex() === storedHash));
    expect(compared).toBe(true);
  });

  test("tokens are long, random and different for every login", async () => {
    const { handle } = app();
    await call(handle, "POST", "/users", { body: { email: "ada@example.com", password: PASSWORD } });
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await (await login(handle, "ada@example.com", PASSWORD)).json()).token);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token.length).toBeGreaterThanOrEqual(32);
  });

  test("the store keeps SHA-256 of each token, not the token", async () => {
    const { handle, store } = app();
    const token = (await signIn(handle, "ada@example.com"))!;
    expect(store.findSession(token)).toBeUndefined();
    expect(store.findSession(crypto.hash("sha256", token))).toBeDefined();
  });

  test("no token, a made-up token or another scheme → 401 with WWW-Authenticate: Bearer", async () => {
    const { handle } = app();
    const token = (await signIn(handle, "ada@example.com"))!;
    const attempts = [
      handle(new Request(`${BASE}/todos`)),
      call(handle, "GET", "/todos", { token: "A".repeat(43) }),
      call(handle, "GET", "/todos", { headers: { Authorization: `Basic ${token}` } }),
      call(handle, "GET", "/todos", { headers: { Authorization: `Bearer ${token}x` } }),
      call(handle, "POST", "/todos", { body: { title: "T" } }),
      call(handle, "DELETE", "/todos/1"),
    ];
    const results: [number, boolean][] = [];
    for (const res of await Promise.all(attempts)) results.push([res.status, /^Bearer/.test(res.headers.get("www-authenticate") ?? "")]);
    expect(results).toEqual(attempts.map(() => [401, true]));
  });

  test("another user's private todo is a 404 for every method, and stays unchanged", { description: "GET, PATCH and DELETE by a second user; then the owner reads the todo and both lists." }, async () => {
    const { handle } = app();
    const ada = await signIn(handle, "ada@example.com");
    const bea = await signIn(handle, "bea@example.com");
    const todo = await (await call(handle, "POST", "/todos", { token: ada, body: { title: "Ada's" } })).json();
    const statuses = [
      (await call(handle, "GET", `/todos/${todo.id}`, { token: bea })).status,
      (await call(handle, "PATCH", `/todos/${todo.id}`, { token: bea, body: { done: true } })).status,
      (await call(handle, "PATCH", `/todos/${todo.id}`, { token: bea, body: { done: "nonsense" } })).status,
      (await call(handle, "DELETE", `/todos/${todo.id}`, { token: bea })).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404]);
    expect(await (await call(handle, "GET", `/todos/${todo.id}`, { token: ada })).json()).toEqual(todo);
    expect((await (await call(handle, "GET", "/todos", { token: bea })).json()).items).toEqual([]);
    expect((await (await call(handle, "GET", "/todos", { token: ada })).json()).items).toEqual([todo]);
  });

  test("a shared todo: others may read it (200) but not change it (403)", { description: "shared: true lets every signed-in user GET it; PATCH and DELETE stay the owner's." }, async () => {
    const { handle } = app();
    const ada = await signIn(handle, "ada@example.com");
    const bea = await signIn(handle, "bea@example.com");
    const todo = await (await call(handle, "POST", "/todos", { token: ada, body: { title: "Team lunch", shared: true } })).json();
    expect(todo.shared).toBe(true);
    const read = await call(handle, "GET", `/todos/${todo.id}`, { token: bea });
    expect([read.status, await read.json()]).toEqual([200, todo]);
    const writes = [
      (await call(handle, "PATCH", `/todos/${todo.id}`, { token: bea, body: { title: "Bea's now" } })).status,
      (await call(handle, "DELETE", `/todos/${todo.id}`, { token: bea })).status,
    ];
    expect(writes).toEqual([403, 403]);
    expect((await (await call(handle, "GET", "/todos", { token: bea })).json()).items).toEqual([]);
    const unshared = await call(handle, "PATCH", `/todos/${todo.id}`, { token: ada, body: { shared: false } });
    expect(unshared.status).toBe(200);
    expect((await call(handle, "GET", `/todos/${todo.id}`, { token: bea })).status).toBe(404);
  });

  test("the owner is whoever is signed in, whatever the body says", { description: "Owner-like fields in a POST and a PATCH do not move a todo to another user." }, async () => {
    const { handle } = app();
    const ada = await signIn(handle, "ada@example.com");
    const beaId = (await (await call(handle, "POST", "/users", { body: { email: "bea@example.com", password: PASSWORD } })).json()).id;
    const bea = (await (await login(handle, "bea@example.com", PASSWORD)).json()).token;
    const sneaky = { title: "Planted", ownerId: beaId, userId: beaId, owner: beaId, user: beaId };
    const todo = await (await call(handle, "POST", "/todos", { token: ada, body: sneaky })).json();
    await call(handle, "PATCH", `/todos/${todo.id}`, { token: ada, body: { ownerId: beaId, userId: beaId, done: true } });
    expect((await (await call(handle, "GET", "/todos", { token: bea })).json()).items).toEqual([]);
    expect((await call(handle, "GET", `/todos/${todo.id}`, { token: bea })).status).toBe(404);
    expect((await call(handle, "GET", `/todos/${todo.id}`, { token: ada })).status).toBe(200);
  });

  test("DELETE /sessions ends that session only", async () => {
    const { handle } = app();
    const first = await signIn(handle, "ada@example.com");
    const second = (await (await login(handle, "ada@example.com", "correct horse battery")).json()).token;
    expect((await call(handle, "DELETE", "/sessions", { token: first })).status).toBe(204);
    expect((await call(handle, "GET", "/todos", { token: first })).status).toBe(401);
    expect((await call(handle, "GET", "/todos", { token: second })).status).toBe(200);
    expect((await call(handle, "DELETE", "/sessions", { token: first })).status).toBe(401);
  });

  test("a token expires 24 hours after login", async () => {
    const { handle, time } = app();
    const token = await signIn(handle, "ada@example.com");
    time.t = START + DAY - 1;
    expect((await call(handle, "GET", "/todos", { token })).status).toBe(200);
    time.t = START + DAY;
    expect((await call(handle, "GET", "/todos", { token })).status).toBe(401);
  });
});
