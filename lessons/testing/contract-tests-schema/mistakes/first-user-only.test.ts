// Mistake: a strict check, but only on the user who has every field filled: the null name and the
// empty roles of the other user are never seen.
import { handler } from "./solution";
const send = (p: string, method = "GET") => handler(new Request("http://localhost" + p, { method }));
test("u_1", async () => { const r = send("/users/u_1"); expect(r.headers.get("content-type")).toBe("application/json"); const b = await r.json(); expect(Object.keys(b).sort()).toEqual(["createdAt", "displayName", "email", "id", "links", "roles"]); expect(b.id).toBe("u_1"); expect(b.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/); expect(b.roles.every((x: unknown) => typeof x === "string")).toBe(true); });
test("404", async () => { const r = send("/users/u_9"); expect(r.headers.get("content-type")).toBe("application/problem+json"); expect(Object.keys(await r.json()).sort()).toEqual(["detail", "status", "title", "type"]); });
