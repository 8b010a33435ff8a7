/**
 * Another correct sign-up handler: same behaviour as module.ts, dispatching through a table of
 * methods and validating with a list of rules.
 */
type Handler = (req: Request) => Promise<Response>;

const rules: { field: "email" | "name"; ok: (value: string) => boolean; message: string }[] = [
  { field: "email", ok: (v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), message: "must look like local@domain.tld" },
  { field: "name", ok: (v) => v.length > 0 && v.length < 41, message: "must be 1 to 40 characters" },
];

export function createSignupHandler(): Handler {
  const taken: string[] = [];
  let count = 0;

  const post: Handler = async (req) => {
    const [type] = (req.headers.get("Content-Type") || "").toLowerCase().split(";");
    if (type.trim() !== "application/json") return Response.json({ error: "send application/json" }, { status: 415 });

    const body = await req.json().then(
      (value: unknown) => ({ ok: true as const, value }),
      () => ({ ok: false as const }),
    );
    if (!body.ok) return Response.json({ error: "the body is not valid JSON" }, { status: 400 });
    if (Object.prototype.toString.call(body.value) !== "[object Object]") {
      return Response.json({ error: "the body must be a JSON object" }, { status: 400 });
    }

    const input = body.value as Record<string, unknown>;
    const clean = {
      email: typeof input.email === "string" ? input.email.trim().toLowerCase() : "",
      name: typeof input.name === "string" ? input.name.trim() : "",
    };
    const errors: Record<string, string> = {};
    for (const rule of rules) if (!rule.ok(clean[rule.field])) errors[rule.field] = rule.message;
    if (Object.keys(errors).length) return Response.json({ errors }, { status: 422 });

    if (taken.includes(clean.email)) return Response.json({ error: "this email has already signed up" }, { status: 409 });
    taken.push(clean.email);
    count += 1;
    const id = `${count}`;
    return Response.json({ id, ...clean }, { status: 201, headers: { Location: "/signups/" + id } });
  };

  const methods: Record<string, Handler> = { POST: post };

  return async (req) => {
    if (new URL(req.url).pathname !== "/signups") return Response.json({ error: "not found" }, { status: 404 });
    const run = methods[req.method];
    if (!run) return Response.json({ error: "method not allowed" }, { status: 405, headers: { Allow: Object.keys(methods).join(", ") } });
    return run(req);
  };
}
