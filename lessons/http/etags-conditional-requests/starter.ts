interface Article {
  id: number;
  title: string;
  body: string;
}

const articles: Article[] = [
  { id: 1, title: "Caching 101", body: "Why the fastest request is the one you never send." },
  { id: 2, title: "ETags", body: "A fingerprint of a representation." },
];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
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

  if (req.method === "PUT") {
    // TODO: require If-Match (428), compare it with the current ETag (412), then replace.
    const input = (await req.json()) as { title: string; body: string };
    article.title = input.title;
    article.body = input.body;
    return json(200, article);
  }
  // TODO: send an ETag, and answer 304 when If-None-Match matches it. HEAD: no body.
  return json(200, article);
}
