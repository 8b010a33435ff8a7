// Mistake: thorough, but no input contains ms, so a parser that reads ms as minutes passes.
import { parseDuration } from "./solution";
test.each([["3h", 10800000], ["7m", 420000], ["45s", 45000], ["2m3s", 123000], ["1h30m", 5400000], ["3h2m", 10920000]])("%s", (t, ms) => expect(parseDuration(t)).toBe(ms));
test.each([[""], ["30m1h"], ["1m1m"], ["1h 30m"], ["1.5h"], ["-5s"], ["5"]])("bad %p", (t) => expect(() => parseDuration(t)).toThrow(SyntaxError));
