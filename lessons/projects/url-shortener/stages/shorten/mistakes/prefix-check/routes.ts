import { generateCode } from "./codes";
import { createStore, type LinkStore } from "./store";

export interface AppOptions {
  store?: LinkStore;
}

const MAX_URL_LENGTH = 2048;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: message }, headers);
}

/** The URL as a string when it is an absolute http(s) URL we are willing to redirect to, else null. */
function checkUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return null;
  return value.startsWith("http://") || value.startsWith("https://") || value.startsWith("http") ? value : null;
}

export function createHandler(options: AppOptions = {}): (req: Request) => Promise<Response> {
  const store = options.store ?? createStore();

  async function shorten(req: Request): Promise<Response> {
    let body: unknown;
    try {
      body = await req.json();
    } catch {
      return error(400, "The body must be JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return error(400, 'Send {"url": "https://..."}.');
    const url = checkUrl((body as { url?: unknown }).url);
    if (!url) return error(422, "url must be an absolute http or https URL of at most 2048 characters.");
    const origin = new URL(req.url).origin;
    for (let attempt = 0; attempt < 10; attempt++) {
      const code = generateCode();
      if (store.add({ code, url })) return json(201, { code, url, shortUrl: `${origin}/${code}` });
    }
    return error(503, "Could not find a free code; try again.");
  }

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (path === "/links") {
      if (req.method === "POST") return shorten(req);
      return error(405, "Use POST to shorten a link.", { Allow: "POST" });
    }
    return error(404, "Not found.");
  };
}
