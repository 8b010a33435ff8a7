import { handler } from "./solution";
import { events, type Event } from "./events";

const original = events.map((e) => ({ ...e }));
afterEach(() => {
  events.splice(0, events.length, ...original.map((e) => ({ ...e })));
});

const get = async (path: string) => handler(new Request("http://localhost" + path));

/** The order the API promises: newest first, then higher id first. */
function expectedIds(): number[] {
  return [...events]
    .sort((a, b) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1))
    .map((e) => e.id);
}

async function page(limit: number, cursor: string | null): Promise<{ ids: number[]; next: string | null; link: string | null }> {
  const q = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${encodeURIComponent(cursor)}`;
  const res = await get(`/events?${q}`);
  expect(res.status).toBe(200);
  const body = await res.json();
  return { ids: body.items.map((e: Event) => e.id), next: body.nextCursor, link: res.headers.get("link") };
}

async function walk(limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const p = await page(limit, cursor);
    seen.push(...p.ids);
    if (p.next === null) break;
    cursor = p.next;
  }
  return seen;
}

function at(minute: number): string {
  return new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
}

describe("walking every page", () => {
  test("following nextCursor with limits 1, 4 and 7 visits every event exactly once, in order", async () => {
    for (const limit of [1, 4, 7]) {
      expect(`limit ${limit}: ${(await walk(limit)).join(",")}`).toBe(`limit ${limit}: ${expectedIds().join(",")}`);
    }
  });

  test("a page that ends between two events with the same createdAt does not skip or repeat the second one", async () => {
    const first = await page(3, null);
    const second = await page(3, first.next);
    expect([...first.ids, ...second.ids]).toEqual(expectedIds().slice(0, 6));
  });

  test("the order is by createdAt, not by id: a back-filled event with a high id but an old time appears in its place", async () => {
    events.push({ id: 500, createdAt: at(3), name: "imported" }, { id: 501, createdAt: at(0), name: "imported" });
    const all = await walk(6);
    expect(all).toEqual(expectedIds());
    expect(all[all.length - 1]).toBe(501);
  });

  test("when the total is an exact multiple of limit, the last full page has nextCursor null and no Link", async () => {
    events.push({ id: 24, createdAt: at(17), name: "login" });
    const pages: { next: string | null; link: string | null }[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const p = await page(6, cursor);
      pages.push(p);
      if (p.next === null) break;
      cursor = p.next;
    }
    expect(pages.length).toBe(4);
    expect(pages[3].link).toBe(null);
  });
});

describe("stable under change", () => {
  test("new events arriving between two page requests do not make the next page repeat items", async () => {
    const first = await page(5, null);
    events.push({ id: 30, createdAt: at(40), name: "signup" }, { id: 31, createdAt: at(41), name: "signup" });
    const second = await page(5, first.next);
    expect(second.ids).toEqual([18, 17, 16, 15, 14]);
  });

  test("the event a cursor points at can be deleted, and the next page is still the right one", async () => {
    const first = await page(5, null);
    const last = first.ids[first.ids.length - 1];
    events.splice(events.findIndex((e) => e.id === last), 1);
    const second = await page(5, first.next);
    expect(second.ids).toEqual([18, 17, 16, 15, 14]);
  });
});

describe("the Link header and the cursor", () => {
  test('Link is <absolute URL>; rel="next", and that URL returns the same page as nextCursor', async () => {
    const first = await page(4, null);
    const match = /^<([^>]+)>;\s*rel="next"$/.exec(first.link ?? "");
    expect(match === null).toBe(false);
    const href = match ? match[1] : "";
    expect(href.startsWith("http://localhost/events?")).toBe(true);
    const viaLink = await (await handler(new Request(href))).json();
    const viaCursor = await page(4, first.next);
    expect(viaLink.items.map((e: Event) => e.id)).toEqual(viaCursor.ids);
  });

  test("a cursor that the API did not make (garbage, plain base64 text, empty) → 400, not 500", async () => {
    for (const cursor of ["%%%garbage", btoa("hello"), "", btoa(JSON.stringify({ id: "x" }))]) {
      const res = await get(`/events?cursor=${encodeURIComponent(cursor)}`);
      expect(`${JSON.stringify(cursor)} → ${res.status}`).toBe(`${JSON.stringify(cursor)} → 400`);
    }
  });

  test("limit: default 10, 50 allowed; 51, -1, abc, 2.5 and empty → 400", async () => {
    expect((await page(50, null)).ids.length).toBe(23);
    const res = await get("/events");
    expect((await res.json()).items.length).toBe(10);
    for (const limit of ["51", "-1", "abc", "2.5", ""]) {
      expect(`limit=${limit} → ${(await get(`/events?limit=${limit}`)).status}`).toBe(`limit=${limit} → 400`);
    }
  });
});
