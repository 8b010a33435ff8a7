import { handler } from "./solution";
import { deps } from "./deps";

const get = (path: string) => handler(new Request("http://localhost" + path));

beforeEach(() => {
  deps.draining = false;
  deps.checkDatabase = () => Promise.resolve();
  deps.checkCache = () => Promise.resolve();
});

describe("health checks", () => {
  test("GET /livez → 200 {status: ok}", async () => {
    const res = await get("/livez");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("GET /readyz with everything up → 200 with each check ok", async () => {
    const res = await get("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: { database: "ok", cache: "ok" } });
  });

  test("GET /readyz while the database check rejects → 503, database: fail", async () => {
    deps.checkDatabase = () => Promise.reject(new Error("connection refused"));
    const res = await get("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { database: "fail", cache: "ok" } });
  });

  test("GET /metrics → 404", async () => {
    expect((await get("/metrics")).status).toBe(404);
  });
});
