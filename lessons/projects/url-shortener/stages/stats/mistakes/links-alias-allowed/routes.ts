import { generateCode, isValidAlias } from "./codes";
import { createStore, type LinkStore } from "./store";

export interface AppOptions {
  store?: LinkStore;
}

const MAX_URL_LENGTH = 2048;
/** Paths that are routes, so they can never be codes. */
const RESERVED = new Set(["links"]);

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: message }, headers);
}

/** The URL as a string when it is an absolute http(s) URL we are willing to redirect to, else null. */
function checkUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
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
    const { url: rawUrl, alias } = body as { url?: unknown; alias?: unknown };
    const url = checkUrl(rawUrl);
    if (!url) return error(422, "url must be an absolute http or https URL of at most 2048 characters.");
    const origin = new URL(req.url).origin;

    if (alias !== undefined) {
      if (typeof alias !== "string" || !isValidAlias(alias) ) {
        return error(422, "alias must be 3-32 letters, digits, - or _, and not a reserved word.");
      }
      if (!store.add({ code: alias, url, visits: 0 })) return error(409, `The alias "${alias}" is taken.`);
      return json(201, { code: alias, url, shortUrl: `${origin}/${alias}` }, { Location: `/links/${alias}` });
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const code = generateCode();
      if (store.add({ code, url, visits: 0 })) {
        return json(201, { code, url, shortUrl: `${origin}/${code}` }, { Location: `/links/${code}` });
      }
    }
    return error(503, "Could not find a free code; try again.");
  }

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (path === "/links") {
      if (req.method === "POST") return shorten(req);
      return error(405, "Use POST to shorten a link.", { Allow: "POST" });
    }
    const stats = /^\/links\/([^/]+)$/.exec(path);
    if (stats) {
      if (req.method !== "GET" && req.method !== "HEAD") return error(405, "Use GET.", { Allow: "GET, HEAD" });
      const link = store.get(stats[1]!);
      if (!link) return error(404, "No such link.");
      const res = json(200, { code: link.code, url: link.url, visits: link.visits });
      return req.method === "HEAD" ? new Response(null, { status: res.status, headers: res.headers }) : res;
    }
    const redirect = /^\/([^/]+)$/.exec(path);
    if (redirect && !RESERVED.has(redirect[1]!)) {
      if (req.method !== "GET" && req.method !== "HEAD") return error(405, "Use GET.", { Allow: "GET, HEAD" });
      const code = redirect[1]!;
      const link = store.get(code);
      if (!link) return error(404, "No such link.");
      // HEAD is a check (link previews, monitors), not a visit.
      if (req.method === "GET") store.recordVisit(code);
      return new Response(null, { status: 302, headers: { Location: link.url } });
    }
    return error(404, "Not found.");
  };
}
