// Mistake: toMatchObject checks only the listed keys, so extra fields (a leaked passwordHash) and a
// missing displayName pass.
import { handler } from "./solution";
const send = (p: string, method = "GET") => handler(new Request("http://localhost" + p, { method }));
test.each(["u_1", "u_2"])("%s", async (id) => { const r = send("/users/" + id); expect(r.status).toBe(200); expect(await r.json()).toMatchObject({ id, email: expect.any(String), createdAt: expect.stringMatching(/Z$/), roles: expect.any(Array) }); });
test("404", async () => { const r = send("/users/u_9"); expect(r.status).toBe(404); expect(r.headers.get("content-type")).toBe("application/problem+json"); expect(await r.json()).toMatchObject({ type: "about:blank", status: 404 }); });
