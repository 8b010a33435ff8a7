import { readFile, resolve, ROOT } from "./files";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
};

const error = (status: number, code: string) =>
  new Response(JSON.stringify({ error: code }), { status, headers: { "Content-Type": "application/json" } });

/**
 * The public file named by `rawName`: the request path after "/static/", still percent-encoded.
 * Decoded exactly once; then only a plain relative path of real names is accepted.
 */
export function serveStatic(rawName: string): Response {
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    return error(400, "bad_path"); // malformed escapes, overlong UTF-8 (%c0%ae)
  }
  // Check the DECODED name, the one the disk will see. Backslash is a separator on Windows; NUL ends a C string.
  if (name === "" || name.startsWith("/") || /[\\\0]/.test(name)) return error(400, "bad_path");
  if (name.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) return error(400, "bad_path");

  // Defense in depth: the resolved path must be inside ROOT + "/" (ROOT alone would let /srv/site/public-admin in).
  const path = resolve(ROOT, name);
  if (!path.startsWith(ROOT + "/")) return error(400, "bad_path");

  const body = readFile(path);
  if (body === null) return error(404, "not_found");
  const ext = /\.([A-Za-z0-9]+)$/.exec(rawName)?.[1]?.toLowerCase() ?? "";
  const type = Object.hasOwn(TYPES, ext) ? TYPES[ext]! : "application/octet-stream";
  return new Response(body, { status: 200, headers: { "Content-Type": type, "X-Content-Type-Options": "nosniff" } });
}
