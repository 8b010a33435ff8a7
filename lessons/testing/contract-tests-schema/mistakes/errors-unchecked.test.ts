// Mistake: users are checked well, errors not at all.
import { handler } from "./solution";
const send = (p: string, method = "GET") => handler(new Request("http://localhost" + p, { method }));
test.each(["u_1", "u_2"])("%s", async (id) => { const r = send("/users/" + id); expect(r.headers.get("content-type")).toBe("application/json"); const b = await r.json(); expect(Object.keys(b).sort()).toEqual(["createdAt", "displayName", "email", "id", "links", "roles"]); expect(b.id).toBe(id); expect(b.displayName === null || typeof b.displayName === "string").toBe(true); expect(Array.isArray(b.roles)).toBe(true); expect(b.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/); expect(b.links).toEqual({ self: "/users/" + id }); });
