import { createApp, ORIGIN, type Task } from "./solution";

const SID = { alice: "s-alice-2f0c9e71b4", mallory: "s-mallory-51e7b0d2fa" };
const seed = (): Task[] => [
  { id: 1, ownerId: "alice", title: "Pay rent", done: false },
  { id: 2, ownerId: "mallory", title: "Scheme", done: false },
];
type App = (req: Request) => Promise<Response>;
function req(who: keyof typeof SID, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(ORIGIN + path, {
    method,
    headers: { Cookie: `session=${SID[who]}`, "Sec-Fetch-Site": "same-origin", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function token(app: App, who: keyof typeof SID): Promise<string> {
  return ((await (await app(req(who, "GET", "/csrf-token"))).json()) as { token: string }).token;
}

describe("task API", () => {
  test("alice creates a task from our page with her token → 201, owned by alice", async () => {
    const app = createApp(seed());
    const res = await app(req("alice", "POST", "/tasks", { title: "Call mum" }, { "X-CSRF-Token": await token(app, "alice") }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 3, ownerId: "alice", title: "Call mum", done: false });
  });

  test("mallory: GET /tasks/1 (alice's) → 404", async () => {
    expect((await createApp(seed())(req("mallory", "GET", "/tasks/1"))).status).toBe(404);
  });

  test('mallory: PATCH /tasks/2 {"ownerId":"alice"} on her own task → 422 naming ownerId', async () => {
    const app = createApp(seed());
    const res = await app(req("mallory", "PATCH", "/tasks/2", { ownerId: "alice" }, { "X-CSRF-Token": await token(app, "mallory") }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "validation_failed", fields: ["ownerId"] });
  });

  test("a cross-site POST with alice's cookie → 403", async () => {
    const res = await createApp(seed())(req("alice", "POST", "/tasks", { title: "x" }, { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }));
    expect(res.status).toBe(403);
  });
});
