import { createApp, type Note } from "./solution";

const TOKEN = { alice: "tok-alice-7f3a9c", bob: "tok-bob-51d2e8", mallory: "tok-mallory-c04b16" };
const SEED: Note[] = [
  { id: 1, ownerId: "alice", title: "Groceries", body: "eggs, rice", sharedWith: [] },
  { id: 2, ownerId: "alice", title: "Launch plan", body: "ship on Friday", sharedWith: ["bob"] },
  { id: 3, ownerId: "bob", title: "Diary", body: "dear diary", sharedWith: [] },
];

function send(app: (req: Request) => Promise<Response>, who: keyof typeof TOKEN | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (who !== null) headers.Authorization = `Bearer ${TOKEN[who]}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return app(new Request("http://notes.test" + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

describe("notes API", () => {
  test("alice: GET /notes → her notes 1 and 2, not bob's 3", async () => {
    const res = await send(createApp(SEED), "alice", "GET", "/notes");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Note[]).map((n) => n.id)).toEqual([1, 2]);
  });

  test("alice: GET /notes/1 (her own) → 200 with the note", async () => {
    const res = await send(createApp(SEED), "alice", "GET", "/notes/1");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(SEED[0]);
  });

  test("bob: GET /notes/1 (alice's, not shared with him) → 404, as if it did not exist", async () => {
    const res = await send(createApp(SEED), "bob", "GET", "/notes/1");
    expect(res.status).toBe(404);
  });

  test("bob: PATCH /notes/2 (shared with him to read) → 403, and the note is unchanged", async () => {
    const app = createApp(SEED);
    const res = await send(app, "bob", "PATCH", "/notes/2", { title: "Cancelled" });
    expect(res.status).toBe(403);
    expect(((await (await send(app, "alice", "GET", "/notes/2")).json()) as Note).title).toBe("Launch plan");
  });

  test("no Authorization header → 401 with WWW-Authenticate: Bearer", async () => {
    const res = await send(createApp(SEED), null, "GET", "/notes");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });
});
