/**
 * Parses a duration written like "1h30m", "45s", "250ms" or "2h5m10s" into milliseconds.
 *
 * - Units: h (hours), m (minutes), s (seconds), ms (milliseconds).
 * - Each part is one or more digits (no sign, no decimal point) followed by its unit.
 * - Each unit appears at most once, from the largest to the smallest: "1h30m" is valid, "30m1h" and
 *   "1m1m" are not.
 * - Nothing else is allowed: no spaces, no other characters, not the empty string. Anything invalid
 *   throws a SyntaxError.
 */
export function parseDuration(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (text === "" || match === null) throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
  const [, hours = "0", minutes = "0", seconds = "0", millis = "0"] = match;
  return Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1_000 + Number(millis);
}
