import { createServer } from "./solution";

const req = (path: string) => new Request("http://localhost" + path);
/** An app whose every request takes `ms` of (virtual) time. */
const slowApp = (ms: number) => () =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(new Response("done")), ms));

describe("graceful shutdown", () => {
  test("/readyz → 200 while serving, 503 {status: draining} once shutdown() was called", async () => {
    const server = createServer(slowApp(10));
    expect((await server.handle(req("/readyz"))).status).toBe(200);
    void server.shutdown();
    const res = await server.handle(req("/readyz"));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "draining" });
  });

  test("a request in flight when shutdown starts still gets its response; shutdown reports it completed", async () => {
    const server = createServer(slowApp(300));
    const inFlight = server.handle(req("/orders"));
    const done = server.shutdown();
    clock.advance(300);
    expect(await (await inFlight).text()).toBe("done");
    expect(await done).toEqual({ completed: 1, abandoned: 0 });
  });

  test("a new request after shutdown() → 503 with Retry-After", async () => {
    const server = createServer(slowApp(10));
    void server.shutdown();
    const res = await server.handle(req("/orders"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
  });
});
