// Mistake: every rule is there, but combinations are never tested, so an implementation that fakes the
// task's examples and parses single units passes.
import { parseDuration } from "./solution";
test.each([["3h", 10800000], ["7m", 420000], ["45s", 45000], ["250ms", 250], ["0s", 0]])("%s", (t, ms) => expect(parseDuration(t)).toBe(ms));
test.each([[""], ["30m1h"], ["1m1m"], ["1h 30m"], ["1.5h"], ["-5s"], ["5"], ["h"]])("bad %p", (t) => expect(() => parseDuration(t)).toThrow(SyntaxError));
