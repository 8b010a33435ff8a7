/**
 * Another correct users handler: same behaviour as module.ts, building each JSON document in its
 * own order of keys (JSON objects are unordered: a client must not depend on key order).
 */
const rows = [
  { n: 1, email: "ada@example.com", name: "Ada" as string | null, roles: ["admin", "editor"], at: "2024-03-05T14:30:00.000Z" },
  { n: 2, email: "bob@example.com", name: null as string | null, roles: [] as string[], at: "2025-11-30T08:00:00.250Z" },
];

function reply(status: number, contentType: string, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body, null, 2), { status, headers: { "content-type": contentType } });
}

export function handler(req: Request): Response {
  const path = new URL(req.url).pathname;
  const id = path.startsWith("/users/") ? path.slice("/users/".length) : "";
  if (id === "" || id.includes("/")) {
    return reply(404, "application/problem+json", { status: 404, title: "Not Found", detail: "There is nothing at this address.", type: "about:blank" });
  }
  if (req.method !== "GET") {
    return reply(405, "application/problem+json", { status: 405, title: "Method Not Allowed", detail: "Only GET is supported here.", type: "about:blank" });
  }
  const row = rows.find((r) => "u_" + r.n === id);
  if (!row) {
    return reply(404, "application/problem+json", { status: 404, title: "Not Found", detail: `No user has the id ${id}.`, type: "about:blank" });
  }
  return reply(200, "application/json", {
    links: { self: `/users/${id}` },
    createdAt: row.at,
    roles: row.roles.slice(),
    displayName: row.name,
    email: row.email,
    id,
  });
}
