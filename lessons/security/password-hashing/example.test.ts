import { hashPassword, verifyPassword } from "./solution";

describe("password hashing", () => {
  test('hashPassword("correct horse") has the form scrypt$N$r$p$salt$hash', () => {
    expect(hashPassword("correct horse")).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  });

  test("the stored string does not contain the password", () => {
    expect(hashPassword("correct horse").includes("correct horse")).toBe(false);
  });

  test('verifyPassword("correct horse", hashPassword("correct horse")) → true', () => {
    expect(verifyPassword("correct horse", hashPassword("correct horse"))).toBe(true);
  });

  test('verifyPassword("wrong horse", hashPassword("correct horse")) → false', () => {
    expect(verifyPassword("wrong horse", hashPassword("correct horse"))).toBe(false);
  });
});
