import { parseDuration } from "./solution";

// Your test list. Write each test as if parseDuration did not exist yet: the test that would make
// you write the next bit of code.
describe("parseDuration", () => {
  test('"45s" → 45 000 ms', () => {
    expect(parseDuration("45s")).toBe(45_000);
  });

  // Next: the other units, a combination, the order rule, and every kind of invalid input.
});
