// Stored format: scrypt$N$r$p$<salt hex>$<hash hex>
const N = 16384; // 2^14: about 16 MiB and tens of milliseconds per guess
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export function hashPassword(password: string): string {
  // A fresh random salt per password: equal passwords get different hashes, and precomputed
  // tables are useless.
  const salt = new Uint8Array(SALT_BYTES).map(() => Math.floor(Math.random() * 256));
  const hash = crypto.scryptSync(password, salt, KEY_BYTES, { N, r: R, p: P });
  return ["scrypt", N, R, P, salt.toHex(), hash.toHex()].join("$");
}

const HEX = /^(?:[0-9a-f]{2})+$/;
const DIGITS = /^[1-9]\d*$/;

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltHex, hashHex] = parts as [string, string, string, string, string, string];
  if (!DIGITS.test(n) || !DIGITS.test(r) || !DIGITS.test(p) || !HEX.test(saltHex) || !HEX.test(hashHex)) return false;
  const expected = Uint8Array.fromHex(hashHex);
  if (expected.length !== KEY_BYTES) return false; // a shortened hash is a weaker check
  let actual: Uint8Array;
  try {
    // Use the parameters stored with the hash, so old hashes keep working after N is raised.
    actual = crypto.scryptSync(password, Uint8Array.fromHex(saltHex), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
    });
  } catch {
    return false; // N not a power of two, too much memory, key too long...
  }
  // Same length by construction; timingSafeEqual looks at every byte whatever the first mismatch.
  return crypto.timingSafeEqual(actual, expected);
}
