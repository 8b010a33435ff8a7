// HS256 JSON Web Tokens: <header>.<payload>.<signature>, each part base64url without "=" padding.
//
// Tools in the sandbox: new TextEncoder().encode(text), new TextDecoder("utf-8", { fatal: true }),
// bytes.toBase64({ alphabet: "base64url", omitPadding: true }),
// Uint8Array.fromBase64(text, { alphabet: "base64url" }),
// crypto.createHmac("sha256", secret).update(text).digest("base64url"),
// crypto.timingSafeEqual(a, b) (same-length bytes), Date.now() (milliseconds).

export type JwtPayload = Record<string, unknown>;

export type VerifyResult =
  | { ok: true; payload: JwtPayload }
  | {
      ok: false;
      reason: "malformed" | "bad_signature" | "alg_not_allowed" | "expired" | "not_yet_valid" | "wrong_issuer" | "wrong_audience";
    };

export interface VerifyOptions {
  /** The current time in seconds; defaults to the clock. */
  now?: number;
  /** When given, the token's `iss` must be exactly this string. */
  issuer?: string;
  /** When given, the token's `aud` must be this string, or an array that contains it. */
  audience?: string;
}

export function signJwt(payload: JwtPayload, secret: string, options: { expiresIn?: number; now?: number } = {}): string {
  // TODO: header and payload as base64url JSON, then the HMAC-SHA256 signature of "<header>.<payload>".
  return "";
}

export function verifyJwt(token: string, secret: string, options: VerifyOptions = {}): VerifyResult {
  // TODO: check the shape, the algorithm, the signature, then exp and nbf, then iss and aud.
  return { ok: false, reason: "malformed" };
}
