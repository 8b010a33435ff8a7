import { parseDuration } from "./solution";

describe("parseDuration: valid input", () => {
  test.each([
    ["3h", 10_800_000],
    ["7m", 420_000],
    ["45s", 45_000],
    ["250ms", 250],
    ["0s", 0],
  ])("%s → %d (one unit)", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each([
    ["1h30m", 5_400_000],
    ["2m3s", 123_000],
    ["1s500ms", 1_500],
    ["1m5ms", 60_005],
    ["2h5m10s", 7_510_000],
    ["1h1m1s1ms", 3_661_001],
    ["90m", 5_400_000],
  ])("%s → %d (several units, triangulating)", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe("parseDuration: invalid input throws a SyntaxError", () => {
  test.each([
    ["", "the empty string"],
    ["30m1h", "units out of order"],
    ["1m1m", "a unit twice"],
    ["1h 30m", "a space"],
    ["1.5h", "a decimal"],
    ["-5s", "a sign"],
    ["5", "a number without a unit"],
    ["h", "a unit without a number"],
    ["5d", "an unknown unit"],
  ])("%p (%s)", (text) => {
    expect(() => parseDuration(text)).toThrow(SyntaxError);
  });
});
