// Stage 2: passwords and tokens. Stored password format: scrypt$N$r$p$<salt hex>$<hash hex>
export const DEFAULT_SCRYPT_N = 16384; // 2^14: about 16 MiB and tens of milliseconds per guess

/** Hashes a password with scrypt (N, r = 8, p = 1, a 32-byte key) and a fresh 16-byte random salt. */
export function hashPassword(password: string, N: number = DEFAULT_SCRYPT_N): string {
  // TODO (stage 2)
  void password;
  void N;
  return "";
}

/** True when `password` is the one `stored` was made from. */
export function verifyPassword(password: string, stored: string): boolean {
  // TODO (stage 2): recompute with the stored salt and parameters, compare with crypto.timingSafeEqual.
  void password;
  void stored;
  return false;
}

/** A bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  // TODO (stage 2)
  return "";
}

/** What the store keeps instead of the token itself. */
export function hashToken(token: string): string {
  // TODO (stage 2): SHA-256 of the token, hex.
  return token;
}
