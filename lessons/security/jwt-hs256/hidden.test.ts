import { signJwt, verifyJwt, type VerifyResult } from "./solution";

const SECRET = "s3cr3t-k3y";
const HEADER = '{"alg":"HS256","typ":"JWT"}';

/** base64url without padding of the UTF-8 bytes of `text`. */
function b64url(text: string): string {
  return new TextEncoder().encode(text).toBase64({ alphabet: "base64url", omitPadding: true });
}

/** A token built from raw JSON text, signed over exactly these bytes (HMAC with `digest`). */
function forge(headerJson: string, payloadJson: string, secret = SECRET, digest: "sha256" | "sha512" = "sha256"): string {
  const input = `${b64url(headerJson)}.${b64url(payloadJson)}`;
  return `${input}.${crypto.createHmac(digest, secret).update(input).digest("base64url")}`;
}

/** verifyJwt, turning a throw into a failure that says what was sent. */
function verify(token: string, options?: { now?: number }, secret = SECRET): VerifyResult {
  try {
    return options === undefined ? verifyJwt(token, secret) : verifyJwt(token, secret, options);
  } catch (error) {
    throw new Error(`verifyJwt(${JSON.stringify(token)}) threw ${String(error)}: it must return { ok: false, reason } instead`);
  }
}

function decodePart(part: string): unknown {
  return JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(part, { alphabet: "base64url" })));
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe("signJwt", () => {
  test('{ sub: "42", name: "Ada Lovelace", admin: true } → the known token (no "=" where base64 would pad)', () => {
    expect(signJwt({ sub: "42", name: "Ada Lovelace", admin: true }, SECRET)).toBe(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBZGEgTG92ZWxhY2UiLCJhZG1pbiI6dHJ1ZX0.OwSn2bhmdF6xOUp1s1T9LzbYrysb9_w3oOQzgl483vE",
    );
  });

  test('a non-ASCII name ("José 🔑") is encoded as UTF-8 → the known token', () => {
    expect(signJwt({ sub: "7", name: "José 🔑", exp: 1767225660 }, SECRET)).toBe(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3IiwibmFtZSI6Ikpvc8OpIPCflJEiLCJleHAiOjE3NjcyMjU2NjB9.0HuadGkSOFncNpQuIJhFqB228yvL5fNWVu3UMKNGUU8",
    );
  });

  test('{ q: "???>>>" } (whose base64 has "/", "+" and "=") → only base64url characters: "-" and "_", no "="', () => {
    const token = signJwt({ q: "???>>>" }, SECRET);
    expect(token).toBe(forge(HEADER, '{"q":"???>>>"}'));
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  test("payloads of every length mod 3 → never any \"=\", \"+\" or \"/\" in the token", () => {
    for (const name of ["", "a", "ab", "abc", "~~~~", "?>?>?", "ÿÿÿÿÿÿ"]) {
      const token = signJwt({ name }, SECRET);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
  });

  test('options { expiresIn: 60, now: 1000 } → payload gets exp 1060 and keeps its claims; the input is not modified', () => {
    const input = { sub: "42" };
    const token = signJwt(input, SECRET, { expiresIn: 60, now: 1000 });
    expect(decodePart(token.split(".")[1] ?? "")).toEqual({ sub: "42", exp: 1060 });
    expect(input).toEqual({ sub: "42" });
  });

  test("options { expiresIn: 60 } without now → exp is Date.now() in SECONDS plus 60", () => {
    const token = signJwt({ sub: "42" }, SECRET, { expiresIn: 60 });
    expect(decodePart(token.split(".")[1] ?? "")).toEqual({ sub: "42", exp: nowSeconds() + 60 });
  });
});

describe("verifyJwt accepts valid tokens, checking the bytes that were sent", () => {
  test("a token made by another library with the header keys in another order ({\"typ\":\"JWT\",\"alg\":\"HS256\"}) → ok", () => {
    const token = forge('{"typ":"JWT","alg":"HS256"}', '{"sub":"42"}');
    expect(verify(token)).toEqual({ ok: true, payload: { sub: "42" } });
  });

  test('a header with spaces ({ "alg": "HS256", "typ": "JWT" }) → ok: sign the header part as received, do not re-encode it', () => {
    const token = forge('{ "alg": "HS256", "typ": "JWT" }', '{"sub":"42"}');
    expect(verify(token)).toEqual({ ok: true, payload: { sub: "42" } });
  });

  test('a payload with spaces ({ "sub": "42", "admin": false }) → ok with that payload', () => {
    const token = forge(HEADER, '{ "sub": "42", "admin": false }');
    expect(verify(token)).toEqual({ ok: true, payload: { sub: "42", admin: false } });
  });

  test('a header without typ ({"alg":"HS256"}) → ok', () => {
    expect(verify(forge('{"alg":"HS256"}', '{"sub":"42"}'))).toEqual({ ok: true, payload: { sub: "42" } });
  });

  test('a payload whose base64url contains "-" and "_" ({"q":"???>>>"}) → ok (decode base64url, not base64)', () => {
    expect(verify(forge(HEADER, '{"q":"???>>>"}'))).toEqual({ ok: true, payload: { q: "???>>>" } });
  });

  test("a non-ASCII payload round-trips through signJwt and verifyJwt", () => {
    const payload = { sub: "7", name: "Zoë Ñúñez 🔑" };
    expect(verify(signJwt(payload, SECRET))).toEqual({ ok: true, payload });
  });
});

describe("verifyJwt pins the algorithm to HS256", () => {
  test('header {"alg":"none"} with an empty signature → alg_not_allowed', () => {
    const token = `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url('{"sub":"42","admin":true}')}.`;
    expect(verify(token)).toEqual({ ok: false, reason: "alg_not_allowed" });
  });

  test('header {"alg":"none"} carrying a valid HMAC-SHA256 signature → alg_not_allowed', () => {
    expect(verify(forge('{"alg":"none","typ":"JWT"}', '{"sub":"42"}'))).toEqual({ ok: false, reason: "alg_not_allowed" });
  });

  test('header {"alg":"None"}, {"alg":"NONE"} or {"alg":"hs256"} (spelled differently) → alg_not_allowed', () => {
    for (const alg of ["None", "NONE", "hs256"]) {
      const token = `${b64url(`{"alg":"${alg}"}`)}.${b64url('{"sub":"42"}')}.`;
      expect(verify(token)).toEqual({ ok: false, reason: "alg_not_allowed" });
    }
  });

  test('header {"alg":"HS512"} signed with HMAC-SHA512 and the right secret → alg_not_allowed', () => {
    expect(verify(forge('{"alg":"HS512","typ":"JWT"}', '{"sub":"42"}', SECRET, "sha512"))).toEqual({
      ok: false,
      reason: "alg_not_allowed",
    });
  });

  test('header {"alg":"RS256"} (algorithm confusion) → alg_not_allowed', () => {
    expect(verify(forge('{"alg":"RS256","typ":"JWT"}', '{"sub":"42"}'))).toEqual({ ok: false, reason: "alg_not_allowed" });
  });

  test('a header with no alg ({"typ":"JWT"}) → alg_not_allowed', () => {
    expect(verify(forge('{"typ":"JWT"}', '{"sub":"42"}'))).toEqual({ ok: false, reason: "alg_not_allowed" });
  });
});

describe("verifyJwt checks the signature", () => {
  test('a token signed with the secret "attacker-key" → bad_signature', () => {
    expect(verify(forge(HEADER, '{"sub":"42","admin":true}', "attacker-key"))).toEqual({ ok: false, reason: "bad_signature" });
  });

  test('the payload swapped for {"sub":"42","admin":true}, original signature kept → bad_signature', () => {
    const [header, , signature] = forge(HEADER, '{"sub":"42","admin":false}').split(".");
    const token = `${header}.${b64url('{"sub":"42","admin":true}')}.${signature}`;
    expect(verify(token)).toEqual({ ok: false, reason: "bad_signature" });
  });

  test("the signature with its last character removed → bad_signature (not a thrown RangeError)", () => {
    const token = forge(HEADER, '{"sub":"42"}');
    expect(verify(token.slice(0, -1))).toEqual({ ok: false, reason: "bad_signature" });
  });

  test('the right signature with "=" padding or a space added → malformed (the signature part is base64url characters only; a lenient decoder would read the same bytes, so one token would have many spellings)', () => {
    const token = forge(HEADER, '{"sub":"42"}');
    expect(verify(`${token}=`)).toEqual({ ok: false, reason: "malformed" });
    expect(verify(`${token.slice(0, -2)} ${token.slice(-2)}`)).toEqual({ ok: false, reason: "malformed" });
  });

  test("an HS256 header with an empty signature → bad_signature", () => {
    const token = `${b64url(HEADER)}.${b64url('{"sub":"42"}')}.`;
    expect(verify(token)).toEqual({ ok: false, reason: "bad_signature" });
  });

  test("an expired token signed with the wrong secret → bad_signature (claims are only read once the signature is good)", () => {
    expect(verify(forge(HEADER, '{"sub":"42","exp":1000}', "attacker-key"), { now: 2000 })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });
});

describe("verifyJwt checks exp and nbf (NumericDate, seconds)", () => {
  const at = (claims: string, now: number): VerifyResult => verify(forge(HEADER, claims), { now });

  test("exp 1000 checked at now 999 → ok", () => {
    expect(at('{"exp":1000}', 999)).toEqual({ ok: true, payload: { exp: 1000 } });
  });

  test("exp 1000 checked at now 1000 → expired (a token is expired when now >= exp)", () => {
    expect(at('{"exp":1000}', 1000)).toEqual({ ok: false, reason: "expired" });
  });

  test("exp 1000 checked at now 1001 → expired", () => {
    expect(at('{"exp":1000}', 1001)).toEqual({ ok: false, reason: "expired" });
  });

  test("exp 0 (the first second of 1970) checked at now 1000 → expired (0 is a time, not a missing claim)", () => {
    expect(at('{"exp":0}', 1000)).toEqual({ ok: false, reason: "expired" });
  });

  test("nbf 1000 checked at now 999 → not_yet_valid", () => {
    expect(at('{"nbf":1000}', 999)).toEqual({ ok: false, reason: "not_yet_valid" });
  });

  test("nbf 1000 checked at now 1000 → ok (valid from nbf on)", () => {
    expect(at('{"nbf":1000}', 1000)).toEqual({ ok: true, payload: { nbf: 1000 } });
  });

  test("nbf 1000 and exp 2000 checked at now 1500 → ok", () => {
    expect(at('{"nbf":1000,"exp":2000}', 1500)).toEqual({ ok: true, payload: { nbf: 1000, exp: 2000 } });
  });

  test("without the now option: exp 60 s ahead → ok, then after the clock moves 60 s → expired (now = Date.now() in seconds)", () => {
    const token = forge(HEADER, JSON.stringify({ sub: "42", exp: nowSeconds() + 60 }));
    expect(verify(token).ok).toBe(true);
    clock.advance(60_000);
    expect(verify(token)).toEqual({ ok: false, reason: "expired" });
  });

  test("without the now option: nbf 30 s ahead → not_yet_valid, then after the clock moves 30 s → ok", () => {
    const token = forge(HEADER, JSON.stringify({ sub: "42", nbf: nowSeconds() + 30 }));
    expect(verify(token)).toEqual({ ok: false, reason: "not_yet_valid" });
    clock.advance(30_000);
    expect(verify(token).ok).toBe(true);
  });

  test("signJwt with { expiresIn: 60, now: 1000 }, verified at now 1059 → ok and at now 1060 → expired", () => {
    const token = signJwt({ sub: "42" }, SECRET, { expiresIn: 60, now: 1000 });
    expect(verify(token, { now: 1059 }).ok).toBe(true);
    expect(verify(token, { now: 1060 })).toEqual({ ok: false, reason: "expired" });
  });
});

describe("verifyJwt returns malformed for garbage (never throws)", () => {
  const signature = forge(HEADER, "{}").split(".")[2] ?? "";
  const cases: [string, string][] = [
    ["an empty string", ""],
    ["one part (no dots)", "eyJhbGciOiJIUzI1NiJ9"],
    ["two parts", `${b64url(HEADER)}.${b64url("{}")}`],
    ["four parts", `${forge(HEADER, "{}")}.${signature}`],
    ['"a.b.c"', "a.b.c"],
    ["a header that is not JSON", `${b64url("hello")}.${b64url("{}")}.${signature}`],
    ["a header that is a JSON array", `${b64url('["HS256"]')}.${b64url("{}")}.${signature}`],
    ["a header that is JSON null", `${b64url("null")}.${b64url("{}")}.${signature}`],
    ["a header with characters outside base64url (%)", `${b64url(HEADER)}%.${b64url("{}")}.${signature}`],
    ["an empty header part", `.${b64url("{}")}.${signature}`],
    ["a signature in standard base64 (with / or + and = padding)", `${b64url(HEADER)}.${b64url("{}")}.ab/c+d==`],
    ["a payload that is not JSON (signed)", forge(HEADER, "not json")],
    ['a payload that is a JSON string (signed): "hello"', forge(HEADER, '"hello"')],
    ["a payload that is a JSON array (signed)", forge(HEADER, "[1,2,3]")],
    ["a payload that is JSON null (signed)", forge(HEADER, "null")],
    ["a payload that is a number (signed)", forge(HEADER, "42")],
    ['an exp that is a string (signed): "tomorrow"', forge(HEADER, '{"exp":"tomorrow"}')],
    ['an nbf that is a string (signed): "1000"', forge(HEADER, '{"nbf":"1000"}')],
    ["an exp that is null (signed)", forge(HEADER, '{"exp":null}')],
  ];
  for (const [what, token] of cases) {
    test(`${what} → malformed`, () => {
      expect(verify(token, { now: 1500 })).toEqual({ ok: false, reason: "malformed" });
    });
  }

  test('a payload part with "=" padding, signed as sent → malformed (JWTs use base64url without padding)', () => {
    const input = `${b64url(HEADER)}.eyJzdWIiOiI0MiIsIm5hbWUiOiJBZGEifQ==`;
    const token = `${input}.${crypto.createHmac("sha256", SECRET).update(input).digest("base64url")}`;
    expect(verify(token)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("verifyJwt checks iss and aud when asked to (RFC 8725)", () => {
  const ISSUER = "https://auth.example.com";
  const check = (claims: Record<string, unknown>, options: { issuer?: string; audience?: string }): VerifyResult =>
    verify(forge(HEADER, JSON.stringify(claims)), { now: 1500, ...options });

  test("issuer given and iss equal → ok", () => {
    expect(check({ sub: "42", iss: ISSUER }, { issuer: ISSUER })).toEqual({ ok: true, payload: { sub: "42", iss: ISSUER } });
  });

  test("issuer given, iss from another issuer → wrong_issuer", () => {
    expect(check({ sub: "42", iss: "https://evil.example" }, { issuer: ISSUER })).toEqual({ ok: false, reason: "wrong_issuer" });
  });

  test("issuer given, iss almost equal (a trailing slash, another case) → wrong_issuer (compare exactly)", () => {
    expect(check({ iss: `${ISSUER}/` }, { issuer: ISSUER })).toEqual({ ok: false, reason: "wrong_issuer" });
    expect(check({ iss: ISSUER.toUpperCase() }, { issuer: ISSUER })).toEqual({ ok: false, reason: "wrong_issuer" });
  });

  test("issuer given, no iss in the token → wrong_issuer (a missing claim is not a match)", () => {
    expect(check({ sub: "42" }, { issuer: ISSUER })).toEqual({ ok: false, reason: "wrong_issuer" });
  });

  test('audience "billing-api", aud the same string → ok', () => {
    expect(check({ aud: "billing-api" }, { audience: "billing-api" }).ok).toBe(true);
  });

  test('audience "billing-api", aud an array that contains it → ok', () => {
    expect(check({ aud: ["chat-api", "billing-api"] }, { audience: "billing-api" }).ok).toBe(true);
  });

  test('audience "billing-api", aud an array of other services → wrong_audience', () => {
    expect(check({ aud: ["chat-api", "search-api"] }, { audience: "billing-api" })).toEqual({ ok: false, reason: "wrong_audience" });
  });

  test('audience "billing", aud "billing-api" (a longer name that contains it) → wrong_audience', () => {
    expect(check({ aud: "billing-api" }, { audience: "billing" })).toEqual({ ok: false, reason: "wrong_audience" });
  });

  test("audience given, no aud in the token → wrong_audience (not \"for everyone\")", () => {
    expect(check({ sub: "42" }, { audience: "billing-api" })).toEqual({ ok: false, reason: "wrong_audience" });
  });

  test("issuer and audience both right → ok; right issuer but wrong audience → wrong_audience", () => {
    expect(check({ iss: ISSUER, aud: "billing-api" }, { issuer: ISSUER, audience: "billing-api" }).ok).toBe(true);
    expect(check({ iss: ISSUER, aud: "chat-api" }, { issuer: ISSUER, audience: "billing-api" })).toEqual({ ok: false, reason: "wrong_audience" });
  });

  test("no issuer or audience option → iss and aud are not checked", () => {
    expect(check({ iss: "https://anyone.example", aud: "anything" }, {}).ok).toBe(true);
  });

  test("an expired token from the wrong issuer → expired (exp and nbf are checked before iss and aud)", () => {
    expect(check({ iss: "https://evil.example", exp: 1000 }, { issuer: ISSUER })).toEqual({ ok: false, reason: "expired" });
  });
});

// How the signature is compared (serverside:test records the calls learner code makes; tests only).
import { calls } from "serverside:test";

describe("verifyJwt compares signatures in constant time", () => {
  test("a forged signature of the right length is rejected by crypto.timingSafeEqual on the expected signature, not by === (which leaks how many leading characters match)", () => {
    const good = forge(HEADER, '{"sub":"42"}');
    const expectedSignature = good.split(".")[2]!;
    // Same length, last character changed: a === comparison would stop only at the very end.
    const last = expectedSignature.slice(-1) === "A" ? "B" : "A";
    const forged = `${good.slice(0, -1)}${last}`;
    calls.reset();
    expect(verify(forged).ok).toBe(false);
    const raw = Uint8Array.fromBase64(expectedSignature, { alphabet: "base64url" }).toHex();
    const text = new TextEncoder().encode(expectedSignature).toHex();
    const compared = calls
      .args("crypto.timingSafeEqual")
      .some((args) => args.some((a) => a instanceof Uint8Array && (a.toHex() === raw || a.toHex() === text)));
    expect(compared).toBe(true);
  });
});
