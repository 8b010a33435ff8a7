/**
 * Ambient types for every global the Serverside sandbox's prelude installs (sandbox/prelude), for
 * authors' and learners' editors. Use it with TypeScript's "es2023" lib and WITHOUT "dom": the
 * sandbox has no DOM, and these types describe exactly what exists (no fetch, no crypto.subtle, no
 * Blob or FormData). lessons/tsconfig.json includes it.
 *
 * Not for the app: the root tsconfig.json excludes this file, because the app's own code does not
 * run in the sandbox and must not see these globals.
 */

// ---- shared ----------------------------------------------------------------------------------------

type SandboxBufferSource = ArrayBuffer | ArrayBufferView;
type SandboxBytes = string | SandboxBufferSource;

declare class DOMException extends Error {
  constructor(message?: string, name?: string);
  readonly code: number;
}

// ---- encoding --------------------------------------------------------------------------------------

declare class TextEncoder {
  readonly encoding: "utf-8";
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

declare class TextDecoder {
  /** Only UTF-8 labels are supported ("utf-8", "utf8"); others throw a RangeError. */
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: "utf-8";
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: SandboxBufferSource, options?: { stream?: boolean }): string;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;

// The type parameter must repeat lib.es5's declaration for the interfaces to merge.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
interface Uint8Array<TArrayBuffer extends ArrayBufferLike = ArrayBufferLike> {
  /** ES2026: the bytes as base64 (or base64url) text. */
  toBase64(options?: { alphabet?: "base64" | "base64url"; omitPadding?: boolean }): string;
  /** ES2026: the bytes as lower-case hex. */
  toHex(): string;
}

interface Uint8ArrayConstructor {
  /** ES2026: decodes base64 (or base64url) text; throws a SyntaxError on bad input. */
  fromBase64(text: string, options?: { alphabet?: "base64" | "base64url" }): Uint8Array<ArrayBuffer>;
  /** ES2026: decodes hex text; throws a SyntaxError on bad input. */
  fromHex(text: string): Uint8Array<ArrayBuffer>;
}

declare function structuredClone<T>(value: T): T;

// ---- URL -------------------------------------------------------------------------------------------

declare class URLSearchParams {
  constructor(init?: string | URLSearchParams | Record<string, string | number> | Iterable<[string, string]>);
  readonly size: number;
  append(name: string, value: string): void;
  delete(name: string, value?: string): void;
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string, value?: string): boolean;
  set(name: string, value: string): void;
  sort(): void;
  toString(): string;
  forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

declare class URL {
  constructor(url: string | URL, base?: string | URL);
  static canParse(url: string | URL, base?: string | URL): boolean;
  static parse(url: string | URL, base?: string | URL): URL | null;
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  username: string;
  toString(): string;
  toJSON(): string;
}

// ---- Fetch: Headers, Request, Response, and a scripted fetch() ---------------------------------------

type HeadersInit = Headers | [string, string][] | Record<string, string>;
type BodyInit = string | SandboxBufferSource | URLSearchParams | SandboxBodyStream;

declare class Headers {
  constructor(init?: HeadersInit);
  append(name: string, value: string): void;
  delete(name: string): void;
  get(name: string): string | null;
  getSetCookie(): string[];
  has(name: string): boolean;
  set(name: string, value: string): void;
  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

/** A body as a one-chunk stream: getReader().read() or `for await`. */
interface SandboxBodyStream extends AsyncIterable<Uint8Array> {
  readonly locked: boolean;
  getReader(): {
    read(): Promise<{ done: false; value: Uint8Array } | { done: true; value: undefined }>;
    releaseLock(): void;
    cancel(): Promise<void>;
  };
}

interface Body {
  readonly body: SandboxBodyStream | null;
  readonly bodyUsed: boolean;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array<ArrayBuffer>>;
  /** Not available in the sandbox: rejects with a TypeError. */
  formData(): Promise<never>;
  /** Not available in the sandbox: rejects with a TypeError. */
  blob(): Promise<never>;
}

interface RequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit | null;
  redirect?: "follow" | "error" | "manual";
  signal?: AbortSignal | null;
}

declare class Request implements Body {
  /** `input` must be an absolute URL: there is no base URL in the sandbox. */
  constructor(input: string | URL | Request, init?: RequestInit);
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly redirect: "follow" | "error" | "manual";
  readonly signal: AbortSignal;
  readonly body: SandboxBodyStream | null;
  readonly bodyUsed: boolean;
  clone(): Request;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array<ArrayBuffer>>;
  formData(): Promise<never>;
  blob(): Promise<never>;
}

interface ResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
}

declare class Response implements Body {
  constructor(body?: BodyInit | null, init?: ResponseInit);
  static json(data: unknown, init?: ResponseInit): Response;
  static redirect(url: string | URL, status?: 301 | 302 | 303 | 307 | 308): Response;
  static error(): Response;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly type: "default" | "error";
  readonly url: string;
  readonly redirected: boolean;
  readonly body: SandboxBodyStream | null;
  readonly bodyUsed: boolean;
  clone(): Response;
  text(): Promise<string>;
  json(): Promise<any>;
  arrayBuffer(): Promise<ArrayBuffer>;
  bytes(): Promise<Uint8Array<ArrayBuffer>>;
  formData(): Promise<never>;
  blob(): Promise<never>;
}

/**
 * There is no network in the sandbox: fetch() answers what the exercise's tests scripted for each
 * URL (with delays on the virtual clock, failures and hangs). A URL nothing answers rejects with
 * TypeError "fetch failed", as an unreachable host does.
 */
declare function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;

declare class AbortSignal {
  private constructor();
  readonly aborted: boolean;
  readonly reason: unknown;
  onabort: ((event: { type: "abort"; target: AbortSignal }) => void) | null;
  throwIfAborted(): void;
  addEventListener(
    type: "abort",
    listener: (event: { type: "abort"; target: AbortSignal }) => void,
    options?: boolean | { once?: boolean },
  ): void;
  removeEventListener(type: "abort", listener: (event: { type: "abort"; target: AbortSignal }) => void): void;
  static abort(reason?: unknown): AbortSignal;
  /** Aborts with a "TimeoutError" DOMException after ms of virtual time. */
  static timeout(ms: number): AbortSignal;
  static any(signals: Iterable<AbortSignal>): AbortSignal;
}

declare class AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

// ---- timers and the virtual clock ------------------------------------------------------------------

/** Timer ids are numbers. Delays below 1 ms become 1 ms; time is virtual (see clock). */
// The `(_: void) => void` overloads let a one-parameter callback such as a Promise's `resolve` be
// passed without extra arguments (`new Promise((resolve) => setTimeout(resolve, ms))`), as in Node's types.
declare function setTimeout(callback: (_: void) => void, delay?: number): number;
declare function setTimeout<A extends unknown[]>(
  callback: (...args: A) => void,
  delay?: number,
  ...args: A
): number;
declare function setInterval(callback: (_: void) => void, delay?: number): number;
declare function setInterval<A extends unknown[]>(
  callback: (...args: A) => void,
  delay?: number,
  ...args: A
): number;
declare function clearTimeout(id: number | undefined): void;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;

/** Console output is captured per test (shown for visible tests, dropped for concealed hidden ones). */
declare var console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
  trace(...data: unknown[]): void;
  dir(...data: unknown[]): void;
  table(data: unknown): void;
  assert(condition?: unknown, ...data: unknown[]): void;
  count(label?: string): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
  group(...label: unknown[]): void;
  groupEnd(): void;
};

declare var performance: {
  /** Virtual ms since the run started. */
  now(): number;
  readonly timeOrigin: number;
};

/** The sandbox's virtual clock: Date, performance.now() and timers follow it, not real time. */
interface SandboxClock {
  /** The virtual wall-clock time in ms since 1970 (what Date.now() returns). Starts at 2026-01-01T00:00:00Z. */
  now(): number;
  /** Moves time forward by `ms`, firing every timer that falls due, in order, synchronously. Test files only (elsewhere a TypeError). */
  advance(ms: number): void;
  /** Sets the wall clock (Date) to this instant; timers and performance.now() are not affected. Test files only (elsewhere a TypeError). */
  set(epochMs: number | Date): void;
}

declare var clock: SandboxClock;

// ---- crypto ----------------------------------------------------------------------------------------

type SandboxDigest = "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
type SandboxTextEncoding = "hex" | "base64" | "base64url" | "latin1" | "binary";
type SandboxIntegerArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** An incremental hash or HMAC, as node:crypto's Hash and Hmac (digest() gives a Uint8Array). */
interface SandboxHash {
  update(data: SandboxBytes, inputEncoding?: "utf8" | "utf-8" | SandboxTextEncoding): SandboxHash;
  digest(): Uint8Array;
  digest(encoding: "buffer"): Uint8Array;
  digest(encoding: SandboxTextEncoding): string;
}

/**
 * The web's getRandomValues/randomUUID plus a synchronous subset of node:crypto. There is no
 * crypto.subtle in the sandbox.
 */
interface SandboxCrypto {
  getRandomValues<T extends SandboxIntegerArray>(array: T): T;
  /** A random version 4 UUID. */
  randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
  /** `size` random bytes (at most 1 MiB). */
  randomBytes(size: number): Uint8Array;
  /** A uniform random integer with min <= n < max; randomInt(max) means min = 0. */
  randomInt(max: number): number;
  randomInt(min: number, max: number): number;
  /** One-shot digest, hex by default: crypto.hash("sha256", "abc"). */
  hash(algorithm: SandboxDigest, data: SandboxBytes): string;
  hash(algorithm: SandboxDigest, data: SandboxBytes, outputEncoding: "buffer"): Uint8Array;
  hash(algorithm: SandboxDigest, data: SandboxBytes, outputEncoding: SandboxTextEncoding): string;
  /** createHash("sha256").update(data).digest("hex") */
  createHash(algorithm: SandboxDigest): SandboxHash;
  /** createHmac("sha256", secret).update(data).digest("base64url") */
  createHmac(algorithm: SandboxDigest, key: SandboxBytes): SandboxHash;
  /** PBKDF2-HMAC; keylen 1..1024. */
  pbkdf2Sync(
    password: SandboxBytes,
    salt: SandboxBytes,
    iterations: number,
    keylen: number,
    digest: SandboxDigest,
  ): Uint8Array;
  /**
   * scrypt; defaults N = 16384, r = 8, p = 1. 128 * N * r bytes must fit in maxmem (default 32 MiB,
   * at most 64 MiB in the sandbox); otherwise a RangeError.
   */
  scryptSync(
    password: SandboxBytes,
    salt: SandboxBytes,
    keylen: number,
    options?: {
      N?: number;
      r?: number;
      p?: number;
      cost?: number;
      blockSize?: number;
      parallelization?: number;
      maxmem?: number;
    },
  ): Uint8Array;
  /** HKDF (RFC 5869); returns an ArrayBuffer, as node:crypto does. */
  hkdfSync(
    digest: SandboxDigest,
    ikm: SandboxBytes,
    salt: SandboxBytes,
    info: SandboxBytes,
    keylen: number,
  ): ArrayBuffer;
  /** Constant-time comparison of equal-length bytes; different lengths throw a RangeError. */
  timingSafeEqual(a: SandboxBufferSource, b: SandboxBufferSource): boolean;
}

declare var crypto: SandboxCrypto;
