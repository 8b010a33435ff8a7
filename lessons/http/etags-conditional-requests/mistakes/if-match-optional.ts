// Mistake: a PUT without If-Match is accepted, so clients that never read first still overwrite each other.
interface Article {
  id: number;
  title: string;
  body: string;
}

const articles: Article[] = [
  { id: 1, title: "Caching 101", body: "Why the fastest request is the one you never send." },
  { id: 2, title: "ETags", body: "A fingerprint of a representation." },
];

function etagOf(text: string): string {
  // A strong validator: changes whenever the bytes of the representation change.
  return `"${crypto.hash("sha256", text).slice(0, 20)}"`;
}

/** The entity-tags in an If-Match / If-None-Match value, or "*". */
function parseTags(header: string): string[] | "*" {
  if (header.trim() === "*") return "*";
  return header.match(/(W\/)?"[^"]*"/g) ?? [];
}

const opaque = (tag: string) => tag.replace(/^W\//, "");

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function represent(req: Request, article: Article): Response {
  const text = JSON.stringify(article);
  const etag = etagOf(text);
  const inm = req.headers.get("if-none-match");
  if (inm !== null) {
    const tags = parseTags(inm);
    // If-None-Match uses the weak comparison: W/"x" and "x" match.
    if (tags === "*" || tags.some((t) => opaque(t) === etag)) {
      return new Response(null, { status: 304, headers: { ETag: etag } });
    }
  }
  return new Response(req.method === "HEAD" ? null : text, {
    status: 200,
    headers: { "Content-Type": "application/json", ETag: etag },
  });
}

async function replace(req: Request, article: Article): Promise<Response> {
  const ifMatch = req.headers.get("if-match");
  const current = etagOf(JSON.stringify(article));
  const tags = ifMatch === null ? "*" : parseTags(ifMatch);
  // If-Match uses the strong comparison: a weak tag never matches.
  const matches = tags === "*" || tags.some((t) => !t.startsWith("W/") && t === current);
  if (!matches) return json(412, { error: "The article changed since you read it" }, { ETag: current });

  let input: unknown;
  try {
    input = await req.json();
  } catch {
    return json(400, { error: "Body must be valid JSON" });
  }
  const { title, body } = (input ?? {}) as { title?: unknown; body?: unknown };
  if (typeof title !== "string" || title.trim() === "" || typeof body !== "string") {
    return json(400, { error: "title (non-empty) and body must be strings" });
  }
  article.title = title;
  article.body = body;
  const text = JSON.stringify(article);
  return new Response(text, { status: 200, headers: { "Content-Type": "application/json", ETag: etagOf(text) } });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  const match = /^\/articles\/(\d+)$/.exec(pathname);
  if (!match) return json(404, { error: "Not found" });
  const article = articles.find((a) => a.id === Number(match[1]));
  if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "PUT") {
    return json(405, { error: "Method not allowed" }, { Allow: "GET, HEAD, PUT" });
  }
  if (!article) return json(404, { error: "No such article" });
  if (req.method === "PUT") return replace(req, article);
  return represent(req, article);
}
