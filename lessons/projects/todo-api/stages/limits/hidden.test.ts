import { calls } from "serverside:test";
import { call, signIn, type Handle } from "./api";
import { createHandler } from "./routes";
import { createStore } from "./store";

const START = Date.UTC(2026, 2, 1, 9, 30);
const MINUTE = 60_000;
const PASSWORD = "correct horse battery";

function app(): { handle: Handle; store: ReturnType<typeof createStore>; time: { t: number }; another: () => Handle } {
  const time = { t: START };
  const store = createStore();
  const make = (): Handle => createHandler({ store, now: () => time.t, scryptN: 1024 });
  return { handle: make(), store, time, another: make };
}

function login(handle: Handle, email: string, password: string): Promise<Response> {
  return call(handle, "POST", "/sessions", { body: { email, password } });
}

async function titles(handle: Handle, token: string | null, query: string): Promise<{ titles: string[]; next: string | null; status: number }> {
  const res = await call(handle, "GET", `/todos${query}`, { token });
  if (res.status !== 200) return { titles: [], next: null, status: res.status };
  const body = await res.json();
  return { titles: body.items.map((t: { title: string }) => t.title), next: body.nextCursor, status: 200 };
}

async function walk(handle: Handle, token: string | null, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: { titles: string[]; next: string | null } = await titles(handle, token, `?limit=${limit}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`);
    pages.push(page.titles);
    cursor = page.next;
  } while (cursor !== null && pages.length < 50);
  return pages;
}

describe("stage 3: persistence, pages and login limits", () => {
  test("everything lives in the store: a second handler on the same store (a restart) knows the token and the todos", async () => {
    const { handle, another } = app();
    const token = await signIn(handle, "ada@example.com");
    await call(handle, "POST", "/todos", { token, body: { title: "Survives restarts" } });
    const restarted = another();
    expect(await titles(restarted, token, "")).toMatchObject({ status: 200, titles: ["Survives restarts"] });
    expect((await call(restarted, "DELETE", "/sessions", { token })).status).toBe(204);
    expect((await call(handle, "GET", "/todos", { token })).status).toBe(401);
  });

  test("nothing lives outside the store: a handler on a new store knows no token", async () => {
    const { handle } = app();
    const token = await signIn(handle, "ada@example.com");
    const fresh = createHandler({ store: createStore(), scryptN: 1024 });
    expect((await call(fresh, "GET", "/todos", { token })).status).toBe(401);
  });

  test("pages hold 20 todos by default, and walking the cursors visits each todo once, in order", { description: "25 todos, read with the default size and with a size that does not divide 25." }, async () => {
    const { handle } = app();
    const token = await signIn(handle, "ada@example.com");
    const all: string[] = [];
    for (let i = 1; i <= 25; i++) {
      all.push(`Task ${i}`);
      await call(handle, "POST", "/todos", { token, body: { title: `Task ${i}` } });
    }
    const first = await titles(handle, token, "");
    expect(first.titles).toEqual(all.slice(0, 20));
    expect(first.next).not.toBeNull();
    expect((await walk(handle, token, 7)).flat()).toEqual(all);
    expect((await walk(handle, token, 7)).map((p) => p.length)).toEqual([7, 7, 7, 4]);
  });

  test("the last page has nextCursor null, also when it is exactly full", async () => {
    const { handle } = app();
    const token = await signIn(handle, "ada@example.com");
    for (let i = 1; i <= 4; i++) await call(handle, "POST", "/todos", { token, body: { title: `T${i}` } });
    expect(await walk(handle, token, 2)).toEqual([["T1", "T2"], ["T3", "T4"]]);
    expect(await walk(handle, token, 100)).toEqual([["T1", "T2", "T3", "T4"]]);
  });

  test("a todo deleted between two pages does not make the next page skip one", { description: "Page 1 is read, one of its todos is deleted, then page 2 is read with the cursor." }, async () => {
    const { handle } = app();
    const token = await signIn(handle, "ada@example.com");
    const ids: number[] = [];
    for (let i = 1; i <= 6; i++) ids.push((await (await call(handle, "POST", "/todos", { token, body: { title: `T${i}` } })).json()).id);
    const first = await titles(handle, token, "?limit=3");
    await call(handle, "DELETE", `/todos/${ids[0]}`, { token });
    const second = await titles(handle, token, `?limit=3&cursor=${encodeURIComponent(first.next ?? "")}`);
    expect(second.titles).toEqual(["T4", "T5", "T6"]);
  });

  test("pages hold only the signed-in user's todos, full pages even when ids interleave", async () => {
    const { handle } = app();
    const ada = await signIn(handle, "ada@example.com");
    const bea = await signIn(handle, "bea@example.com");
    for (let i = 1; i <= 5; i++) {
      await call(handle, "POST", "/todos", { token: ada, body: { title: `Ada ${i}` } });
      await call(handle, "POST", "/todos", { token: bea, body: { title: `Bea ${i}`, shared: true } });
    }
    expect(await walk(handle, ada, 2)).toEqual([["Ada 1", "Ada 2"], ["Ada 3", "Ada 4"], ["Ada 5"]]);
  });

  test("limit outside 1-100 or not a whole number, and a cursor this API did not give out → 400", async () => {
    const { handle } = app();
    const token = await signIn(handle, "ada@example.com");
    await call(handle, "POST", "/todos", { token, body: { title: "T" } });
    const statuses: number[] = [];
    for (const query of ["?limit=0", "?limit=101", "?limit=-3", "?limit=2.5", "?limit=ten", "?limit=", "?cursor=abc", "?cursor=-1", "?cursor="]) {
      statuses.push((await call(handle, "GET", `/todos${query}`, { token })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect((await titles(handle, token, "?limit=100")).status).toBe(200);
    expect((await titles(handle, token, "?limit=1")).status).toBe(200);
  });

  test("a login refused by the limit runs no scrypt at all", { description: "The sixth attempt is refused before any password is hashed." }, async () => {
    const { handle } = app();
    await signIn(handle, "ada@example.com");
    for (let i = 0; i < 5; i++) await login(handle, "ada@example.com", `guess ${i}`);
    calls.reset();
    const res = await login(handle, "ada@example.com", PASSWORD);
    expect(res.status).toBe(429);
    expect(calls.count("crypto.scryptSync")).toBe(0);
  });

  test("the limit counts the last 15 minutes: Retry-After says when the oldest failure leaves the window", { description: "Five failures a minute apart, then attempts while locked and after the window moved on." }, async () => {
    const { handle, time } = app();
    await signIn(handle, "ada@example.com");
    for (let i = 0; i < 5; i++) {
      time.t = START + i * MINUTE;
      expect((await login(handle, "ada@example.com", `guess ${i}`)).status).toBe(401);
    }
    time.t = START + 5 * MINUTE;
    const locked = await login(handle, "ada@example.com", PASSWORD);
    expect([locked.status, locked.headers.get("retry-after")]).toEqual([429, "600"]);
    time.t = START + 14 * MINUTE;
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(429);
    time.t = START + 15 * MINUTE + 1000;
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(201);
  });

  test("refused attempts do not count, and a successful login clears the failures", async () => {
    const { handle, time } = app();
    await signIn(handle, "ada@example.com");
    for (let i = 0; i < 4; i++) await login(handle, "ada@example.com", `guess ${i}`);
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await login(handle, "ada@example.com", `again ${i}`)).status).toBe(401);
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(201);
    for (let i = 0; i < 5; i++) await login(handle, "ada@example.com", `more ${i}`);
    for (let i = 0; i < 5; i++) {
      time.t += MINUTE;
      expect((await login(handle, "ada@example.com", `locked ${i}`)).status).toBe(429);
    }
    time.t = START + 15 * MINUTE + 1000;
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(201);
  });

  test("the limit is per account, whatever the case or spaces of the email", { description: "Failures sent with a differently written email count for the same account; another account is not affected." }, async () => {
    const { handle } = app();
    await signIn(handle, "ada@example.com");
    await signIn(handle, "bea@example.com");
    for (const email of ["ADA@example.com", " ada@Example.com", "Ada@EXAMPLE.com", "ada@example.COM ", "ada@example.com"]) await login(handle, email, "wrong guess");
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(429);
    expect((await login(handle, "bea@example.com", PASSWORD)).status).toBe(201);
  });

  test("two instances on one store share the limit", { description: "Failures sent alternately to two handlers that share a store." }, async () => {
    const { handle, another } = app();
    const second = another();
    await signIn(handle, "ada@example.com");
    for (let i = 0; i < 5; i++) await login(i % 2 === 0 ? handle : second, "ada@example.com", `guess ${i}`);
    expect((await login(handle, "ada@example.com", PASSWORD)).status).toBe(429);
    expect((await login(second, "ada@example.com", PASSWORD)).status).toBe(429);
  });

  test("unknown emails are limited too", async () => {
    const { handle } = app();
    for (let i = 0; i < 5; i++) expect((await login(handle, "ghost@example.com", `guess ${i}`)).status).toBe(401);
    expect((await login(handle, "ghost@example.com", PASSWORD)).status).toBe(429);
  });
});
