import { handler } from "./solution";
import { deps } from "./deps";

const send = (path: string, method = "GET") => handler(new Request("http://localhost" + path, { method }));

const never = () => new Promise<void>(() => {});
const after = (ms: number, fail = false) => () =>
  new Promise<void>((resolve, reject) => setTimeout(() => (fail ? reject(new Error("late")) : resolve()), ms));

/** Lets virtual time pass, then returns the response, or "no answer" if there is none by then. */
async function within(p: Promise<Response>, ms: number): Promise<Response | "no answer"> {
  let settled: Response | "no answer" = "no answer";
  p.then((r) => (settled = r), () => (settled = "no answer"));
  for (let step = 0; step < ms; step += 50) {
    clock.advance(Math.min(50, ms - step));
    for (let i = 0; i < 20; i++) await Promise.resolve();
  }
  for (let i = 0; i < 50; i++) await Promise.resolve();
  return settled;
}

beforeEach(() => {
  deps.draining = false;
  deps.checkDatabase = () => Promise.resolve();
  deps.checkCache = () => Promise.resolve();
});

describe("liveness", () => {
  test("/livez stays 200 while the database is down or hanging, and does not call any check", async () => {
    let calls = 0;
    deps.checkDatabase = () => {
      calls++;
      return Promise.reject(new Error("down"));
    };
    deps.checkCache = () => {
      calls++;
      return never();
    };
    const res = await within(send("/livez"), 10);
    expect(res === "no answer" ? "no answer" : res.status).toBe(200);
    expect(calls).toBe(0);
  });

  test("/livez stays 200 while the service is draining", async () => {
    deps.draining = true;
    expect((await send("/livez")).status).toBe(200);
  });
});

describe("readiness", () => {
  test("cache down, database up → still ready: 200, status degraded, cache: fail", async () => {
    deps.checkCache = () => Promise.reject(new Error("ECONNREFUSED"));
    const res = await send("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "degraded", checks: { database: "ok", cache: "fail" } });
  });

  test("a check that throws instead of rejecting → counted as fail (503), not a crash", async () => {
    deps.checkDatabase = () => {
      throw new Error("driver not loaded");
    };
    const res = await send("/readyz");
    expect(res.status).toBe(503);
    expect((await res.json()).checks.database).toBe("fail");
  });

  test("a database that never answers → 503 with database: timeout, answered after 1000 ms, not never", async () => {
    deps.checkDatabase = never;
    const res = await within(send("/readyz"), 1100);
    expect(res === "no answer" ? "no answer" : res.status).toBe(503);
    if (res !== "no answer") expect(await res.json()).toEqual({ status: "unavailable", checks: { database: "timeout", cache: "ok" } });
  });

  test("a cache that answers in 900 ms is ok (the limit is 1000 ms); one that hangs is a timeout but still ready", async () => {
    deps.checkCache = after(900);
    const slow = await within(send("/readyz"), 1100);
    expect(slow === "no answer" ? "no answer" : await slow.json()).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
    deps.checkCache = never;
    const hung = await within(send("/readyz"), 1100);
    expect(hung === "no answer" ? "no answer" : hung.status).toBe(200);
    if (hung !== "no answer") expect((await hung.json()).checks.cache).toBe("timeout");
  });

  test("the two checks run at the same time, not one after the other", async () => {
    const started: number[] = [];
    deps.checkDatabase = () => {
      started.push(performance.now());
      return after(700)();
    };
    deps.checkCache = () => {
      started.push(performance.now());
      return after(700)();
    };
    const res = await within(send("/readyz"), 1000);
    expect(res === "no answer" ? "no answer" : res.status).toBe(200);
    expect(started.length).toBe(2);
    expect(started[1] - started[0]).toBe(0);
  });

  test("draining → 503 {status: draining}, even though every check passes", async () => {
    deps.draining = true;
    const res = await send("/readyz");
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe("draining");
  });

  test("every request runs the checks again: a database that recovers makes /readyz 200 again", async () => {
    deps.checkDatabase = () => Promise.reject(new Error("down"));
    expect((await send("/readyz")).status).toBe(503);
    deps.checkDatabase = () => Promise.resolve();
    expect((await send("/readyz")).status).toBe(200);
  });

  test("the body never repeats a check's error message (it may hold a connection string with a password)", async () => {
    deps.checkDatabase = () => Promise.reject(new Error("connect postgres://admin:s3cr3t-pw@db:5432 failed"));
    const res = await send("/readyz");
    const text = await res.text();
    expect(text.includes("s3cr3t")).toBe(false);
    expect(text.includes("postgres://")).toBe(false);
  });
});

describe("HTTP details", () => {
  test("Cache-Control: no-store on /livez and /readyz, on 200 and on 503", async () => {
    expect((await send("/livez")).headers.get("cache-control")).toBe("no-store");
    expect((await send("/readyz")).headers.get("cache-control")).toBe("no-store");
    deps.checkDatabase = () => Promise.reject(new Error("x"));
    expect((await send("/readyz")).headers.get("cache-control")).toBe("no-store");
  });

  test("HEAD /readyz → the same status as GET with an empty body; POST /readyz → 405 with Allow: GET, HEAD", async () => {
    deps.checkDatabase = () => Promise.reject(new Error("x"));
    const head = await send("/readyz", "HEAD");
    expect(head.status).toBe(503);
    expect(await head.text()).toBe("");
    const post = await send("/readyz", "POST");
    expect(post.status).toBe(405);
    expect((post.headers.get("allow") ?? "").replace(/\s/g, "")).toBe("GET,HEAD");
  });
});
