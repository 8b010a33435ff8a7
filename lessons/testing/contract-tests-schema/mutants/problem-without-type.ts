// Mutant: error bodies lack the type field.
/**
 * GET /users/<id>: the users API whose contract (agreed with the mobile and web teams) is:
 *
 * 200, Content-Type: application/json, a body with exactly these fields:
 *   id           string, e.g. "u_1"
 *   email        string
 *   displayName  string, or null when the user has not chosen one (the key is always present)
 *   roles        array of strings, [] when the user has none
 *   createdAt    string, ISO 8601 in UTC with milliseconds: "2024-03-05T14:30:00.000Z"
 *   links        { self: "/users/<id>" }
 * No other fields: in particular nothing about passwords.
 *
 * 404 for an unknown id (and 405 for other methods), Content-Type: application/problem+json
 * (RFC 9457), a body with exactly: type "about:blank", title (the status text), status (the
 * number), detail (a sentence).
 */
interface UserRow {
  id: number;
  email: string;
  displayName: string | null;
  roles: string[];
  createdAt: Date;
  passwordHash: string;
}

const users: UserRow[] = [
  { id: 1, email: "ada@example.com", displayName: "Ada", roles: ["admin", "editor"], createdAt: new Date(Date.UTC(2024, 2, 5, 14, 30)), passwordHash: "scrypt$1$abc" },
  { id: 2, email: "bob@example.com", displayName: null, roles: [], createdAt: new Date(Date.UTC(2025, 10, 30, 8, 0, 0, 250)), passwordHash: "scrypt$1$def" },
];

function problem(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ title, status, detail }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

function toUserResponse(user: UserRow) {
  const id = `u_${user.id}`;
  return {
    id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
    links: { self: `/users/${id}` },
  };
}

export function handler(req: Request): Response {
  const match = /^\/users\/([^/]+)$/.exec(new URL(req.url).pathname);
  if (!match) return problem(404, "Not Found", "There is nothing at this address.");
  if (req.method !== "GET") return problem(405, "Method Not Allowed", "Only GET is supported here.");
  const user = users.find((u) => `u_${u.id}` === match[1]);
  if (!user) return problem(404, "Not Found", `No user has the id ${match[1]}.`);
  return Response.json(toUserResponse(user));
}
