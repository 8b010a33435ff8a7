// Mistake: the handler's promise is never awaited or returned, so each test ends before its
// assertion runs: the tests pass on every version of the handler.
import { createSignupHandler } from "./solution";
const post = (body: string, ct = "application/json") => new Request("http://localhost/signups", { method: "POST", headers: { "Content-Type": ct }, body });
const j = (v: unknown) => JSON.stringify(v);
test("signs up", () => { const h = createSignupHandler(); h(post(j({ email: "a@b.io", name: "A" }))).then((r) => expect(r.status).toBe(201)); });
test("415", () => { const h = createSignupHandler(); h(post("x", "text/plain")).then((r) => expect(r.status).toBe(415)); });
test("400", () => { const h = createSignupHandler(); h(post("{")).then((r) => expect(r.status).toBe(400)); });
