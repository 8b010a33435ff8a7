// Mistake: expected values are computed with the same regular expressions as the code, so the test
// repeats the code's assumptions (no accents here) instead of checking the rules.
import { slugify } from "./solution";

const expected = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
describe("slugify", () => {
  for (const t of ["Hello World", "Top 10 tips", "rock  &  roll", " Hi! "]) {
    test(t, () => expect(slugify(t)).toBe(expected(t)));
  }
  test("cut", () => expect(slugify("abcdefgh", 5)).toBe("abcde"));
  test("exact", () => expect(slugify("abcde", 5)).toBe("abcde"));
});
