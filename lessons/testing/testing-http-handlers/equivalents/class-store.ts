/**
 * Another correct sign-up handler: same behaviour as module.ts, with the sign-ups in a class and
 * every answer built by one helper.
 */
class SignupStore {
  private readonly byEmail = new Map<string, { id: string; email: string; name: string }>();

  has(email: string): boolean {
    return this.byEmail.has(email);
  }

  add(email: string, name: string) {
    const signup = { id: String(this.byEmail.size + 1), email, name };
    this.byEmail.set(email, signup);
    return signup;
  }
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const semicolon = header.indexOf(";");
  const type = semicolon === -1 ? header : header.slice(0, semicolon);
  return type.trim().toLowerCase() === "application/json";
}

export function createSignupHandler(): (req: Request) => Promise<Response> {
  const store = new SignupStore();
  return async (req) => {
    if (new URL(req.url).pathname !== "/signups") return answer(404, { error: "not found" });
    if (req.method !== "POST") return answer(405, { error: "method not allowed" }, { allow: "POST" });
    if (!isJsonContentType(req.headers.get("content-type"))) return answer(415, { error: "send application/json" });

    const text = await req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return answer(400, { error: "the body is not valid JSON" });
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return answer(400, { error: "the body must be a JSON object" });
    }

    const { email: rawEmail, name: rawName } = body as { email?: unknown; name?: unknown };
    const email = String(typeof rawEmail === "string" ? rawEmail : "").trim().toLowerCase();
    const name = String(typeof rawName === "string" ? rawName : "").trim();
    const errors: { email?: string; name?: string } = {};
    if (!EMAIL.test(email)) errors.email = "must look like local@domain.tld";
    if (!(name.length >= 1 && name.length <= 40)) errors.name = "must be 1 to 40 characters";
    if (Object.keys(errors).length > 0) return answer(422, { errors });

    if (store.has(email)) return answer(409, { error: "this email has already signed up" });
    const signup = store.add(email, name);
    return answer(201, signup, { location: `/signups/${signup.id}` });
  };
}
