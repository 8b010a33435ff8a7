/**
 * Headers, Request and Response as the Fetch Standard defines them, minus networking: there is no
 * fetch() in the sandbox. Bodies are held as bytes; `body` is a one-chunk reader, not a full
 * ReadableStream. Blob and FormData bodies are not supported.
 */
import { isURLSearchParams, loadUrlClasses } from "./url.ts";
import type { URL, URLSearchParams } from "./url.ts";
import { utf8Decode, utf8Encode } from "./encoding.ts";
import { AbortController, isAbortSignal, type AbortSignal } from "./abort.ts";

/** Objects that structuredClone must refuse, as browsers do for platform objects. */
export const platformObjects = new WeakSet<object>();

// --- Headers --------------------------------------------------------------------------------------

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LEADING_TRAILING_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;

type Guard = "none" | "request" | "response" | "immutable";
type HeaderList = [name: string, value: string][];

function normalizeName(name: unknown): string {
  const s = String(name);
  if (!TOKEN.test(s)) throw new TypeError(`Headers: "${s}" is not a valid header name`);
  return s.toLowerCase();
}

function normalizeValue(value: unknown): string {
  const s = String(value).replace(LEADING_TRAILING_WS, "");
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || c > 0xff) {
      throw new TypeError(
        `Headers: "${s}" is not a valid header value (no NUL, CR, LF or characters above U+00FF)`,
      );
    }
  }
  return s;
}

const headerInternals = new WeakMap<object, { list: HeaderList; guard: Guard }>();

function internalsOf(headers: unknown): { list: HeaderList; guard: Guard } {
  const internals =
    typeof headers === "object" && headers !== null ? headerInternals.get(headers) : undefined;
  if (!internals) throw new TypeError("Illegal invocation: not a Headers object");
  return internals;
}

export type HeadersInit = Headers | [string, string][] | Record<string, string> | Iterable<Iterable<string>>;

export class Headers {
  constructor(init?: HeadersInit) {
    headerInternals.set(this, { list: [], guard: "none" });
    platformObjects.add(this);
    if (init !== undefined && init !== null) fillHeaders(this, init);
  }

  append(name: string, value: string): void {
    const internals = internalsOf(this);
    const n = normalizeName(name);
    const v = normalizeValue(value);
    checkGuard(internals.guard);
    internals.list.push([n, v]);
  }

  delete(name: string): void {
    const internals = internalsOf(this);
    const n = normalizeName(name);
    checkGuard(internals.guard);
    internals.list = internals.list.filter(([key]) => key !== n);
  }

  get(name: string): string | null {
    const { list } = internalsOf(this);
    const n = normalizeName(name);
    const values = list.filter(([key]) => key === n).map(([, value]) => value);
    return values.length === 0 ? null : values.join(", ");
  }

  getSetCookie(): string[] {
    return internalsOf(this)
      .list.filter(([key]) => key === "set-cookie")
      .map(([, value]) => value);
  }

  has(name: string): boolean {
    const n = normalizeName(name);
    return internalsOf(this).list.some(([key]) => key === n);
  }

  set(name: string, value: string): void {
    const internals = internalsOf(this);
    const n = normalizeName(name);
    const v = normalizeValue(value);
    checkGuard(internals.guard);
    const index = internals.list.findIndex(([key]) => key === n);
    if (index === -1) {
      internals.list.push([n, v]);
    } else {
      internals.list[index] = [n, v];
      internals.list = internals.list.filter(([key], i) => key !== n || i === index);
    }
  }

  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void {
    if (typeof callback !== "function") throw new TypeError("Headers.forEach: callback must be a function");
    for (const [name, value] of sortAndCombine(internalsOf(this).list))
      callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    // Each step re-reads the list, so headers changed while iterating behave as in browsers.
    for (let i = 0; ; i++) {
      const pairs = sortAndCombine(internalsOf(this).list);
      if (i >= pairs.length) return;
      yield pairs[i]!;
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return "Headers";
  }
}

function checkGuard(guard: Guard): void {
  if (guard === "immutable") throw new TypeError("Headers: these headers are immutable");
}

function sortAndCombine(list: HeaderList): [string, string][] {
  const names = [...new Set(list.map(([name]) => name))].sort();
  const out: [string, string][] = [];
  for (const name of names) {
    const values = list.filter(([key]) => key === name).map(([, value]) => value);
    if (name === "set-cookie") for (const value of values) out.push([name, value]);
    else out.push([name, values.join(", ")]);
  }
  return out;
}

function fillHeaders(headers: Headers, init: unknown): void {
  if (typeof init !== "object" || init === null) {
    throw new TypeError(
      "Headers: init must be a Headers object, an array of [name, value] pairs, or an object",
    );
  }
  if (init instanceof Headers) {
    for (const [name, value] of internalsOf(init).list) headers.append(name, value);
    return;
  }
  const iterator = (init as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof iterator === "function") {
    for (const pair of init as Iterable<unknown>) {
      if (
        typeof pair !== "object" ||
        pair === null ||
        typeof (pair as Iterable<string>)[Symbol.iterator] !== "function"
      ) {
        throw new TypeError("Headers: each header must be a [name, value] pair");
      }
      const items = [...(pair as Iterable<string>)];
      if (items.length !== 2) throw new TypeError("Headers: each header must be a [name, value] pair");
      headers.append(items[0]!, items[1]!);
    }
    return;
  }
  for (const key of Object.keys(init)) headers.append(key, (init as Record<string, string>)[key]!);
}

function setGuard(headers: Headers, guard: Guard): void {
  internalsOf(headers).guard = guard;
}

// --- Bodies ---------------------------------------------------------------------------------------

type BodyState = { bytes: Uint8Array | null; used: boolean; stream: BodyStream | null };
export type BodyInit = string | ArrayBuffer | ArrayBufferView | URLSearchParams | BodyStream | null;

/** Turns a body init into bytes and the Content-Type it implies (the spec's "extract a body"). */
function extractBody(body: unknown): { bytes: Uint8Array; type: string | null } {
  if (typeof body === "string") return { bytes: utf8Encode(body), type: "text/plain;charset=UTF-8" };
  if (isURLSearchParams(body)) {
    return { bytes: utf8Encode(body.toString()), type: "application/x-www-form-urlencoded;charset=UTF-8" };
  }
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body.slice(0)), type: null };
  if (ArrayBuffer.isView(body)) {
    return {
      bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)),
      type: null,
    };
  }
  // new Response(other.body): the new body takes the stream, which is then read and locked (as in
  // the spec); without this, WebIDL would make it the string "[object ReadableStream]".
  if (body instanceof BodyStream) return { bytes: BodyStream.take(body), type: null };
  if (body instanceof Request || body instanceof Response || body instanceof Headers) {
    throw new TypeError(
      "body: pass a string, bytes or URLSearchParams (read another body first, e.g. await req.text())",
    );
  }
  // WebIDL turns any other value into a string: new Response({}) has the body "[object Object]".
  return { bytes: utf8Encode(String(body)), type: null };
}

const bodyStates = new WeakMap<object, BodyState>();

function bodyOf(self: unknown): BodyState {
  const state = typeof self === "object" && self !== null ? bodyStates.get(self) : undefined;
  if (!state) throw new TypeError("Illegal invocation: not a Request or Response");
  return state;
}

/** The body as a minimal stream: one chunk, readable once, through getReader() or for await. */
class BodyStream {
  #state: BodyState;
  #locked = false;
  constructor(state: BodyState) {
    this.#state = state;
  }
  get locked(): boolean {
    return this.#locked;
  }
  /** The bytes of a stream used as another body; it is locked and read afterwards. */
  static take(stream: BodyStream): Uint8Array {
    if (stream.#locked || stream.#state.used)
      throw new TypeError("body: this ReadableStream is locked or has already been read");
    stream.#locked = true;
    stream.#state.used = true;
    return stream.#state.bytes === null ? new Uint8Array(0) : stream.#state.bytes.slice();
  }
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    releaseLock(): void;
    cancel(): Promise<void>;
  } {
    if (this.#locked) throw new TypeError("ReadableStream is locked");
    this.#locked = true;
    const state = this.#state;
    let done = false;
    return {
      read: async () => {
        state.used = true;
        if (done || state.bytes === null) return { done: true, value: undefined };
        done = true;
        const value = state.bytes;
        return { done: false, value: value.slice() };
      },
      releaseLock: () => {
        this.#locked = false;
      },
      cancel: async () => {
        state.used = true;
        done = true;
      },
    };
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const reader = this.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value!;
    }
  }
  get [Symbol.toStringTag](): string {
    return "ReadableStream";
  }
}

function consumeBody(self: unknown, method: string): Uint8Array {
  const state = bodyOf(self);
  if (state.used || state.stream?.locked) {
    throw new TypeError(
      `${method}: the body has already been read (bodyUsed is true); clone() before reading twice`,
    );
  }
  state.used = true;
  return state.bytes ?? new Uint8Array(0);
}

/** The body-reading methods shared by Request and Response (the spec's Body mixin). */
class BodyMixin {
  get body(): BodyStream | null {
    const state = bodyOf(this);
    if (state.bytes === null) return null;
    state.stream ??= new BodyStream(state);
    return state.stream;
  }
  get bodyUsed(): boolean {
    return bodyOf(this).used;
  }
  async text(): Promise<string> {
    return utf8Decode(consumeBody(this, "text()"));
  }
  async json(): Promise<unknown> {
    return JSON.parse(utf8Decode(consumeBody(this, "json()")));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = consumeBody(this, "arrayBuffer()");
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    return consumeBody(this, "bytes()").slice();
  }
  async formData(): Promise<never> {
    throw new TypeError(
      "formData() is not available in the sandbox: parse the body with text() and URLSearchParams",
    );
  }
  async blob(): Promise<never> {
    throw new TypeError("blob() is not available in the sandbox: use arrayBuffer() or bytes()");
  }
}

function initBody(self: object, bytes: Uint8Array | null): void {
  bodyStates.set(self, { bytes, used: false, stream: null });
}

// --- Request --------------------------------------------------------------------------------------

// PATCH is deliberately not upper-cased: the spec normalizes only these six.
const NORMALIZED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];

export interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit;
  redirect?: "follow" | "error" | "manual";
  signal?: AbortSignal | null;
}

type RequestState = {
  method: string;
  url: string;
  headers: Headers;
  redirect: string;
  signal: AbortSignal | null;
};
const requestStates = new WeakMap<object, RequestState>();

function requestOf(self: unknown): RequestState {
  const state = typeof self === "object" && self !== null ? requestStates.get(self) : undefined;
  if (!state) throw new TypeError("Illegal invocation: not a Request");
  return state;
}

export class Request extends BodyMixin {
  constructor(input: string | URL | Request, init: RequestInit = {}) {
    super();
    if (arguments.length === 0) throw new TypeError("Request: 1 argument required (a URL)");
    if (init !== undefined && init !== null && typeof init !== "object")
      throw new TypeError("Request: init must be an object");
    init ??= {};
    let url: string;
    let method = "GET";
    let headers: Headers;
    let redirect = "follow";
    let inputBody: Uint8Array | null = null;
    let signal: AbortSignal | null = null;
    if (input instanceof Request) {
      const source = requestOf(input);
      signal = source.signal;
      url = source.url;
      method = source.method;
      headers = new Headers(source.headers);
      redirect = source.redirect;
      const sourceBody = bodyOf(input);
      if (sourceBody.bytes !== null && init.body === undefined) {
        if (sourceBody.used) throw new TypeError("Request: the input request's body has already been read");
        inputBody = sourceBody.bytes;
        sourceBody.used = true; // the body moves to the new request, as in the spec
      }
    } else {
      let parsed: URL;
      try {
        parsed = new (loadUrlClasses().URL)(String(input));
      } catch {
        throw new TypeError(
          `Request: "${String(input)}" is not an absolute URL (there is no base URL in the sandbox)`,
        );
      }
      if (parsed.username !== "" || parsed.password !== "") {
        throw new TypeError(
          `Request: the URL "${parsed.href}" includes credentials, which requests cannot carry`,
        );
      }
      url = parsed.href;
      headers = new Headers();
    }
    if (init.method !== undefined) {
      const m = String(init.method);
      if (!TOKEN.test(m)) throw new TypeError(`Request: "${m}" is not a valid HTTP method`);
      const upper = m.toUpperCase();
      if (FORBIDDEN_METHODS.includes(upper)) throw new TypeError(`Request: the method "${m}" is forbidden`);
      method = NORMALIZED_METHODS.includes(upper) ? upper : m;
    }
    if (init.redirect !== undefined) {
      if (!["follow", "error", "manual"].includes(String(init.redirect))) {
        throw new TypeError(`Request: redirect must be "follow", "error" or "manual"`);
      }
      redirect = String(init.redirect);
    }
    if (init.headers !== undefined) headers = new Headers(init.headers);
    if (init.signal !== undefined && init.signal !== null) {
      if (!isAbortSignal(init.signal)) throw new TypeError("Request: signal must be an AbortSignal");
      signal = init.signal;
    }
    let bytes = inputBody;
    if (init.body !== undefined && init.body !== null) {
      const extracted = extractBody(init.body);
      bytes = extracted.bytes;
      if (extracted.type !== null && !headers.has("content-type"))
        headers.append("content-type", extracted.type);
    }
    if (bytes !== null && (method === "GET" || method === "HEAD")) {
      throw new TypeError(`Request: a ${method} request cannot have a body`);
    }
    setGuard(headers, "request");
    requestStates.set(this, { method, url, headers, redirect, signal });
    initBody(this, bytes);
    platformObjects.add(this);
  }

  get method(): string {
    return requestOf(this).method;
  }
  get url(): string {
    return requestOf(this).url;
  }
  get headers(): Headers {
    return requestOf(this).headers;
  }
  get redirect(): string {
    return requestOf(this).redirect;
  }
  get signal(): AbortSignal {
    // Created on first use: most requests in the sandbox are built by tests and never aborted.
    const state = requestOf(this);
    state.signal ??= new AbortController().signal;
    return state.signal;
  }

  clone(): Request {
    const state = requestOf(this);
    const body = bodyOf(this);
    if (body.used || body.stream?.locked)
      throw new TypeError("Request.clone: the body has already been read");
    const copy = new Request(state.url, {
      method: state.method,
      headers: state.headers,
      redirect: state.redirect as "follow",
      signal: state.signal,
    });
    bodyOf(copy).bytes = body.bytes === null ? null : body.bytes.slice();
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return "Request";
  }
}

/** A request's body as text without reading it (the scripted fetch records what was sent). */
export function peekRequestBody(request: Request): string {
  const bytes = bodyOf(request).bytes;
  return bytes === null ? "" : utf8Decode(bytes);
}

// --- Response -------------------------------------------------------------------------------------

export interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

type ResponseState = { status: number; statusText: string; headers: Headers; type: "default" | "error" };
const responseStates = new WeakMap<object, ResponseState>();

function responseOf(self: unknown): ResponseState {
  const state = typeof self === "object" && self !== null ? responseStates.get(self) : undefined;
  if (!state) throw new TypeError("Illegal invocation: not a Response");
  return state;
}

const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
// reason-phrase = *( HTAB / SP / VCHAR / obs-text )
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

export class Response extends BodyMixin {
  constructor(body: BodyInit | undefined = null, init: ResponseInit = {}) {
    super();
    if (init !== undefined && init !== null && typeof init !== "object")
      throw new TypeError("Response: init must be an object");
    init ??= {};
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Response: status ${String(init.status)} is not in the range 200 to 599`);
    }
    const statusText = init.statusText === undefined ? "" : String(init.statusText);
    if (!REASON_PHRASE.test(statusText))
      throw new TypeError(`Response: "${statusText}" is not a valid status text`);
    const headers = new Headers(init.headers);
    let bytes: Uint8Array | null = null;
    if (body !== null && body !== undefined) {
      if (NULL_BODY_STATUSES.includes(status))
        throw new TypeError(`Response: a ${status} response cannot have a body`);
      const extracted = extractBody(body);
      bytes = extracted.bytes;
      if (extracted.type !== null && !headers.has("content-type"))
        headers.append("content-type", extracted.type);
    }
    setGuard(headers, "response");
    responseStates.set(this, { status, statusText, headers, type: "default" });
    initBody(this, bytes);
    platformObjects.add(this);
  }

  static json(data: unknown, init: ResponseInit = {}): Response {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError("Response.json: the data cannot be serialized as JSON");
    const headers = new Headers(init?.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new Response(text, { ...init, headers });
  }

  static redirect(url: string | URL, status = 302): Response {
    let parsed: URL;
    try {
      parsed = new (loadUrlClasses().URL)(String(url));
    } catch {
      throw new TypeError(`Response.redirect: "${String(url)}" is not an absolute URL`);
    }
    if (!REDIRECT_STATUSES.includes(status)) {
      throw new RangeError(
        `Response.redirect: status ${status} is not a redirect status (301, 302, 303, 307, 308)`,
      );
    }
    const response = new Response(null, { status: 200 });
    const state = responseOf(response);
    state.status = status;
    state.headers.set("location", parsed.href);
    setGuard(state.headers, "immutable");
    return response;
  }

  static error(): Response {
    const response = new Response(null);
    const state = responseOf(response);
    state.status = 0;
    state.type = "error";
    setGuard(state.headers, "immutable");
    return response;
  }

  get status(): number {
    return responseOf(this).status;
  }
  get statusText(): string {
    return responseOf(this).statusText;
  }
  get ok(): boolean {
    const { status } = responseOf(this);
    return status >= 200 && status <= 299;
  }
  get headers(): Headers {
    return responseOf(this).headers;
  }
  get type(): string {
    return responseOf(this).type;
  }
  get url(): string {
    return "";
  }
  get redirected(): boolean {
    return false;
  }

  clone(): Response {
    const state = responseOf(this);
    const body = bodyOf(this);
    if (body.used || body.stream?.locked)
      throw new TypeError("Response.clone: the body has already been read");
    const copy = new Response(null, { status: 200, headers: state.headers });
    const copyState = responseOf(copy);
    copyState.status = state.status;
    copyState.statusText = state.statusText;
    copyState.type = state.type;
    setGuard(copyState.headers, internalsOf(state.headers).guard);
    bodyOf(copy).bytes = body.bytes === null ? null : body.bytes.slice();
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return "Response";
  }
}
