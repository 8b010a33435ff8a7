/**
 * Who is calling, importable as "./auth". Users send a bearer token on every request:
 * `Authorization: Bearer <token>`.
 *
 *   const userId = authenticate(req);   // "alice", or null
 *
 * The token is the only thing that proves who the caller is; what the user is allowed to do (their
 * role) is in the app's own user records.
 */

const TOKENS = new Map<string, string>([
  ["tok-alice-7f3a9c", "alice"],
  ["tok-bob-51d2e8", "bob"],
  ["tok-mallory-c04b16", "mallory"],
]);

/** The id of the user whose bearer token `req` carries, or null. */
export function authenticate(req: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.get("authorization") ?? "");
  return match === null ? null : (TOKENS.get(match[1]!) ?? null);
}
