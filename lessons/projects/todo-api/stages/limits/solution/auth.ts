// Stored password format: scrypt$N$r$p$<salt hex>$<hash hex>
export const DEFAULT_SCRYPT_N = 16384; // 2^14: about 16 MiB and tens of milliseconds per guess
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Hashes a password with scrypt and a fresh random salt. */
export function hashPassword(password: string, N: number = DEFAULT_SCRYPT_N): string {
  const salt = crypto.randomBytes(SALT_BYTES);
  const hash = crypto.scryptSync(password, salt, KEY_BYTES, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toHex(), hash.toHex()].join("$");
}

const HEX = /^(?:[0-9a-f]{2})+$/;
const DIGITS = /^[1-9]\d*$/;

/** True when `password` is the one `stored` was made from. */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltHex, hashHex] = parts as [string, string, string, string, string, string];
  if (!DIGITS.test(n) || !DIGITS.test(r) || !DIGITS.test(p) || !HEX.test(saltHex) || !HEX.test(hashHex)) return false;
  const expected = Uint8Array.fromHex(hashHex);
  let actual: Uint8Array;
  try {
    actual = crypto.scryptSync(password, Uint8Array.fromHex(saltHex), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  } catch {
    return false;
  }
  // Same length by construction; every byte is compared whatever the first mismatch.
  return crypto.timingSafeEqual(actual, expected);
}

/** A bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return crypto.randomBytes(32).toBase64({ alphabet: "base64url", omitPadding: true });
}

/** What the store keeps instead of the token: a leaked store holds no usable session. */
export function hashToken(token: string): string {
  return crypto.hash("sha256", token);
}
