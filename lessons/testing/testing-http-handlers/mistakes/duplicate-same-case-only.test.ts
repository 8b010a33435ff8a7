// Mistake: thorough, but the duplicate is sent in the same case and never after a refusal, so
// case-sensitive duplicates and an email stored before validation both survive.
import { createSignupHandler } from "./solution";
const post = (body: string, ct = "application/json") => new Request("http://localhost/signups", { method: "POST", headers: { "Content-Type": ct }, body });
const j = (v: unknown) => JSON.stringify(v);
describe("signups", () => {
  test("201", async () => { const h = createSignupHandler(); const r = await h(post(j({ email: "a@b.io", name: "A" }))); expect(r.status).toBe(201); expect(r.headers.get("location")).toBe("/signups/1"); });
  test("charset", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "b@b.io", name: "B" }), "application/json; charset=utf-8"))).status).toBe(201); });
  test("415", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "c@b.io", name: "A" }), "text/plain"))).status).toBe(415); });
  test("400", async () => { const h = createSignupHandler(); expect((await h(post("{"))).status).toBe(400); });
  test("422 blank", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "d@b.io", name: "  " })))).status).toBe(422); });
  test("40 ok", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "e@b.io", name: "x".repeat(40) })))).status).toBe(201); });
  test("41 no", async () => { const h = createSignupHandler(); expect((await h(post(j({ email: "f@b.io", name: "x".repeat(41) })))).status).toBe(422); });
  test("409", async () => { const h = createSignupHandler(); await h(post(j({ email: "a@b.io", name: "A" }))); expect((await h(post(j({ email: "a@b.io", name: "B" })))).status).toBe(409); });
  test("405", async () => { const h = createSignupHandler(); const r = await h(new Request("http://localhost/signups")); expect(r.status).toBe(405); expect(r.headers.get("allow")).toBe("POST"); });
});
