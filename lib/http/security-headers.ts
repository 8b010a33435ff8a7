/**
 * Security headers for every response of the production server (scripts/server.ts). A fresh nonce
 * per request goes into the Content-Security-Policy and into the request headers, where Next.js
 * finds it (it adds the nonce to its own scripts) and so does our theme script (app/layout.tsx):
 * no inline script runs without it. Pure functions with no imports: the server loads this file
 * with Node's type stripping, before Next.js.
 */

/** Request header that carries the nonce to the app (set by the server, never by a client). */
export const NONCE_HEADER = "x-nonce";

/**
 * The policy. Scripts: our origin, and inline scripts only with the nonce. Monaco needs same-origin
 * workers (bundled files, plus blob: for the ones it builds at run time) and inline styles (it
 * writes <style> elements and style attributes), so style-src allows 'unsafe-inline': styles cannot
 * run code. No frames around us, no plugins, forms and <base> only to ourselves.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Powerful features this app never uses, turned off for it and anything it might embed. */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** HSTS for a year once the site is reached over HTTPS (never sent over plain HTTP, where it is ignored). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Every header for one response; `https` says whether the client reached us over HTTPS. */
export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}
