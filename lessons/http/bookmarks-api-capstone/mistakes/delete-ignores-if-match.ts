// Mistake: DELETE ignores If-Match, so a client deletes a bookmark someone else changed after it read it.
interface Bookmark {
  id: number;
  url: string;
  title: string;
}

const bookmarks: Bookmark[] = [
  { id: 1, url: "https://www.rfc-editor.org/rfc/rfc9110", title: "HTTP Semantics" },
  { id: 2, url: "https://developer.mozilla.org/en-US/docs/Web/HTTP", title: "MDN HTTP" },
  { id: 3, url: "https://www.rfc-editor.org/rfc/rfc9457", title: "Problem Details" },
];
let nextId = 4;

const TYPES = "https://api.example.com/problems/";
const FIELDS = ["url", "title"];

type Extra = Record<string, unknown>;

function problem(status: number, type: string, title: string, extra: Extra = {}, headers: Record<string, string> = {}): Response {
  const body = type === "about:blank" ? { type, title, status } : { type: TYPES + type, title, status, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

const etagOf = (b: Bookmark) => `"${crypto.hash("sha256", JSON.stringify(b)).slice(0, 20)}"`;

function tagsOf(header: string): string[] | "*" {
  return header.trim() === "*" ? "*" : (header.match(/(W\/)?"[^"]*"/g) ?? []);
}

function checkUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000) return "must be an http or https URL";
  const parsed = URL.parse(value);
  // Only web links: javascript:, data: and file: URLs would run or read things in the reader's browser.
  return parsed && (parsed.protocol === "http:" || parsed.protocol === "https:") ? null : "must be an http or https URL";
}

function checkTitle(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" && value.trim().length <= 200
    ? null
    : "must be a non-empty string of at most 200 characters";
}

async function readObject(req: Request, instance: string): Promise<Record<string, unknown> | Response> {
  try {
    const value: unknown = await req.json();
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  return problem(400, "malformed-body", "Malformed request body", { instance });
}

function validate(input: Record<string, unknown>, partial: boolean): { pointer: string; detail: string }[] {
  const errors: { pointer: string; detail: string }[] = [];
  for (const key of Object.keys(input)) {
    if (!FIELDS.includes(key)) errors.push({ pointer: `#/${key}`, detail: "is not a field you can set" });
  }
  for (const [name, check] of [["url", checkUrl], ["title", checkTitle]] as const) {
    if (!(name in input)) {
      if (!partial) errors.push({ pointer: `#/${name}`, detail: "is required" });
      continue;
    }
    const detail = check(input[name]);
    if (detail) errors.push({ pointer: `#/${name}`, detail });
  }
  return errors;
}

function list(url: URL): Response {
  const rawLimit = url.searchParams.get("limit");
  const rawCursor = url.searchParams.get("cursor");
  let limit = 20;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 100) {
      return problem(400, "invalid-query", "Invalid query parameter", { instance: url.pathname, detail: "limit must be 1 to 100" });
    }
    limit = Number(rawLimit);
  }
  let afterId = 0;
  if (rawCursor !== null) {
    let decoded: unknown = null;
    try {
      decoded = JSON.parse(atob(rawCursor.replace(/-/g, "+").replace(/_/g, "/")));
    } catch {
      decoded = null;
    }
    const id = (decoded as { id?: unknown } | null)?.id;
    if (typeof id !== "number" || !Number.isInteger(id)) {
      return problem(400, "invalid-query", "Invalid query parameter", { instance: url.pathname, detail: "unknown cursor" });
    }
    afterId = id;
  }
  const rest = bookmarks.filter((b) => b.id > afterId).sort((a, b) => a.id - b.id);
  const items = rest.slice(0, limit);
  const more = rest.length > limit;
  const nextCursor = more
    ? btoa(JSON.stringify({ id: items[items.length - 1].id })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
    : null;
  const headers: Record<string, string> = {};
  if (nextCursor) {
    const next = new URL(url.origin + url.pathname);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("cursor", nextCursor);
    headers.Link = `<${next.href}>; rel="next"`;
  }
  return ok(200, { items, nextCursor }, headers);
}

async function create(req: Request, instance: string): Promise<Response> {
  const input = await readObject(req, instance);
  if (input instanceof Response) return input;
  const errors = validate(input, false);
  if (errors.length > 0) return problem(422, "validation-error", "Your request is not valid", { instance, errors });
  const bookmark: Bookmark = { id: nextId++, url: input.url as string, title: (input.title as string).trim() };
  bookmarks.push(bookmark);
  return ok(201, bookmark, { Location: `/bookmarks/${bookmark.id}`, ETag: etagOf(bookmark) });
}

async function item(req: Request, bookmark: Bookmark, instance: string): Promise<Response> {
  const current = etagOf(bookmark);
  if (req.method === "GET") {
    const inm = req.headers.get("if-none-match");
    if (inm !== null) {
      const tags = tagsOf(inm);
      if (tags === "*" || tags.some((t) => t.replace(/^W\//, "") === current)) {
        return new Response(null, { status: 304, headers: { ETag: current } });
      }
    }
    return ok(200, bookmark, { ETag: current });
  }
  const ifMatch = req.method === "DELETE" ? null : req.headers.get("if-match");
  if (ifMatch === null) {
    if (req.method === "PATCH") {
      return problem(428, "precondition-required", "If-Match is required", { instance });
    }
  } else {
    const tags = tagsOf(ifMatch);
    if (!(tags === "*" || tags.some((t) => !t.startsWith("W/") && t === current))) {
      return problem(412, "precondition-failed", "The bookmark changed since you read it", { instance }, { ETag: current });
    }
  }
  if (req.method === "DELETE") {
    bookmarks.splice(bookmarks.indexOf(bookmark), 1);
    return new Response(null, { status: 204 });
  }
  const input = await readObject(req, instance);
  if (input instanceof Response) return input;
  const errors = validate(input, true);
  if (errors.length > 0) return problem(422, "validation-error", "Your request is not valid", { instance, errors });
  if ("url" in input) bookmark.url = input.url as string;
  if ("title" in input) bookmark.title = (input.title as string).trim();
  return ok(200, bookmark, { ETag: etagOf(bookmark) });
}

async function route(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname;
  if (path === "/bookmarks") {
    if (req.method === "GET") return list(url);
    if (req.method === "POST") return create(req, path);
    return problem(405, "about:blank", "Method Not Allowed", {}, { Allow: "GET, POST" });
  }
  const match = /^\/bookmarks\/(\d+)$/.exec(path);
  if (match) {
    if (!["GET", "PATCH", "DELETE"].includes(req.method)) {
      return problem(405, "about:blank", "Method Not Allowed", {}, { Allow: "GET, PATCH, DELETE" });
    }
    const bookmark = bookmarks.find((b) => b.id === Number(match[1]));
    if (!bookmark) return problem(404, "not-found", "Resource not found", { instance: path });
    return item(req, bookmark, path);
  }
  return problem(404, "about:blank", "Not Found");
}

export async function handler(req: Request): Promise<Response> {
  try {
    return await route(req);
  } catch {
    return problem(500, "about:blank", "Internal Server Error");
  }
}
