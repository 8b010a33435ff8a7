// Functional tests (the API must still work for its honest users) and generated sequences of
// requests by three users, compared with the reference: statuses and the notes returned.
import fc from "fast-check";
import * as reference from "./reference";
import { createApp, type Note } from "./solution";

type App = (req: Request) => Promise<Response>;
type Who = "alice" | "bob" | "mallory";
const TOKEN: Record<Who, string> = { alice: "tok-alice-7f3a9c", bob: "tok-bob-51d2e8", mallory: "tok-mallory-c04b16" };

function seed(): Note[] {
  return [
    { id: 1, ownerId: "alice", title: "Groceries", body: "eggs, rice", sharedWith: [] },
    { id: 2, ownerId: "alice", title: "Launch plan", body: "ship on Friday", sharedWith: ["bob"] },
    { id: 3, ownerId: "bob", title: "Diary", body: "dear diary", sharedWith: [] },
    { id: 4, ownerId: "mallory", title: "Targets", body: "alice, bob", sharedWith: [] },
    { id: 5, ownerId: "bob", title: "Team retro", body: "went well", sharedWith: ["alice", "mallory"] },
  ];
}

function request(who: Who | null, method: string, path: string, body?: unknown): Request {
  const headers: Record<string, string> = {};
  if (who !== null) headers.Authorization = `Bearer ${TOKEN[who]}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return new Request("http://notes.test" + path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}
const send = (app: App, who: Who | null, method: string, path: string, body?: unknown) => app(request(who, method, path, body));
async function ids(app: App, who: Who): Promise<number[]> {
  return ((await (await send(app, who, "GET", "/notes")).json()) as Note[]).map((n) => n.id);
}

describe("honest use", () => {
  test("POST /notes → 201, the new note owned by the caller with the next id and no shares", async () => {
    const app = createApp(seed());
    const res = await send(app, "bob", "POST", "/notes", { title: "Ideas", body: "more tests" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 6, ownerId: "bob", title: "Ideas", body: "more tests", sharedWith: [] });
    expect(await ids(app, "bob")).toEqual([2, 3, 5, 6]);
  });

  test("a note shared with you is in your list and readable, in id order with your own", async () => {
    const app = createApp(seed());
    expect(await ids(app, "alice")).toEqual([1, 2, 5]);
    expect(await ids(app, "mallory")).toEqual([4, 5]);
    const res = await send(app, "mallory", "GET", "/notes/5");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Note).title).toBe("Team retro");
  });

  test("the owner can PATCH title or body alone; the other field stays", async () => {
    const app = createApp(seed());
    const res = await send(app, "alice", "PATCH", "/notes/1", { body: "eggs, rice, tea" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 1, ownerId: "alice", title: "Groceries", body: "eggs, rice, tea", sharedWith: [] });
  });

  test("the owner can DELETE: 204, then the note is gone for everyone", async () => {
    const app = createApp(seed());
    expect((await send(app, "bob", "DELETE", "/notes/5")).status).toBe(204);
    expect((await send(app, "bob", "GET", "/notes/5")).status).toBe(404);
    expect(await ids(app, "alice")).toEqual([1, 2]);
  });

  test("ids are never reused after a delete", async () => {
    const app = createApp(seed());
    await send(app, "mallory", "POST", "/notes", { title: "a", body: "b" });
    await send(app, "mallory", "DELETE", "/notes/6");
    const res = await send(app, "mallory", "POST", "/notes", { title: "c", body: "d" });
    expect(((await res.json()) as Note).id).toBe(7);
  });

  test("invalid bodies from the owner → 400 and no change", async () => {
    const app = createApp(seed());
    for (const body of ["{not json", "[]", "null", { title: 7 }, {}, { title: "x", colour: "red" }]) {
      expect((await send(app, "alice", "PATCH", "/notes/1", body)).status).toBe(400);
    }
    for (const body of [{ title: "only a title" }, { title: "x", body: "y", extra: true }]) {
      expect((await send(app, "alice", "POST", "/notes", body)).status).toBe(400);
    }
    expect(await ids(app, "alice")).toEqual([1, 2, 5]);
  });

  test("other methods → 405 with Allow; other paths and ids not written as the API writes them → 404", async () => {
    const app = createApp(seed());
    const put = await send(app, "alice", "PUT", "/notes/1", { title: "x", body: "y" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
    const del = await send(app, "alice", "DELETE", "/notes");
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, POST");
    expect((await send(app, "alice", "GET", "/users")).status).toBe(404);
    for (const id of ["01", "1.0", "+1", "%31"]) expect((await send(app, "alice", "GET", `/notes/${id}`)).status).toBe(404);
  });

  test("the notes passed to createApp are copied, not changed", async () => {
    const initial = seed();
    const app = createApp(initial);
    await send(app, "alice", "PATCH", "/notes/1", { title: "Changed" });
    await send(app, "bob", "DELETE", "/notes/3");
    expect(initial).toEqual(seed());
  });
});

// --- generated sequences: every user tries everything, the reference decides -------------------------

type Step = { who: Who; method: "GET" | "PATCH" | "DELETE" | "POST" | "LIST"; id: number; body: unknown };
const step: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom<Who>("alice", "bob", "mallory"),
  method: fc.constantFrom<Step["method"]>("GET", "GET", "PATCH", "PATCH", "DELETE", "POST", "LIST"),
  id: fc.integer({ min: 1, max: 9 }),
  body: fc.oneof(
    fc.record({ title: fc.string({ maxLength: 8 }) }),
    fc.record({ body: fc.string({ maxLength: 8 }) }),
    fc.record({ title: fc.string({ maxLength: 8 }), body: fc.string({ maxLength: 8 }) }),
    fc.constant({ title: 1 }),
  ),
});

async function outcome(app: App, s: Step): Promise<[number, unknown]> {
  const res =
    s.method === "LIST"
      ? await send(app, s.who, "GET", "/notes")
      : s.method === "POST"
        ? await send(app, s.who, "POST", "/notes", { title: "t", body: "b", ...(s.body as object) })
        : await send(app, s.who, s.method, `/notes/${s.id}`, s.method === "PATCH" ? s.body : undefined);
  return [res.status, res.status < 300 && res.status !== 204 ? await res.json() : null];
}

test(
  "generated requests by the owner, a reader and a stranger agree with the reference",
  { description: "Random sequences of reads, edits, deletes, creations and lists by three users; every status and every note returned must be the reference's." },
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const mine = createApp(seed());
        const theirs = reference.createApp(seed());
        for (const s of steps) {
          const expected = await outcome(theirs, s);
          expect(await outcome(mine, s)).toEqual(expected);
        }
      }),
      { numRuns: 25 },
    );
  },
);
