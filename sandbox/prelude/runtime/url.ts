/**
 * URL and URLSearchParams from core-js (MIT): a complete WHATWG URL parser, IDNA included, that
 * does not touch the global object. Bundled into the prelude by build-prelude.ts.
 */
// @ts-expect-error core-js-pure ships no type declarations; the shapes are the standard ones.
import CoreURL from "core-js-pure/stable/url/index.js";
// @ts-expect-error see above
import CoreURLSearchParams from "core-js-pure/stable/url-search-params/index.js";

export const URL = CoreURL as typeof globalThis.URL;
export type URL = globalThis.URL;
export const URLSearchParams = CoreURLSearchParams as typeof globalThis.URLSearchParams;
export type URLSearchParams = globalThis.URLSearchParams;
