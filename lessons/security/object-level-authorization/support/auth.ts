/**
 * Who is calling, importable as "./auth". The API's users sign in elsewhere and send a bearer
 * token on every request: `Authorization: Bearer <token>`.
 *
 *   const user = authenticate(req);   // { id: "alice", name: "Alice" }, or null
 *
 * The tokens below are the test users' tokens (a real service would look them up in its session
 * store). The token is the only thing that proves who the caller is.
 */

export interface User {
  id: string;
  name: string;
}

const TOKENS = new Map<string, User>([
  ["tok-alice-7f3a9c", { id: "alice", name: "Alice" }],
  ["tok-bob-51d2e8", { id: "bob", name: "Bob" }],
  ["tok-mallory-c04b16", { id: "mallory", name: "Mallory" }],
]);

/** The user whose bearer token `req` carries, or null when there is none or it is unknown. */
export function authenticate(req: Request): User | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.get("authorization") ?? "");
  if (match === null) return null;
  const user = TOKENS.get(match[1]!);
  return user === undefined ? null : { ...user };
}
