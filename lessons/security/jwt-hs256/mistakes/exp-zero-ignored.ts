// HS256 JSON Web Tokens: header.payload.signature, each part base64url without padding.
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

const HEADER = '{"alg":"HS256","typ":"JWT"}';
const B64URL = /^[A-Za-z0-9_-]*$/;

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function encodePart(json: string): string {
  return new TextEncoder().encode(json).toBase64({ alphabet: "base64url", omitPadding: true });
}

function hmac(signingInput: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(signingInput).digest("base64url");
}

/** The JSON object in one base64url part, or null for anything else. */
function decodeObject(part: string): JwtPayload | null {
  if (part === "" || !B64URL.test(part)) return null;
  try {
    const bytes = Uint8Array.fromBase64(part, { alphabet: "base64url" });
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    return value as JwtPayload;
  } catch {
    return null; // bad base64url length, invalid UTF-8, invalid JSON
  }
}

export function signJwt(payload: JwtPayload, secret: string, options: { expiresIn?: number; now?: number } = {}): string {
  const claims = options.expiresIn === undefined
    ? payload
    : { ...payload, exp: (options.now ?? nowInSeconds()) + options.expiresIn };
  const signingInput = `${encodePart(HEADER)}.${encodePart(JSON.stringify(claims))}`;
  return `${signingInput}.${hmac(signingInput, secret)}`;
}

export function verifyJwt(token: string, secret: string, options: VerifyOptions = {}): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  if (!B64URL.test(signaturePart)) return { ok: false, reason: "malformed" };

  const header = decodeObject(headerPart);
  if (header === null) return { ok: false, reason: "malformed" };
  // Pin the algorithm: the header is attacker-controlled, so it never chooses how we verify.
  if (header.alg !== "HS256") return { ok: false, reason: "alg_not_allowed" };

  // Sign the bytes exactly as received; re-encoding the parsed JSON would sign something else.
  const expected = new TextEncoder().encode(hmac(`${headerPart}.${payloadPart}`, secret));
  const actual = new TextEncoder().encode(signaturePart);
  if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) {
    return { ok: false, reason: "bad_signature" };
  }

  const payload = decodeObject(payloadPart);
  if (payload === null) return { ok: false, reason: "malformed" };
  const { exp, nbf } = payload;
  if (exp !== undefined && (typeof exp !== "number" || !Number.isFinite(exp))) return { ok: false, reason: "malformed" };
  if (nbf !== undefined && (typeof nbf !== "number" || !Number.isFinite(nbf))) return { ok: false, reason: "malformed" };

  const now = options.now ?? nowInSeconds();
  if (exp && now >= exp) return { ok: false, reason: "expired" };
  if (nbf !== undefined && now < nbf) return { ok: false, reason: "not_yet_valid" };
  // A token we signed for another service, or that another issuer sharing the key signed, is
  // still validly signed: check who issued it and whom it is for (RFC 8725, sections 3.8-3.9).
  if (options.issuer !== undefined && payload.iss !== options.issuer) return { ok: false, reason: "wrong_issuer" };
  if (options.audience !== undefined) {
    const aud = payload.aud;
    const forUs = aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience));
    if (!forUs) return { ok: false, reason: "wrong_audience" };
  }
  return { ok: true, payload };
}
