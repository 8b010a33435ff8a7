// The attacker is a signed-in user (mallory) or a reader (bob on alice's note 2). Every attempt
// must be refused AND change nothing.
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
function send(app: App, who: Who | null, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra };
  if (who !== null) headers.Authorization = `Bearer ${TOKEN[who]}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app(new Request("http://notes.test" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}
async function unchanged(app: App): Promise<void> {
  const all: Note[] = [];
  for (const who of ["alice", "bob", "mallory"] as Who[]) {
    const res = await send(app, who, "GET", "/notes");
    for (const note of (await res.json()) as Note[]) if (note.ownerId === who) all.push(note);
  }
  expect(all.sort((a, b) => a.id - b.id)).toEqual(seed());
}

describe("a stranger cannot touch someone else's note", () => {
  for (const id of [1, 2, 3]) {
    test(`mallory: GET, PATCH, DELETE /notes/${id} → 404 each, nothing changed`, async () => {
      const app = createApp(seed());
      expect((await send(app, "mallory", "GET", `/notes/${id}`)).status).toBe(404);
      expect((await send(app, "mallory", "PATCH", `/notes/${id}`, { title: "pwned" })).status).toBe(404);
      expect((await send(app, "mallory", "DELETE", `/notes/${id}`)).status).toBe(404);
      await unchanged(app);
    });
  }

  test("someone else's note looks exactly like a missing one (status and body)", async () => {
    const app = createApp(seed());
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const body = method === "PATCH" ? { title: "x" } : undefined;
      const theirs = await send(app, "mallory", method, "/notes/1", body);
      const missing = await send(app, "mallory", method, "/notes/99", body);
      expect([theirs.status, await theirs.text()]).toEqual([missing.status, await missing.text()]);
    }
  });

  test("a stranger's invalid edit of someone else's note → still 404 (authorization before validation)", async () => {
    const app = createApp(seed());
    expect((await send(app, "mallory", "PATCH", "/notes/1", { title: 42 })).status).toBe(404);
    expect((await send(app, "mallory", "PATCH", "/notes/1", { ownerId: "mallory" })).status).toBe(404);
    await unchanged(app);
  });

  test("odd spellings of an id (01, +1, 1.0, 0x1, 1e0) are not a way around the check", async () => {
    const app = createApp(seed());
    for (const id of ["01", "+1", "1.0", "0x1", "1e0", "1%20", "%31"]) {
      const res = await send(app, "mallory", "GET", `/notes/${id}`);
      expect(res.status).toBe(404);
      await send(app, "mallory", "DELETE", `/notes/${id}`);
    }
    await unchanged(app);
  });
});

describe("a reader cannot write", () => {
  test("bob (note 2 shared with him): PATCH and DELETE → 403, nothing changed", async () => {
    const app = createApp(seed());
    expect((await send(app, "bob", "PATCH", "/notes/2", { body: "cancelled" })).status).toBe(403);
    expect((await send(app, "bob", "DELETE", "/notes/2")).status).toBe(403);
    await unchanged(app);
  });
});

describe("identity comes from the token, never from the request", () => {
  for (const query of ["?owner=alice", "?userId=alice", "?ownerId=alice", "?user=alice&owner=bob"]) {
    test(`mallory: GET /notes${query} → only the notes mallory may see`, async () => {
      const res = await send(createApp(seed()), "mallory", "GET", `/notes${query}`);
      expect(((await res.json()) as Note[]).map((n) => n.id)).toEqual([4, 5]);
    });
  }

  test("mallory with X-User-Id: alice (and friends) → still mallory", async () => {
    const app = createApp(seed());
    const spoof = { "X-User-Id": "alice", "X-User": "alice", "X-Forwarded-User": "alice" };
    expect((await send(app, "mallory", "GET", "/notes/1", undefined, spoof)).status).toBe(404);
    expect((await send(app, "mallory", "DELETE", "/notes/1", undefined, spoof)).status).toBe(404);
    const list = await send(app, "mallory", "GET", "/notes", undefined, spoof);
    expect(((await list.json()) as Note[]).map((n) => n.id)).toEqual([4, 5]);
    await unchanged(app);
  });

  test("ownerId or userId in a body is refused (400), on create and on edit of your own note", async () => {
    const app = createApp(seed());
    expect((await send(app, "mallory", "POST", "/notes", { title: "t", body: "b", ownerId: "alice" })).status).toBe(400);
    expect((await send(app, "mallory", "POST", "/notes", { title: "t", body: "b", userId: "alice" })).status).toBe(400);
    expect((await send(app, "mallory", "PATCH", "/notes/4", { ownerId: "alice" })).status).toBe(400);
    expect((await send(app, "mallory", "PATCH", "/notes/4", { sharedWith: ["mallory"] })).status).toBe(400);
    await unchanged(app);
  });

  test("no token, an unknown token, or another scheme → 401 for every route", async () => {
    const app = createApp(seed());
    const headers: Record<string, string>[] = [{}, { Authorization: "Bearer tok-alice" }, { Authorization: `Basic ${btoa("alice:x")}` }, { Authorization: "alice" }];
    for (const h of headers) {
      for (const [method, path] of [["GET", "/notes"], ["GET", "/notes/1"], ["DELETE", "/notes/1"]]) {
        const res = await send(app, null, method!, path!, undefined, h);
        expect(res.status).toBe(401);
      }
    }
    await unchanged(app);
  });
});
