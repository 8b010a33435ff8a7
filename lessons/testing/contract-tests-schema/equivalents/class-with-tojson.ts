/**
 * Another correct users handler: same behaviour as module.ts, with a User class whose toJSON
 * decides what is public, and a route table.
 */
class User {
  constructor(
    readonly key: string,
    readonly email: string,
    readonly displayName: string | null,
    readonly roles: readonly string[],
    readonly created: number,
    private readonly passwordHash: string,
  ) {}

  toJSON() {
    return {
      id: this.key,
      email: this.email,
      displayName: this.displayName,
      roles: [...this.roles],
      createdAt: new Date(this.created).toISOString(),
      links: { self: "/users/" + this.key },
    };
  }
}

const directory = new Map<string, User>([
  ["u_1", new User("u_1", "ada@example.com", "Ada", ["admin", "editor"], Date.UTC(2024, 2, 5, 14, 30), "scrypt$1$abc")],
  ["u_2", new User("u_2", "bob@example.com", null, [], Date.UTC(2025, 10, 30, 8, 0, 0, 250), "scrypt$1$def")],
]);

const TITLES: Record<number, string> = { 404: "Not Found", 405: "Method Not Allowed" };

function problem(status: 404 | 405, detail: string): Response {
  const body = { type: "about:blank", title: TITLES[status], status, detail };
  return new Response(JSON.stringify(body), { status, headers: [["content-type", "application/problem+json"]] });
}

export function handler(req: Request): Response {
  const parts = new URL(req.url).pathname.split("/");
  if (parts.length !== 3 || parts[0] !== "" || parts[1] !== "users" || parts[2] === "") {
    return problem(404, "There is nothing at this address.");
  }
  if (req.method !== "GET") return problem(405, "Only GET is supported here.");
  const user = directory.get(parts[2]);
  return user ? Response.json(user) : problem(404, `No user has the id ${parts[2]}.`);
}
