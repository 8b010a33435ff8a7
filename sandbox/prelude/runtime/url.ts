/**
 * URL and URLSearchParams from core-js (MIT): a complete WHATWG URL parser, IDNA included, that
 * does not touch the global object. Bundled into the prelude by build-prelude.ts; esbuild turns
 * the require() calls into module initializers that run on the first loadUrlClasses() call.
 */
declare const require: (specifier: string) => unknown;

export type URL = globalThis.URL;
export type URLSearchParams = globalThis.URLSearchParams;

interface UrlClasses {
  URL: typeof globalThis.URL;
  URLSearchParams: typeof globalThis.URLSearchParams;
}

let classes: UrlClasses | undefined;

/** The URL classes, initializing core-js on the first call. */
export function loadUrlClasses(): UrlClasses {
  classes ??= {
    URL: require("core-js-pure/stable/url/index.js") as typeof globalThis.URL,
    URLSearchParams:
      require("core-js-pure/stable/url-search-params/index.js") as typeof globalThis.URLSearchParams,
  };
  return classes;
}

/** True when `value` is a URLSearchParams; never loads core-js (none can exist before it loads). */
export function isURLSearchParams(value: unknown): value is URLSearchParams {
  return classes !== undefined && value instanceof classes.URLSearchParams;
}
