// Mutant: the unit pattern tries m before ms, so "250ms" is read as 250 minutes followed by a stray s and refused.
const UNITS = ["h", "m", "s", "ms"];
const FACTORS = [3_600_000, 60_000, 1_000, 1];

export function parseDuration(text: string): number {
  if (text.length === 0) throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
  const token = /(\d+)(h|m|ms|s)/y;
  let position = 0;
  let lastRank = -1;
  let total = 0;
  while (position < text.length) {
    token.lastIndex = position;
    const found = token.exec(text);
    if (!found) throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
    const rank = UNITS.indexOf(found[2]);
    if (rank <= lastRank) throw new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
    lastRank = rank;
    total += Number(found[1]) * FACTORS[rank];
    position = token.lastIndex;
  }
  return total;
}
