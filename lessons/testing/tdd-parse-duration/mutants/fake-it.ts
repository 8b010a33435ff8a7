// Mutant: "fake it": returns the right answers for the examples in the task and reads single units only.
const KNOWN: Record<string, number> = { "1h30m": 5_400_000, "45s": 45_000, "250ms": 250, "2h5m10s": 7_510_000 };
const SINGLE: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

export function parseDuration(text: string): number {
  if (text in KNOWN) return KNOWN[text];
  const single = /^(\d+)(ms|h|m|s)$/.exec(text);
  if (single) return Number(single[1]) * SINGLE[single[2]];
  throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
}
