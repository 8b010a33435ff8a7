import { readFile, ROOT } from "./files";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
};

/** The public file named by `rawName`: the request path after "/static/", still percent-encoded. */
export function serveStatic(rawName: string): Response {
  const path = ROOT + "/" + decodeURIComponent(rawName);
  const body = readFile(path);
  if (body === null) {
    return new Response(JSON.stringify({ error: "not_found" }), { status: 404, headers: { "Content-Type": "application/json" } });
  }
  const ext = path.split(".").pop()!.toLowerCase();
  return new Response(body, { status: 200, headers: { "Content-Type": TYPES[ext] ?? "application/octet-stream" } });
}
