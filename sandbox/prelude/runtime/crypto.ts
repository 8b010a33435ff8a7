/**
 * `crypto`: the web's getRandomValues/randomUUID plus a synchronous subset of node:crypto
 * (createHash, createHmac, hash, pbkdf2Sync, scryptSync, hkdfSync, timingSafeEqual, randomBytes,
 * randomInt), so what learners write here carries over to real Node code. Byte results are
 * Uint8Array where Node returns a Buffer. The algorithms come from @noble/hashes (audited, MIT).
 *
 * Randomness: HMAC-DRBG (NIST SP 800-90A) over SHA-256, seeded once per submission with 32 bytes
 * from the host's CSPRNG. crypto.subtle is deliberately absent: it is async and large.
 */
import { sha1, md5 } from "@noble/hashes/legacy.js";
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { hmac } from "@noble/hashes/hmac.js";
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { scrypt } from "@noble/hashes/scrypt.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import type { CHash } from "@noble/hashes/utils.js";
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes, utf8Encode } from "./encoding.ts";
import { domError } from "./dom-exception.ts";

type NobleHash = CHash;

const HASHES: Record<string, NobleHash> = { md5, sha1, sha224, sha256, sha384, sha512 };

function getHash(algorithm: unknown, what: string): NobleHash {
  const key = String(algorithm).toLowerCase().replace("-", "");
  const hash = Object.prototype.hasOwnProperty.call(HASHES, key) ? HASHES[key] : undefined;
  if (!hash) {
    throw new TypeError(
      `${what}: unknown digest "${String(algorithm)}" (use one of ${Object.keys(HASHES).join(", ")})`,
    );
  }
  return hash;
}

type Encoding = "utf8" | "utf-8" | "hex" | "base64" | "base64url" | "latin1" | "binary";

/** Strings (in the given encoding, UTF-8 by default) and BufferSources to bytes. */
function toBytes(data: unknown, what: string, encoding?: unknown): Uint8Array {
  if (typeof data === "string") {
    switch (encoding === undefined ? "utf8" : String(encoding).toLowerCase()) {
      case "utf8":
      case "utf-8":
        return utf8Encode(data);
      case "hex": {
        const bytes = hexToBytes(data);
        if (bytes === null) throw new TypeError(`${what}: the string is not valid hex`);
        return bytes;
      }
      case "base64":
      case "base64url": {
        const bytes = base64ToBytes(data.replace(/-/g, "+").replace(/_/g, "/"));
        if (bytes === null) throw new TypeError(`${what}: the string is not valid base64`);
        return bytes;
      }
      case "latin1":
      case "binary": {
        const bytes = new Uint8Array(data.length);
        for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i) & 0xff;
        return bytes;
      }
      default:
        throw new TypeError(`${what}: unknown encoding "${String(encoding)}"`);
    }
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError(
    `${what}: expected a string, a Uint8Array or an ArrayBuffer, got ${data === null ? "null" : typeof data}`,
  );
}

function encodeOutput(bytes: Uint8Array, encoding: unknown, what: string): Uint8Array | string {
  if (encoding === undefined || encoding === "buffer") return bytes;
  switch (String(encoding).toLowerCase()) {
    case "hex":
      return bytesToHex(bytes);
    case "base64":
      return bytesToBase64(bytes);
    case "base64url":
      return bytesToBase64(bytes, "base64url", false);
    case "latin1":
    case "binary":
      return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
    default:
      throw new TypeError(
        `${what}: unknown output encoding "${String(encoding)}" (use "hex", "base64" or "base64url")`,
      );
  }
}

// --- HMAC-DRBG ------------------------------------------------------------------------------------

/** NIST SP 800-90A HMAC_DRBG with SHA-256, no prediction resistance (no entropy after the seed). */
export function createDrbg(seed: Uint8Array, personalization: Uint8Array): (n: number) => Uint8Array {
  let k = new Uint8Array(32);
  let v = new Uint8Array(32).fill(1);
  const update = (provided: Uint8Array | null): void => {
    const join = (byte: number): Uint8Array => {
      const data = new Uint8Array(32 + 1 + (provided?.length ?? 0));
      data.set(v, 0);
      data[32] = byte;
      if (provided) data.set(provided, 33);
      return data;
    };
    k = hmac(sha256, k, join(0x00));
    v = hmac(sha256, k, v);
    if (provided && provided.length > 0) {
      k = hmac(sha256, k, join(0x01));
      v = hmac(sha256, k, v);
    }
  };
  const material = new Uint8Array(seed.length + personalization.length);
  material.set(seed, 0);
  material.set(personalization, seed.length);
  // Instantiated on first use: a run that never asks for randomness skips the four HMACs.
  let instantiated = false;
  return (n: number): Uint8Array => {
    if (!instantiated) {
      instantiated = true;
      update(material);
    }
    const out = new Uint8Array(n);
    for (let pos = 0; pos < n; pos += 32) {
      v = hmac(sha256, k, v);
      out.set(v.subarray(0, Math.min(32, n - pos)), pos);
    }
    update(null);
    return out;
  };
}

// --- the crypto object ----------------------------------------------------------------------------

interface HashObject {
  update(data: unknown, inputEncoding?: Encoding): HashObject;
  digest(encoding?: string): Uint8Array | string;
}

// Why: scrypt's memory is 128*N*r bytes of ArrayBuffers; keep one call well inside the isolate's heap.
const SCRYPT_MAX_MAXMEM = 64 * 1024 * 1024;
const RANDOM_BYTES_MAX = 1024 * 1024;

export function createCrypto(randomBytesFrom: (n: number) => Uint8Array): object {
  const INTEGER_ARRAYS = [
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    BigInt64Array,
    BigUint64Array,
  ];

  function makeHashObject(what: string, start: () => ReturnType<NobleHash["create"]>): HashObject {
    const state = start();
    let done = false;
    const object: HashObject = {
      update(data, inputEncoding) {
        if (done) throw new Error(`${what}: digest() was already called; create a new one`);
        state.update(toBytes(data, `${what}.update`, inputEncoding));
        return object;
      },
      digest(encoding) {
        if (done) throw new Error(`${what}: digest() was already called; create a new one`);
        done = true;
        return encodeOutput(state.digest(), encoding, `${what}.digest`);
      },
    };
    return object;
  }

  const crypto = {
    /** Fills an integer typed array with random values (at most 65 536 bytes), and returns it. */
    getRandomValues<T extends ArrayBufferView>(array: T): T {
      if (!INTEGER_ARRAYS.some((Type) => array instanceof Type)) {
        throw domError(
          "TypeMismatchError",
          "crypto.getRandomValues: the argument must be an integer typed array, e.g. a Uint8Array",
        );
      }
      if (array.byteLength > 65536) {
        throw domError(
          "QuotaExceededError",
          `crypto.getRandomValues: ${array.byteLength} bytes requested, at most 65536 allowed`,
        );
      }
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytesFrom(array.byteLength));
      return array;
    },

    /** A random version 4 UUID, e.g. "3b241101-e2bb-4255-8caf-4136c566a962". */
    randomUUID(): string {
      const b = randomBytesFrom(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const hex = bytesToHex(b);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },

    /** `size` random bytes. */
    randomBytes(size: number): Uint8Array {
      if (!Number.isInteger(size) || size < 0 || size > RANDOM_BYTES_MAX) {
        throw new RangeError(`crypto.randomBytes: size must be an integer from 0 to ${RANDOM_BYTES_MAX}`);
      }
      return randomBytesFrom(size);
    },

    /** A uniform random integer with min <= n < max; randomInt(max) means min = 0. */
    randomInt(min: number, max?: number): number {
      if (max === undefined) {
        max = min;
        min = 0;
      }
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max <= min || max - min > 2 ** 48) {
        throw new RangeError(
          "crypto.randomInt: min and max must be safe integers with min < max and max - min <= 2^48",
        );
      }
      const range = max - min;
      const limit = 2 ** 48 - (2 ** 48 % range); // rejection sampling keeps the result unbiased
      for (;;) {
        const b = randomBytesFrom(6);
        const n =
          b[0]! * 2 ** 40 + b[1]! * 2 ** 32 + b[2]! * 2 ** 24 + b[3]! * 2 ** 16 + b[4]! * 2 ** 8 + b[5]!;
        if (n < limit) return min + (n % range);
      }
    },

    /** One-shot digest, as node:crypto's hash(): hex by default; "buffer" gives a Uint8Array. */
    hash(algorithm: string, data: unknown, outputEncoding: string = "hex"): Uint8Array | string {
      return encodeOutput(
        getHash(algorithm, "crypto.hash")(toBytes(data, "crypto.hash")),
        outputEncoding,
        "crypto.hash",
      );
    },

    /** Incremental hash: createHash("sha256").update(data).digest("hex"). */
    createHash(algorithm: string): HashObject {
      const hash = getHash(algorithm, "crypto.createHash");
      return makeHashObject("Hash", () => hash.create());
    },

    /** HMAC: createHmac("sha256", key).update(data).digest("base64url"). */
    createHmac(algorithm: string, key: unknown): HashObject {
      const hash = getHash(algorithm, "crypto.createHmac");
      const keyBytes = toBytes(key, "crypto.createHmac (key)");
      return makeHashObject("Hmac", () => hmac.create(hash, keyBytes));
    },

    /** PBKDF2-HMAC, as node:crypto's pbkdf2Sync(password, salt, iterations, keylen, digest). */
    pbkdf2Sync(
      password: unknown,
      salt: unknown,
      iterations: number,
      keylen: number,
      digest: string,
    ): Uint8Array {
      const hash = getHash(digest, "crypto.pbkdf2Sync");
      if (!Number.isInteger(iterations) || iterations < 1)
        throw new RangeError("crypto.pbkdf2Sync: iterations must be an integer >= 1");
      if (!Number.isInteger(keylen) || keylen < 1 || keylen > 1024)
        throw new RangeError("crypto.pbkdf2Sync: keylen must be an integer from 1 to 1024");
      return pbkdf2(
        hash,
        toBytes(password, "crypto.pbkdf2Sync (password)"),
        toBytes(salt, "crypto.pbkdf2Sync (salt)"),
        { c: iterations, dkLen: keylen },
      );
    },

    /**
     * scrypt, as node:crypto's scryptSync(password, salt, keylen, { N, r, p, maxmem }).
     * Defaults N=16384, r=8, p=1 (16 MiB); maxmem defaults to 32 MiB and is capped at 64 MiB here.
     */
    scryptSync(
      password: unknown,
      salt: unknown,
      keylen: number,
      options: Record<string, number> = {},
    ): Uint8Array {
      const N = options.N ?? options.cost ?? 16384;
      const r = options.r ?? options.blockSize ?? 8;
      const p = options.p ?? options.parallelization ?? 1;
      const maxmem = options.maxmem ?? 32 * 1024 * 1024;
      if (!Number.isInteger(keylen) || keylen < 1 || keylen > 1024)
        throw new RangeError("crypto.scryptSync: keylen must be an integer from 1 to 1024");
      if (maxmem > SCRYPT_MAX_MAXMEM)
        throw new RangeError(
          `crypto.scryptSync: maxmem is capped at ${SCRYPT_MAX_MAXMEM} bytes in the sandbox`,
        );
      if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0)
        throw new RangeError("crypto.scryptSync: N must be a power of 2 greater than 1");
      if (!Number.isInteger(r) || r < 1 || !Number.isInteger(p) || p < 1)
        throw new RangeError("crypto.scryptSync: r and p must be integers >= 1");
      if (128 * N * r > maxmem) {
        throw new RangeError(
          `crypto.scryptSync: memory limit exceeded (128 * N * r = ${128 * N * r} bytes > maxmem ${maxmem})`,
        );
      }
      return scrypt(
        toBytes(password, "crypto.scryptSync (password)"),
        toBytes(salt, "crypto.scryptSync (salt)"),
        {
          N,
          r,
          p,
          dkLen: keylen,
          maxmem: SCRYPT_MAX_MAXMEM + 128 * r * (p + 2),
        },
      );
    },

    /** HKDF, as node:crypto's hkdfSync(digest, ikm, salt, info, keylen): returns an ArrayBuffer. */
    hkdfSync(digest: string, ikm: unknown, salt: unknown, info: unknown, keylen: number): ArrayBuffer {
      const hash = getHash(digest, "crypto.hkdfSync");
      if (!Number.isInteger(keylen) || keylen < 1 || keylen > 255 * hash.outputLen) {
        throw new RangeError(`crypto.hkdfSync: keylen must be an integer from 1 to ${255 * hash.outputLen}`);
      }
      const out = hkdf(
        hash,
        toBytes(ikm, "crypto.hkdfSync (ikm)"),
        toBytes(salt, "crypto.hkdfSync (salt)"),
        toBytes(info, "crypto.hkdfSync (info)"),
        keylen,
      );
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
    },

    /**
     * Compares two byte sequences in time that depends only on their length, as node:crypto's
     * timingSafeEqual: inputs of different lengths throw a RangeError.
     */
    timingSafeEqual(a: unknown, b: unknown): boolean {
      if (typeof a === "string" || typeof b === "string") {
        throw new TypeError(
          "crypto.timingSafeEqual: compare bytes, not strings (e.g. new TextEncoder().encode(s))",
        );
      }
      const x = toBytes(a, "crypto.timingSafeEqual");
      const y = toBytes(b, "crypto.timingSafeEqual");
      if (x.length !== y.length)
        throw new RangeError("crypto.timingSafeEqual: input buffers must have the same byte length");
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
      return diff === 0;
    },

    get subtle(): never {
      throw new TypeError(
        "crypto.subtle is not available in the sandbox: use crypto.hash, crypto.createHmac, crypto.scryptSync, crypto.pbkdf2Sync or crypto.hkdfSync",
      );
    },

    get [Symbol.toStringTag](): string {
      return "Crypto";
    },
  };
  // Methods are non-enumerable, as on the web's Crypto object; the object itself stays extensible.
  for (const key of Reflect.ownKeys(crypto)) {
    Object.defineProperty(crypto, key, { enumerable: false });
  }
  return crypto;
}
