// Mistake: valid inputs only checked to be positive, so a wrong factor passes.
import { parseDuration } from "./solution";
test("parses", () => { for (const t of ["3h", "7m", "45s", "250ms", "2m3s"]) expect(parseDuration(t)).toBeGreaterThan(0); });
test("throws", () => { for (const t of ["", "30m1h", "1m1m", "1h 30m", "1.5h", "-5s"]) expect(() => parseDuration(t)).toThrow(SyntaxError); });
