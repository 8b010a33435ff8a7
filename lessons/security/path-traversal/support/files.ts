/**
 * The server's files, importable as "./files". The sandbox has no file system, so this module
 * plays the disk: an in-memory tree that behaves like a real one where it matters here.
 *
 *   readFile("/srv/site/public/index.html")   // the file's text, or null (missing, or a directory)
 *   resolve("/srv/site/public", "css/../index.html")   // "/srv/site/public/index.html"
 *
 * Like a real disk it follows "..", ".", and repeated slashes in a path, so
 * readFile("/srv/site/public/../config/secrets.env") really returns the secrets. Like Windows, it
 * also takes "\" as a separator. Like Node's fs, it throws a TypeError for a path that contains a
 * NUL byte, and for a path that is not absolute.
 */

/** The folder whose files the site serves. */
export const ROOT = "/srv/site/public";

const FILES = new Map<string, string>([
  ["/srv/site/public/index.html", "<!doctype html><title>Home</title><h1>Welcome</h1>"],
  ["/srv/site/public/css/site.css", "body { font-family: system-ui; }"],
  ["/srv/site/public/img/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
  ["/srv/site/public/docs/read me.txt", "Read me first."],
  ["/srv/site/public/docs/100%.txt", "Give it 100%."],
  ["/srv/site/public/docs/café.txt", "Menu du jour."],
  ["/srv/site/public/docs/v1..v2.txt", "Changes from v1 to v2."],
  ["/srv/site/public/docs/SCAN.HTML", "<!doctype html><title>Scan</title>"],
  ["/srv/site/public/data/prices.json", '{"mug":12}'],
  ["/srv/site/public/downloads/app.bin", "BINARY"],
  ["/srv/site/public-admin/keys.txt", "ADMIN-KEY=sk_live_9f8e7d"],
  ["/srv/site/config/secrets.env", "DATABASE_PASSWORD=hunter2"],
  ["/srv/site/app.ts", "// the server's source code"],
  ["/etc/passwd", "root:x:0:0:root:/root:/bin/bash"],
]);

/** POSIX path.resolve: joins the parts left to right and normalizes ".", ".." and "//". */
export function resolve(...parts: string[]): string {
  let path = "";
  for (const part of parts) path = part.startsWith("/") ? part : `${path}/${part}`;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return "/" + out.join("/");
}

/** The text of the file at absolute `path`, or null if there is none (a directory is not a file). */
export function readFile(path: string): string | null {
  if (typeof path !== "string" || path.includes("\0")) throw new TypeError("The argument 'path' must be a string without null bytes");
  if (!path.startsWith("/") && !path.startsWith("\\")) throw new TypeError(`readFile needs an absolute path, got ${JSON.stringify(path)}`);
  return FILES.get(resolve(path.replaceAll("\\", "/"))) ?? null;
}
