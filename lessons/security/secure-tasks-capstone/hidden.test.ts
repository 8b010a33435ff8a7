// Honest use, then generated sequences of requests by three users with every mix of origin
// headers, tokens and bodies, compared with the reference.
import fc from "fast-check";
import * as reference from "./reference";
import { createApp, ORIGIN, type Task } from "./solution";

type App = (req: Request) => Promise<Response>;
type Who = "alice" | "bob" | "mallory";
const SID: Record<Who, string> = { alice: "s-alice-2f0c9e71b4", bob: "s-bob-8d41a6c3e9", mallory: "s-mallory-51e7b0d2fa" };
const seed = (): Task[] => [
  { id: 1, ownerId: "alice", title: "Pay rent", done: false },
  { id: 2, ownerId: "bob", title: "Fix bike", done: true },
  { id: 3, ownerId: "mallory", title: "Scheme", done: false },
];
function req(who: Who | null, method: string, path: string, body?: string, headers: Record<string, string> = {}): Request {
  const h: Record<string, string> = { "Sec-Fetch-Site": "same-origin", ...headers };
  if (who !== null) h.Cookie = `session=${SID[who]}`;
  if (body !== undefined && !("Content-Type" in headers)) h["Content-Type"] = "application/json";
  return new Request(ORIGIN + path, { method, headers: h, body });
}
async function token(app: App, who: Who): Promise<string> {
  return ((await (await app(req(who, "GET", "/csrf-token"))).json()) as { token: string }).token;
}
async function list(app: App, who: Who): Promise<Task[]> {
  return (await (await app(req(who, "GET", "/tasks"))).json()) as Task[];
}

describe("honest use", () => {
  test("the owner reads, edits (title or done alone) and deletes a task", async () => {
    const app = createApp(seed());
    const t = await token(app, "bob");
    expect(await (await app(req("bob", "GET", "/tasks/2"))).json()).toEqual(seed()[1]);
    const patched = await app(req("bob", "PATCH", "/tasks/2", JSON.stringify({ done: false }), { "X-CSRF-Token": t }));
    expect([patched.status, await patched.json()]).toEqual([200, { ...seed()[1], done: false }]);
    expect((await app(req("bob", "DELETE", "/tasks/2", undefined, { "X-CSRF-Token": t }))).status).toBe(204);
    expect(await list(app, "bob")).toEqual([]);
  });

  test("lists hold only the caller's tasks, in id order; a new task gets the next id", async () => {
    const app = createApp(seed());
    await app(req("alice", "POST", "/tasks", JSON.stringify({ title: "Water plants", done: true }), { "X-CSRF-Token": await token(app, "alice") }));
    expect(await list(app, "alice")).toEqual([seed()[0], { id: 4, ownerId: "alice", title: "Water plants", done: true }]);
    expect(await list(app, "mallory")).toEqual([seed()[2]]);
  });

  test("GET /csrf-token: no-store, one token per session; requests without a cookie → 401", async () => {
    const app = createApp(seed());
    const res = await app(req("alice", "GET", "/csrf-token"));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await token(app, "alice")).not.toBe(await token(app, "bob"));
    expect((await app(req(null, "GET", "/tasks"))).status).toBe(401);
  });

  test("non-browser clients (no Sec-Fetch-Site, no Origin) with the token are served", async () => {
    const app = createApp(seed());
    const res = await app(new Request(ORIGIN + "/tasks", { method: "POST", headers: { Cookie: `session=${SID.alice}`, "Content-Type": "application/json", "X-CSRF-Token": await token(app, "alice") }, body: '{"title":"From a script"}' }));
    expect(res.status).toBe(201);
  });

  test("validation: 400 for non-objects, 422 listing every bad or unknown field, 415 for other types, 405 with Allow", async () => {
    const app = createApp(seed());
    const t = { "X-CSRF-Token": await token(app, "alice") };
    expect((await app(req("alice", "POST", "/tasks", "[1]", t))).status).toBe(400);
    const bad = await app(req("alice", "POST", "/tasks", JSON.stringify({ done: "yes", colour: "red" }), t));
    expect([bad.status, [...((await bad.json()) as { fields: string[] }).fields].sort()]).toEqual([422, ["colour", "done", "title"]]);
    expect((await app(req("alice", "PATCH", "/tasks/1", JSON.stringify({ title: "   " }), t))).status).toBe(422);
    expect((await app(req("alice", "POST", "/tasks", "title=x", { ...t, "Content-Type": "application/x-www-form-urlencoded" }))).status).toBe(415);
    const put = await app(req("alice", "PUT", "/tasks/1", "{}", t));
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, PATCH, DELETE"]);
    expect(await list(app, "alice")).toEqual([seed()[0]]);
  });
});

type Step = { who: Who; method: "GET" | "PATCH" | "DELETE" | "POST"; id: number; site: string | null; origin: string | null; token: "own" | "other" | "none"; body: string };
const body = fc.oneof(
  fc.record({ title: fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constant(" ")), done: fc.boolean() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc.constantFrom('{"ownerId":"alice"}', '{"title":"x","id":1}', '{"__proto__":{"ownerId":"alice"}}', '{"done":true,"constructor":1}', '{"title":"y","toString":"z"}', "null"),
);
const step: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom<Who>("alice", "bob", "mallory"),
  method: fc.constantFrom<Step["method"]>("GET", "PATCH", "PATCH", "DELETE", "POST"),
  id: fc.integer({ min: 1, max: 5 }),
  site: fc.constantFrom(null, "same-origin", "same-origin", "same-site", "cross-site", "none"),
  origin: fc.constantFrom(null, ORIGIN, "https://tasks.example.evil.example", "https://eviltasks.example", "null"),
  token: fc.constantFrom<Step["token"]>("own", "own", "other", "none"),
  body,
});
async function outcome(app: App, s: Step): Promise<[number, unknown]> {
  const headers: Record<string, string> = {};
  if (s.origin !== null) headers.Origin = s.origin;
  const tok = s.token === "own" ? await token(app, s.who) : s.token === "other" ? await token(app, s.who === "alice" ? "bob" : "alice") : null;
  if (tok !== null) headers["X-CSRF-Token"] = tok;
  const h: Record<string, string> = { Cookie: `session=${SID[s.who]}`, ...headers };
  if (s.site !== null) h["Sec-Fetch-Site"] = s.site;
  const hasBody = s.method === "POST" || s.method === "PATCH";
  if (hasBody) h["Content-Type"] = "application/json";
  const res = await app(new Request(ORIGIN + (s.method === "POST" ? "/tasks" : `/tasks/${s.id}`), { method: s.method, headers: h, body: hasBody ? s.body : undefined }));
  const data = res.status === 422 ? [...((await res.json()) as { fields: string[] }).fields].sort() : res.status === 200 || res.status === 201 ? await res.json() : null;
  return [res.status, data];
}

test(
  "generated requests by three users agree with the reference",
  { description: "Random reads, edits, deletes and creations by the owner and strangers, with every mix of Sec-Fetch-Site, Origin, tokens and bodies (including server-owned and prototype keys); statuses, listed fields, returned tasks and every user's list must be the reference's." },
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        const mine = createApp(seed());
        const theirs = reference.createApp(seed());
        for (const s of steps) {
          const expected = await outcome(theirs, s);
          expect(await outcome(mine, s)).toEqual(expected);
        }
        for (const who of ["alice", "bob", "mallory"] as Who[]) expect(await list(mine, who)).toEqual(await list(theirs, who));
      }),
      { numRuns: 15 },
    );
  },
);
