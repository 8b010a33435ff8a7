import { signJwt, verifyJwt } from "./solution";

const SECRET = "s3cr3t-k3y";
// Computed with a reference implementation: header {"alg":"HS256","typ":"JWT"}, payload
// {"sub":"42","name":"Ada"}, HMAC-SHA256 with the key "s3cr3t-k3y", base64url without padding.
const ADA =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBZGEifQ._fImwxZx_YY9IuDnx4bP1kyvCIR9Zorux2kMv_3TXAM";

describe("signJwt", () => {
  test('signJwt({ sub: "42", name: "Ada" }, "s3cr3t-k3y") → the known token (base64url, no "=" padding)', () => {
    expect(signJwt({ sub: "42", name: "Ada" }, SECRET)).toBe(ADA);
  });
});

describe("verifyJwt", () => {
  test("the known token with the right secret → { ok: true, payload }", () => {
    expect(verifyJwt(ADA, SECRET)).toEqual({ ok: true, payload: { sub: "42", name: "Ada" } });
  });

  test('the known token checked with the secret "other-key" → { ok: false, reason: "bad_signature" }', () => {
    expect(verifyJwt(ADA, "other-key")).toEqual({ ok: false, reason: "bad_signature" });
  });

  test('a token with exp 1000, checked at now 2000 → { ok: false, reason: "expired" }', () => {
    const token = signJwt({ sub: "42", exp: 1000 }, SECRET);
    expect(verifyJwt(token, SECRET, { now: 2000 })).toEqual({ ok: false, reason: "expired" });
  });

  test('issuer "https://auth.example.com" and a token whose iss is "https://evil.example" → wrong_issuer', () => {
    const token = signJwt({ sub: "42", iss: "https://evil.example" }, SECRET);
    expect(verifyJwt(token, SECRET, { issuer: "https://auth.example.com" })).toEqual({ ok: false, reason: "wrong_issuer" });
  });

  test('"not-a-jwt" → { ok: false, reason: "malformed" } (returned, not thrown)', () => {
    expect(verifyJwt("not-a-jwt", SECRET)).toEqual({ ok: false, reason: "malformed" });
  });
});
