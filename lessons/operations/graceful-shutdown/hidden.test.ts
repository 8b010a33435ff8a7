import { createServer } from "./solution";

const req = (path: string) => new Request("http://localhost" + path);

interface Calls {
  n: number;
}
/** An app whose requests take ?ms=N of virtual time (default 100); counts how often it was called. */
function timedApp(calls: Calls = { n: 0 }) {
  return (r: Request) => {
    calls.n++;
    const ms = Number(new URL(r.url).searchParams.get("ms") ?? "100");
    return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response("ok " + ms)), ms));
  };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** Advances virtual time by `ms` in small steps, letting promise callbacks run in between. */
async function pass(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 10) {
    clock.advance(Math.min(10, ms - t));
    await flush();
  }
}

function track<T>(p: Promise<T>): { settled: boolean; value?: T } {
  const state: { settled: boolean; value?: T } = { settled: false };
  p.then((v) => {
    state.settled = true;
    state.value = v;
  });
  return state;
}

describe("draining", () => {
  test("shutdown waits for the slowest request in flight: not done at 500 ms of 800, done right after", async () => {
    const server = createServer(timedApp());
    const a = server.handle(req("/a?ms=300"));
    const b = server.handle(req("/b?ms=800"));
    const done = track(server.shutdown());
    await pass(500);
    expect(done.settled).toBe(false);
    await pass(310);
    expect(done.settled).toBe(true);
    expect(done.value).toEqual({ completed: 2, abandoned: 0 });
    expect(await (await a).text()).toBe("ok 300");
    expect(await (await b).text()).toBe("ok 800");
  });

  test("with nothing in flight, shutdown resolves at once with { completed: 0, abandoned: 0 }", async () => {
    const server = createServer(timedApp());
    const done = track(server.shutdown());
    await flush();
    expect(done.settled).toBe(true);
    expect(done.value).toEqual({ completed: 0, abandoned: 0 });
  });

  test("a request that outlives graceMs is abandoned: resolves at the deadline (not before) and counts it", async () => {
    const server = createServer(timedApp(), { graceMs: 5000 });
    server.handle(req("/slow?ms=20000"));
    server.handle(req("/quick?ms=50"));
    const done = track(server.shutdown());
    await pass(4990);
    expect(done.settled).toBe(false);
    await pass(20);
    expect(done.settled).toBe(true);
    expect(done.value).toEqual({ completed: 1, abandoned: 1 });
  });

  test("graceMs defaults to 10 seconds", async () => {
    const server = createServer(timedApp());
    server.handle(req("/slow?ms=60000"));
    const done = track(server.shutdown());
    await pass(9900);
    expect(done.settled).toBe(false);
    await pass(200);
    expect(done.value).toEqual({ completed: 0, abandoned: 1 });
  });

  test("calling shutdown twice gives the same result; one drain, logged as one start and one completion", async () => {
    const lines: string[] = [];
    const server = createServer(timedApp(), { graceMs: 1000, log: (l) => lines.push(l) });
    server.handle(req("/x?ms=200"));
    const first = server.shutdown();
    const second = server.shutdown();
    await pass(1100);
    expect(await first).toEqual({ completed: 1, abandoned: 0 });
    expect(await second).toEqual({ completed: 1, abandoned: 0 });
    const msgs = lines.map((l) => JSON.parse(l).msg);
    expect(msgs.filter((m) => m === "shutdown started").length).toBe(1);
    expect(msgs.filter((m) => m === "shutdown complete").length).toBe(1);
  });
});

describe("while draining", () => {
  test("new requests get 503 with Connection: close and Retry-After: 1, and never reach the app", async () => {
    const calls = { n: 0 };
    const server = createServer(timedApp(calls));
    server.handle(req("/x?ms=1000"));
    void server.shutdown();
    const res = await server.handle(req("/y?ms=10"));
    expect(res.status).toBe(503);
    expect(res.headers.get("connection")).toBe("close");
    expect(res.headers.get("retry-after")).toBe("1");
    expect(calls.n).toBe(1);
  });

  test("/livez stays 200 while draining; /livez and /readyz never reach the app or count as in flight", async () => {
    const calls = { n: 0 };
    const server = createServer(timedApp(calls));
    expect((await server.handle(req("/livez"))).status).toBe(200);
    const done = track(server.shutdown());
    expect((await server.handle(req("/livez"))).status).toBe(200);
    await flush();
    expect(done.value).toEqual({ completed: 0, abandoned: 0 });
    expect(calls.n).toBe(0);
  });
});

describe("failures and logs", () => {
  test("an app that throws → 500 with a generic JSON error (no message leaked), and the request stops counting", async () => {
    const server = createServer(() => {
      throw new Error("db password=hunter2 rejected");
    });
    const res = await server.handle(req("/boom"));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text.includes("hunter2")).toBe(false);
    const done = track(server.shutdown());
    await flush();
    expect(done.value).toEqual({ completed: 0, abandoned: 0 });
  });

  test("an app whose promise rejects during the drain → 500, and shutdown still finishes before the deadline", async () => {
    const server = createServer(
      () => new Promise<Response>((_, reject) => setTimeout(() => reject(new Error("late failure")), 100)),
      { graceMs: 5000 },
    );
    const res = server.handle(req("/x"));
    const done = track(server.shutdown());
    await pass(110);
    expect((await res).status).toBe(500);
    expect(done.value).toEqual({ completed: 1, abandoned: 0 });
  });

  test('logs one JSON line "shutdown started" with inFlight, and one "shutdown complete" with completed and abandoned', async () => {
    const lines: string[] = [];
    const server = createServer(timedApp(), { graceMs: 1000, log: (l) => lines.push(l) });
    server.handle(req("/a?ms=100"));
    server.handle(req("/b?ms=5000"));
    server.handle(req("/c?ms=200"));
    const done = server.shutdown();
    await pass(1010);
    await done;
    const parsed = lines.map((l) => JSON.parse(l));
    const start = parsed.find((l) => l.msg === "shutdown started");
    const end = parsed.find((l) => l.msg === "shutdown complete");
    expect(start?.inFlight).toBe(3);
    expect([end?.completed, end?.abandoned]).toEqual([2, 1]);
    expect(parsed.every((l) => typeof l.time === "string" && typeof l.level === "string")).toBe(true);
  });

  test("two servers drain independently", async () => {
    const one = createServer(timedApp());
    const two = createServer(timedApp());
    one.handle(req("/x?ms=400"));
    const oneDone = track(one.shutdown());
    expect((await two.handle(req("/readyz"))).status).toBe(200);
    const twoDone = track(two.shutdown());
    await flush();
    expect(twoDone.value).toEqual({ completed: 0, abandoned: 0 });
    expect(oneDone.settled).toBe(false);
    await pass(410);
    expect(oneDone.value).toEqual({ completed: 1, abandoned: 0 });
  });
});
