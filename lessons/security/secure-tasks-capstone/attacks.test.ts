// One attacker, three techniques: reach other users' tasks (IDOR), write fields the server owns
// (mass assignment), and ride a victim's cookie from another site (CSRF). Each → refused, and
// every user's tasks stay as they were.
import { createApp, ORIGIN, type Task } from "./solution";

type App = (req: Request) => Promise<Response>;
type Who = "alice" | "bob" | "mallory";
const SID: Record<Who, string> = { alice: "s-alice-2f0c9e71b4", bob: "s-bob-8d41a6c3e9", mallory: "s-mallory-51e7b0d2fa" };
const seed = (): Task[] => [
  { id: 1, ownerId: "alice", title: "Pay rent", done: false },
  { id: 2, ownerId: "bob", title: "Fix bike", done: true },
  { id: 3, ownerId: "mallory", title: "Scheme", done: false },
];
function req(who: Who, method: string, path: string, body?: string, headers: Record<string, string> = {}): Request {
  const h: Record<string, string> = { Cookie: `session=${SID[who]}`, "Sec-Fetch-Site": "same-origin", ...headers };
  if (body !== undefined && !("Content-Type" in headers)) h["Content-Type"] = "application/json";
  return new Request(ORIGIN + path, { method, headers: h, body });
}
async function token(app: App, who: Who): Promise<string> {
  return ((await (await app(req(who, "GET", "/csrf-token"))).json()) as { token: string }).token;
}
async function untouched(app: App): Promise<void> {
  for (const [i, who] of (["alice", "bob", "mallory"] as Who[]).entries()) {
    expect(await (await app(req(who, "GET", "/tasks"))).json()).toEqual([seed()[i]]);
  }
}

describe("IDOR: mallory, signed in, with her own valid token", () => {
  test("GET, PATCH, DELETE alice's and bob's tasks → 404, like a missing task", async () => {
    const app = createApp(seed());
    const t = { "X-CSRF-Token": await token(app, "mallory") };
    for (const id of [1, 2]) {
      const got = await app(req("mallory", "GET", `/tasks/${id}`));
      const missing = await app(req("mallory", "GET", "/tasks/99"));
      expect([got.status, await got.text()]).toEqual([missing.status, await missing.text()]);
      expect((await app(req("mallory", "PATCH", `/tasks/${id}`, '{"done":true}', t))).status).toBe(404);
      expect((await app(req("mallory", "PATCH", `/tasks/${id}`, '{"done":"not a boolean"}', t))).status).toBe(404);
      expect((await app(req("mallory", "DELETE", `/tasks/${id}`, undefined, t))).status).toBe(404);
    }
    await untouched(app);
  });

  test("?owner=alice and X-User-Id: alice do not change whose list you get", async () => {
    const app = createApp(seed());
    const res = await app(req("mallory", "GET", "/tasks?owner=alice&userId=alice", undefined, { "X-User-Id": "alice" }));
    expect(await res.json()).toEqual([seed()[2]]);
  });
});

describe("mass assignment: mallory on her own task or a new one", () => {
  const bodies: [string, string, string, string[]][] = [
    ["POST", "/tasks", '{"title":"x","ownerId":"alice"}', ["ownerId"]],
    ["POST", "/tasks", '{"title":"x","id":1}', ["id"]],
    ["POST", "/tasks", '{"title":"x","__proto__":{"ownerId":"alice"}}', ["__proto__"]],
    ["PATCH", "/tasks/3", '{"ownerId":"alice"}', ["ownerId"]],
    ["PATCH", "/tasks/3", '{"id":2}', ["id"]],
    ["PATCH", "/tasks/3", '{"constructor":{"prototype":{"ownerId":"alice"}},"toString":1}', ["constructor", "toString"]],
  ];
  for (const [method, path, body, fields] of bodies) {
    test(`${method} ${path} with ${fields.join(", ")} → 422 naming it, nothing changed`, async () => {
      const app = createApp(seed());
      const res = await app(req("mallory", method, path, body, { "X-CSRF-Token": await token(app, "mallory") }));
      expect(res.status).toBe(422);
      expect([...((await res.json()) as { fields: string[] }).fields].sort()).toEqual(fields);
      await untouched(app);
    });
  }
});

describe("CSRF: requests made by another site with alice's cookie", () => {
  const foreign: [string, Record<string, string>][] = [
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site", { "Sec-Fetch-Site": "same-site", Origin: "https://blog.tasks.example" }],
    ["a look-alike Origin (tasks.example.evil.example)", { "Sec-Fetch-Site": "", Origin: "https://tasks.example.evil.example" }],
    ["Origin: null", { "Sec-Fetch-Site": "", Origin: "null" }],
  ];
  for (const [what, headers] of foreign) {
    test(`${what}, even with alice's token → 403 on POST, PATCH and DELETE`, async () => {
      const app = createApp(seed());
      const tok = await token(app, "alice");
      const send = (method: string, path: string, body?: string) => {
        const h: Record<string, string> = { Cookie: `session=${SID.alice}`, "X-CSRF-Token": tok };
        for (const [k, v] of Object.entries(headers)) if (v !== "") h[k] = v;
        if (body !== undefined) h["Content-Type"] = "application/json";
        return app(new Request(ORIGIN + path, { method, headers: h, body }));
      };
      expect((await send("POST", "/tasks", '{"title":"spam"}')).status).toBe(403);
      expect((await send("PATCH", "/tasks/1", '{"done":true}')).status).toBe(403);
      expect((await send("DELETE", "/tasks/1")).status).toBe(403);
      await untouched(app);
    });
  }

  test("same-origin but without the token, with another user's token, or a planted csrf cookie → 403", async () => {
    const app = createApp(seed());
    const variants: Record<string, string>[] = [
      {},
      { "X-CSRF-Token": await token(app, "mallory") },
      { "X-CSRF-Token": "planted", Cookie: `session=${SID.alice}; csrf=planted` },
      { "X-CSRF-Token": "" },
    ];
    for (const v of variants) {
      expect((await app(req("alice", "DELETE", "/tasks/1", undefined, v))).status).toBe(403);
      expect((await app(req("alice", "PATCH", "/tasks/1", '{"title":"owned"}', v))).status).toBe(403);
    }
    await untouched(app);
  });

  test("a form post (urlencoded) with no Origin or Sec-Fetch-Site → refused; GET never deletes", async () => {
    const app = createApp(seed());
    const form = new Request(ORIGIN + "/tasks", { method: "POST", headers: { Cookie: `session=${SID.alice}`, "Content-Type": "application/x-www-form-urlencoded" }, body: "title=spam" });
    expect([403, 415]).toContain((await app(form)).status);
    await app(new Request(ORIGIN + "/tasks/1?_method=DELETE", { headers: { Cookie: `session=${SID.alice}` } }));
    await untouched(app);
  });
});
