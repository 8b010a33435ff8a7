/**
 * UTF-8 TextEncoder/TextDecoder (the Encoding Standard's UTF-8 parts), atob/btoa (forgiving
 * base64), and the ES2026 Uint8Array base64/hex methods (toBase64, fromBase64, toHex, fromHex).
 */
import { domError } from "./dom-exception.ts";

const fromCharCode = String.fromCharCode;

/** Encodes a string as UTF-8; lone surrogates become U+FFFD, as USVString conversion says. */
export function utf8Encode(input: string): Uint8Array {
  const out = new Uint8Array(input.length * 3);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < input.length ? input.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 0x3f);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** Copies any BufferSource into a fresh Uint8Array view over the same bytes (no copy). */
export function toByteView(input: unknown, what = "argument"): Uint8Array {
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError(`${what} must be an ArrayBuffer or an ArrayBuffer view (e.g. Uint8Array)`);
}

function codeUnitsToString(units: number[]): string {
  let s = "";
  for (let i = 0; i < units.length; i += 8192) s += fromCharCode.apply(null, units.slice(i, i + 8192));
  return s;
}

export class TextEncoder {
  get encoding(): string {
    return "utf-8";
  }
  encode(input: string = ""): Uint8Array {
    return utf8Encode(String(input));
  }
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number } {
    if (!(destination instanceof Uint8Array))
      throw new TypeError("encodeInto: destination must be a Uint8Array");
    const s = String(source);
    let read = 0;
    let written = 0;
    for (let i = 0; i < s.length;) {
      const c = s.codePointAt(i)!;
      const units = c > 0xffff ? 2 : 1;
      const bytes = utf8Encode(s.slice(i, i + units));
      if (written + bytes.length > destination.length) break;
      destination.set(bytes, written);
      written += bytes.length;
      read += units;
      i += units;
    }
    return { read, written };
  }
  get [Symbol.toStringTag](): string {
    return "TextEncoder";
  }
}

const UTF8_LABELS = [
  "utf-8",
  "utf8",
  "unicode-1-1-utf-8",
  "unicode11utf8",
  "unicode20utf8",
  "x-unicode20utf8",
];

export class TextDecoder {
  #fatal: boolean;
  #ignoreBOM: boolean;
  // Decoder state carried between decode(…, { stream: true }) calls.
  #codePoint = 0;
  #bytesSeen = 0;
  #bytesNeeded = 0;
  #lower = 0x80;
  #upper = 0xbf;
  #bomChecked = false;

  constructor(label: string = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const normalized = String(label).trim().toLowerCase();
    if (!UTF8_LABELS.includes(normalized)) {
      throw new RangeError(`TextDecoder: the encoding "${label}" is not supported here (only utf-8)`);
    }
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
  }
  get encoding(): string {
    return "utf-8";
  }
  get fatal(): boolean {
    return this.#fatal;
  }
  get ignoreBOM(): boolean {
    return this.#ignoreBOM;
  }

  decode(input?: unknown, options: { stream?: boolean } = {}): string {
    const bytes =
      input === undefined || input === null ? new Uint8Array(0) : toByteView(input, "decode: input");
    const stream = Boolean(options?.stream);
    const units: number[] = [];
    const fail = (): void => {
      this.#bomChecked = true;
      if (this.#fatal) {
        this.#reset();
        throw new TypeError("TextDecoder: the data is not valid UTF-8");
      }
      units.push(0xfffd);
    };
    const emit = (cp: number): void => {
      if (!this.#bomChecked) {
        this.#bomChecked = true;
        if (cp === 0xfeff && !this.#ignoreBOM) return;
      }
      if (cp > 0xffff) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
    };
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (this.#bytesNeeded === 0) {
        if (byte <= 0x7f) emit(byte);
        else if (byte >= 0xc2 && byte <= 0xdf) {
          this.#bytesNeeded = 1;
          this.#codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.#lower = 0xa0;
          if (byte === 0xed) this.#upper = 0x9f;
          this.#bytesNeeded = 2;
          this.#codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.#lower = 0x90;
          if (byte === 0xf4) this.#upper = 0x8f;
          this.#bytesNeeded = 3;
          this.#codePoint = byte & 0x7;
        } else {
          fail();
        }
        continue;
      }
      if (byte < this.#lower || byte > this.#upper) {
        this.#codePoint = this.#bytesNeeded = this.#bytesSeen = 0;
        this.#lower = 0x80;
        this.#upper = 0xbf;
        fail();
        i--; // the byte starts over as the first byte of the next sequence
        continue;
      }
      this.#lower = 0x80;
      this.#upper = 0xbf;
      this.#codePoint = (this.#codePoint << 6) | (byte & 0x3f);
      this.#bytesSeen++;
      if (this.#bytesSeen === this.#bytesNeeded) {
        const cp = this.#codePoint;
        this.#codePoint = this.#bytesNeeded = this.#bytesSeen = 0;
        emit(cp);
      }
    }
    if (!stream) {
      if (this.#bytesNeeded !== 0) {
        this.#reset();
        fail();
      }
      this.#reset();
    }
    return codeUnitsToString(units);
  }

  #reset(): void {
    this.#codePoint = this.#bytesNeeded = this.#bytesSeen = 0;
    this.#lower = 0x80;
    this.#upper = 0xbf;
    this.#bomChecked = false;
  }

  get [Symbol.toStringTag](): string {
    return "TextDecoder";
  }
}

const decoderForHelpers = new TextDecoder();
export function utf8Decode(bytes: Uint8Array): string {
  return decoderForHelpers.decode(bytes);
}

// --- base64 -------------------------------------------------------------------------------------

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_VALUES = new Int16Array(128).fill(-1);
const B64URL_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  B64_VALUES[B64.charCodeAt(i)] = i;
  B64URL_VALUES[B64URL.charCodeAt(i)] = i;
}

export function bytesToBase64(
  bytes: Uint8Array,
  alphabet: "base64" | "base64url" = "base64",
  pad = true,
): string {
  const table = alphabet === "base64url" ? B64URL : B64;
  let s = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += table[n >> 18]! + table[(n >> 12) & 63]! + table[(n >> 6) & 63]! + table[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    s += table[n >> 18]! + table[(n >> 12) & 63]! + (pad ? "==" : "");
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += table[n >> 18]! + table[(n >> 12) & 63]! + table[(n >> 6) & 63]! + (pad ? "=" : "");
  }
  return s;
}

/**
 * Decodes base64 or base64url, ignoring ASCII whitespace; padding optional. Returns null when the
 * input is not valid, so each caller raises its own kind of error.
 */
export function base64ToBytes(
  input: string,
  alphabet: "base64" | "base64url" = "base64",
  strictPadding = false,
): Uint8Array | null {
  const values = alphabet === "base64url" ? B64URL_VALUES : B64_VALUES;
  let s = input.replace(/[\t\n\f\r ]/g, "");
  if (s.length % 4 === 0 && s.endsWith("=")) s = s.slice(0, s.endsWith("==") ? -2 : -1);
  else if (strictPadding && s.length % 4 !== 0) return null;
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array((s.length * 3) >> 2);
  let buffer = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? values[code]! : -1;
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, as the forgiving-base64 decode and Uint8Array.fromBase64 demand.
  if (bits > 0 && (buffer & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, n);
}

export function btoa(data: string): string {
  if (arguments.length === 0) throw new TypeError("btoa: 1 argument required");
  const s = String(data);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) {
      throw domError(
        "InvalidCharacterError",
        "btoa: the string contains characters outside Latin-1; encode it first, e.g. new TextEncoder().encode(text).toBase64()",
      );
    }
    bytes[i] = c;
  }
  return bytesToBase64(bytes);
}

export function atob(data: string): string {
  if (arguments.length === 0) throw new TypeError("atob: 1 argument required");
  const bytes = base64ToBytes(String(data));
  if (bytes === null) throw domError("InvalidCharacterError", "atob: the string is not valid base64");
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192)
    s += fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  return s;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (bytes[i]! < 16 ? "0" : "") + bytes[i]!.toString(16);
  return s;
}

export function hexToBytes(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Installs the ES2026 Uint8Array base64/hex methods where the engine lacks them. */
export function installUint8ArrayEncodings(): void {
  const U8 = Uint8Array as unknown as Record<string, unknown>;
  const proto = Uint8Array.prototype as unknown as Record<string, unknown>;
  const define = (target: object, name: string, value: unknown): void => {
    if (!Object.prototype.hasOwnProperty.call(target, name)) {
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
    }
  };
  const readAlphabet = (options: unknown): "base64" | "base64url" => {
    const alphabet = (options as { alphabet?: unknown } | undefined)?.alphabet ?? "base64";
    if (alphabet !== "base64" && alphabet !== "base64url")
      throw new TypeError('alphabet must be "base64" or "base64url"');
    return alphabet;
  };
  const thisBytes = (self: unknown): Uint8Array => {
    if (!(self instanceof Uint8Array)) throw new TypeError("this is not a Uint8Array");
    return self;
  };
  define(
    proto,
    "toBase64",
    {
      toBase64(
        this: Uint8Array,
        options?: { alphabet?: "base64" | "base64url"; omitPadding?: boolean },
      ): string {
        return bytesToBase64(thisBytes(this), readAlphabet(options), !options?.omitPadding);
      },
    }.toBase64,
  );
  define(
    proto,
    "toHex",
    {
      toHex(this: Uint8Array): string {
        return bytesToHex(thisBytes(this));
      },
    }.toHex,
  );
  define(
    U8,
    "fromBase64",
    {
      fromBase64(input: string, options?: { alphabet?: "base64" | "base64url" }): Uint8Array {
        if (typeof input !== "string") throw new TypeError("Uint8Array.fromBase64: input must be a string");
        const bytes = base64ToBytes(input, readAlphabet(options));
        if (bytes === null) throw new SyntaxError("Uint8Array.fromBase64: the string is not valid base64");
        return bytes.slice();
      },
    }.fromBase64,
  );
  define(
    U8,
    "fromHex",
    {
      fromHex(input: string): Uint8Array {
        if (typeof input !== "string") throw new TypeError("Uint8Array.fromHex: input must be a string");
        const bytes = hexToBytes(input);
        if (bytes === null) throw new SyntaxError("Uint8Array.fromHex: the string is not valid hex");
        return bytes;
      },
    }.fromHex,
  );
}
