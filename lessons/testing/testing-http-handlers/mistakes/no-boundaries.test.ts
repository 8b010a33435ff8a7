// Mistake: a test per status, with headers, but no boundaries: no charset parameter, no 40-character
// name, no whitespace-only name, no duplicate in another case, no refusal followed by a retry.
import { createSignupHandler } from "./solution";
const post = (body: string, ct = "application/json") => new Request("http://localhost/signups", { method: "POST", headers: { "Content-Type": ct }, body });
const j = (v: unknown) => JSON.stringify(v);
describe("signups", () => {
  test("201", async () => { const h = createSignupHandler(); const r = await h(post(j({ email: "a@b.io", name: "A" }))); expect(r.status).toBe(201); expect(r.headers.get("location")).toBe("/signups/1"); expect(await r.json()).toEqual({ id: "1", email: "a@b.io", name: "A" }); });
  test("415", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "a@b.io", name: "A" }), "text/plain"))).status).toBe(415); });
  test("400", async () => { const h = createSignupHandler(); expect((await h(post("{"))).status).toBe(400); });
  test("422", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "nope", name: "" })))).status).toBe(422); });
  test("long name", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "a@b.io", name: "x".repeat(100) })))).status).toBe(422); });
  test("409", async () => { const h = createSignupHandler(); await h(post(j({ email: "a@b.io", name: "A" }))); expect((await h(post(j({ email: "a@b.io", name: "B" })))).status).toBe(409); });
  test("405", async () => { const h = createSignupHandler(); const r = await h(new Request("http://localhost/signups")); expect(r.status).toBe(405); expect(r.headers.get("allow")).toBe("POST"); });
});
