import { handler } from "./solution";

const get = async (path: string) => handler(new Request("http://localhost" + path));

describe("cursor pagination", () => {
  test("GET /events?limit=5 → the 5 newest events, newest first, with a nextCursor and a Link rel=next", async () => {
    const res = await get("/events?limit=5");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((e: { id: number }) => e.id)).toEqual([23, 22, 21, 20, 19]);
    expect(typeof body.nextCursor).toBe("string");
    expect(res.headers.get("link")).toMatch(/rel="next"/);
  });

  test("following nextCursor gives the next 5", async () => {
    const first = await (await get("/events?limit=5")).json();
    const res = await get(`/events?limit=5&cursor=${encodeURIComponent(first.nextCursor)}`);
    const body = await res.json();
    expect(body.items.map((e: { id: number }) => e.id)).toEqual([18, 17, 16, 15, 14]);
  });

  test("GET /events?limit=0 → 400", async () => {
    expect((await get("/events?limit=0")).status).toBe(400);
  });
});
