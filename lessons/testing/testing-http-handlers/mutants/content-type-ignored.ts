// Mutant: the Content-Type is never checked.
/**
 * A sign-up endpoint as a Fetch API handler. createSignupHandler() returns a new handler with its own
 * empty list of sign-ups (so every test can start from a fresh one).
 *
 * POST /signups with a JSON body { "email": string, "name": string }:
 * - 201 Created, a `Location: /signups/<id>` header and the JSON body { id, email, name }. Ids are
 *   "1", "2", ... in order. The stored email is trimmed and lowercased; the name is trimmed.
 * - 415 if the Content-Type is not application/json (parameters such as "; charset=utf-8" are fine).
 * - 400 if the body is not valid JSON, or is JSON but not an object.
 * - 422 with { errors: { email?: string, name?: string } } if the email does not look like
 *   "local@domain.tld", or the trimmed name is empty or longer than 40 characters. Nothing is stored.
 * - 409 if that email (ignoring case and surrounding spaces) has already signed up.
 * Any other method on /signups: 405 with `Allow: POST`. Any other path: 404.
 */
export function createSignupHandler(): (req: Request) => Promise<Response> {
  const emails = new Set<string>();
  let nextId = 1;

  return async function handler(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    if (pathname !== "/signups") return Response.json({ error: "not found" }, { status: 404 });
    if (req.method !== "POST") {
      return Response.json({ error: "method not allowed" }, { status: 405, headers: { Allow: "POST" } });
    }

    const mediaType = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return Response.json({ error: "the body is not valid JSON" }, { status: 400 });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return Response.json({ error: "the body must be a JSON object" }, { status: 400 });
    }

    const fields = body as Record<string, unknown>;
    const email = typeof fields.email === "string" ? fields.email.trim().toLowerCase() : "";
    const name = typeof fields.name === "string" ? fields.name.trim() : "";
    const errors: { email?: string; name?: string } = {};
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.email = "must look like local@domain.tld";
    if (name.length === 0 || name.length > 40) errors.name = "must be 1 to 40 characters";
    if (errors.email || errors.name) return Response.json({ errors }, { status: 422 });

    if (emails.has(email)) return Response.json({ error: "this email has already signed up" }, { status: 409 });
    emails.add(email);

    const id = String(nextId++);
    return Response.json({ id, email, name }, { status: 201, headers: { Location: `/signups/${id}` } });
  };
}
