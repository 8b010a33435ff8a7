import { hashPassword, verifyPassword } from "./solution";

function parts(stored: string): { N: number; r: number; p: number; salt: string; hash: string } {
  const [, N, r, p, salt, hash] = stored.split("$");
  return { N: Number(N), r: Number(r), p: Number(p), salt: salt ?? "", hash: hash ?? "" };
}

// scrypt at a real cost is slow: the checks that only need "some hash of hunter2" share one.
let hunter2: string | undefined;
function hashOfHunter2(): string {
  hunter2 ??= hashPassword("hunter2");
  return hunter2;
}

/** What a correct implementation stores for this password, salt and cost. */
function reference(password: string, saltHex: string, N: number, r: number, p: number): string {
  const hash = crypto.scryptSync(password, Uint8Array.fromHex(saltHex), 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${saltHex}$${hash.toHex()}`;
}

describe("hashPassword", () => {
  test('hashing "hunter2" twice gives two different salts (the salt must be random)', () => {
    const a = parts(hashPassword("hunter2"));
    const b = parts(hashPassword("hunter2"));
    expect(a.salt === b.salt).toBe(false);
    expect(a.hash === b.hash).toBe(false);
  });

  test("the salt comes from a cryptographic random source (crypto.randomBytes), not Math.random, whose output can be predicted", () => {
    calls.reset();
    hashPassword("correct horse");
    const random = calls.count("crypto.randomBytes") + calls.count("crypto.getRandomValues");
    expect(random).toBeGreaterThanOrEqual(1);
  });

  test("N is at least 16384 (2^14) and r at least 8: a slow hash, not a fast one", () => {
    const { N, r, p } = parts(hashOfHunter2());
    expect(N >= 16384).toBe(true);
    expect(r >= 8).toBe(true);
    expect(p >= 1).toBe(true);
  });

  test("the hash part really is scryptSync(password, salt bytes decoded from hex, 32, { N, r, p })", () => {
    const stored = hashOfHunter2();
    const { N, r, p, salt } = parts(stored);
    expect(stored).toBe(reference("hunter2", salt, N, r, p));
  });

  test("the empty password still gets a salt and a full-length hash", () => {
    expect(hashPassword("")).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  });
});

describe("verifyPassword", () => {
  test('"pässwörd 🔑" (non-ASCII) round-trips', () => {
    expect(verifyPassword("pässwörd 🔑", hashPassword("pässwörd 🔑"))).toBe(true);
  });

  test('"Hunter2" does not match a hash of "hunter2" (case matters)', () => {
    expect(verifyPassword("Hunter2", hashOfHunter2())).toBe(false);
  });

  test('"" does not match a hash of "hunter2"', () => {
    expect(verifyPassword("", hashOfHunter2())).toBe(false);
  });

  test('"hunter2 " (trailing space) does not match a hash of "hunter2"', () => {
    expect(verifyPassword("hunter2 ", hashOfHunter2())).toBe(false);
  });

  test("a hash stored with other parameters (N=1024, r=4, p=2) verifies: read N, r, p from the string", () => {
    const stored = reference("old password", "00112233445566778899aabbccddeeff", 1024, 4, 2);
    expect(verifyPassword("old password", stored)).toBe(true);
    expect(verifyPassword("new password", stored)).toBe(false);
  });

  test("a hash stored with a different salt verifies: use the salt from the string", () => {
    const stored = reference("s3cret", "ffeeddccbbaa99887766554433221100", 2048, 8, 1);
    expect(verifyPassword("s3cret", stored)).toBe(true);
  });

  test("one changed character in the stored hash → false", () => {
    const stored = hashOfHunter2();
    const last = stored.slice(-1);
    const tampered = stored.slice(0, -1) + (last === "0" ? "1" : "0");
    expect(verifyPassword("hunter2", tampered)).toBe(false);
  });
});

describe("verifyPassword with damaged stored strings returns false (never throws)", () => {
  const good = reference("pw", "0123456789abcdef0123456789abcdef", 1024, 8, 1);
  const { salt, hash } = parts(good);
  const cases: [string, string][] = [
    ["empty string", ""],
    ["another algorithm's prefix", `bcrypt$1024$8$1$${salt}$${hash}`],
    ["a missing part", `scrypt$1024$8$1$${hash}`],
    ["an extra part", `${good}$00`],
    ["non-hex salt", `scrypt$1024$8$1$zz${salt.slice(2)}$${hash}`],
    ["odd-length hash", `scrypt$1024$8$1$${salt}$${hash.slice(1)}`],
    ["a truncated hash (shorter than 32 bytes)", `scrypt$1024$8$1$${salt}$${hash.slice(0, 32)}`],
    ["N that is not a power of two", `scrypt$1000$8$1$${salt}$${hash}`],
    ["N = abc", `scrypt$abc$8$1$${salt}$${hash}`],
    ["N = 1024abc (a number followed by junk)", `scrypt$1024abc$8$1$${salt}$${hash}`],
    ["r = 8.0 (not written as a whole number)", `scrypt$1024$8.0$1$${salt}$${hash}`],
    ["an absurd N (2^30, 128 GiB)", `scrypt$1073741824$8$1$${salt}$${hash}`],
  ];
  for (const [what, stored] of cases) {
    test(`${what} → false`, () => {
      expect(verifyPassword("pw", stored)).toBe(false);
    });
  }
});

// How the hash is compared (serverside:test records the calls learner code makes; tests only).
import { calls } from "serverside:test";

/** True when bytes are the hash itself, or its hex text as UTF-8 (both are timing-safe compares). */
function isHash(value: unknown, hashHex: string): boolean {
  if (!(value instanceof Uint8Array)) return false;
  return value.toHex() === hashHex || new TextDecoder().decode(value).toLowerCase() === hashHex;
}

describe("verifyPassword compares in constant time", () => {
  test("a wrong password is rejected by crypto.timingSafeEqual on the stored hash, not by === or a loop that stops at the first difference", () => {
    const stored = reference("correct horse", "00112233445566778899aabbccddeeff", 1024, 8, 1);
    const { hash } = parts(stored);
    calls.reset();
    expect(verifyPassword("battery staple", stored)).toBe(false);
    const compared = calls.args("crypto.timingSafeEqual").some((args) => args.some((a) => isHash(a, hash)));
    expect(compared).toBe(true);
  });

  test("the right password is accepted through crypto.timingSafeEqual too", () => {
    const stored = reference("correct horse", "ffeeddccbbaa99887766554433221100", 1024, 8, 1);
    const { hash } = parts(stored);
    calls.reset();
    expect(verifyPassword("correct horse", stored)).toBe(true);
    expect(calls.args("crypto.timingSafeEqual").some((args) => args.some((a) => isHash(a, hash)))).toBe(true);
  });
});
