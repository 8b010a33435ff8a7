/**
 * Ambient types for the non-standard globals of the Serverside sandbox (sandbox/prelude): the
 * virtual clock, the synchronous node:crypto subset on `crypto`, and the ES2026 Uint8Array
 * base64/hex methods. Load it beside TypeScript's "es2023" and "dom" (or "webworker") libs in the
 * learner's and author's editor; the standard parts (Request, Response, Headers, URL, TextEncoder,
 * timers, structuredClone, atob/btoa) come from those libs.
 *
 * Not for the app: tsconfig.json excludes this file, because the app's own code does not run in the
 * sandbox and must not see these globals.
 */

type SandboxBytes = string | ArrayBuffer | ArrayBufferView;
type SandboxDigest = "md5" | "sha1" | "sha224" | "sha256" | "sha384" | "sha512";
type SandboxTextEncoding = "hex" | "base64" | "base64url" | "latin1" | "binary";

/** An incremental hash or HMAC, as node:crypto's Hash and Hmac (digest() gives a Uint8Array). */
interface SandboxHash {
  update(data: SandboxBytes, inputEncoding?: "utf8" | "utf-8" | SandboxTextEncoding): SandboxHash;
  digest(): Uint8Array;
  digest(encoding: "buffer"): Uint8Array;
  digest(encoding: SandboxTextEncoding): string;
}

interface Crypto {
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
  pbkdf2Sync(password: SandboxBytes, salt: SandboxBytes, iterations: number, keylen: number, digest: SandboxDigest): Uint8Array;
  /**
   * scrypt; defaults N = 16384, r = 8, p = 1. 128 * N * r bytes must fit in maxmem (default 32 MiB,
   * at most 64 MiB in the sandbox).
   */
  scryptSync(
    password: SandboxBytes,
    salt: SandboxBytes,
    keylen: number,
    options?: { N?: number; r?: number; p?: number; cost?: number; blockSize?: number; parallelization?: number; maxmem?: number },
  ): Uint8Array;
  /** HKDF (RFC 5869); returns an ArrayBuffer, as node:crypto does. */
  hkdfSync(digest: SandboxDigest, ikm: SandboxBytes, salt: SandboxBytes, info: SandboxBytes, keylen: number): ArrayBuffer;
  /** Constant-time comparison of equal-length bytes; different lengths throw a RangeError. */
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}

/** The sandbox's virtual clock: Date, performance.now() and timers follow it, not real time. */
interface SandboxClock {
  /** The virtual wall-clock time in ms since 1970 (what Date.now() returns). Starts at 2026-01-01T00:00:00Z. */
  now(): number;
  /** Moves time forward by `ms`, firing every timer that falls due, in order, synchronously. */
  advance(ms: number): void;
  /** Sets the wall clock (Date) to this instant; timers and performance.now() are not affected. */
  set(epochMs: number | Date): void;
}

declare var clock: SandboxClock;

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
