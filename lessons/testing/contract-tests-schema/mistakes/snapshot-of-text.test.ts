// Mistake: compares the response text with a saved copy: it pins key order and spacing, so it fails
// on a correct server that formats its JSON differently.
import { handler } from "./solution";
const send = (p: string, method = "GET") => handler(new Request("http://localhost" + p, { method }));
test("u_1", async () => { expect(await send("/users/u_1").text()).toBe('{"id":"u_1","email":"ada@example.com","displayName":"Ada","roles":["admin","editor"],"createdAt":"2024-03-05T14:30:00.000Z","links":{"self":"/users/u_1"}}'); });
test("u_2", async () => { expect(await send("/users/u_2").text()).toBe('{"id":"u_2","email":"bob@example.com","displayName":null,"roles":[],"createdAt":"2025-11-30T08:00:00.250Z","links":{"self":"/users/u_2"}}'); });
test("404", async () => { const r = send("/users/u_9"); expect(r.headers.get("content-type")).toBe("application/problem+json"); expect(await r.text()).toBe('{"type":"about:blank","title":"Not Found","status":404,"detail":"No user has the id u_9."}'); });
