/**
 * Where to send someone after they sign in or up: only a path on this site. The value comes from a
 * `?next=` link anyone can craft, so it is parsed as a URL and accepted only when it stays on our
 * origin. String checks alone were bypassed (`/\t/evil.example/`: browsers drop tabs, then see
 * `//evil.example/`; `/.//evil.example/` normalizes to `//evil.example/`; `\` is read as `/`).
 */
const BASE = "http://serverside.invalid";

/** A same-origin path (with query and fragment) from `value`, or `fallback`. */
export function safeRedirectPath(value: unknown, fallback = "/learn"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // Control characters (tab, newline ...) and backslashes are never in our own links: browsers strip
  // or reinterpret them, so refuse instead of guessing how a browser would read the result.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  // After dot-segment removal the path must still be a path, not a scheme-relative URL.
  if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
