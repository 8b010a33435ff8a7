/**
 * Another correct parseDuration: same behaviour as module.ts, scanning character by character.
 */
const FACTOR: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const ORDER = ["h", "m", "s", "ms"];

function invalid(text: string): SyntaxError {
  return new SyntaxError(`not a duration: ${JSON.stringify(text)}`);
}

export function parseDuration(text: string): number {
  const parts: [number, string][] = [];
  let i = 0;
  while (i < text.length) {
    let digits = "";
    while (i < text.length && text[i] >= "0" && text[i] <= "9") digits += text[i++];
    let unit = "";
    while (i < text.length && (text[i] === "h" || text[i] === "m" || text[i] === "s")) unit += text[i++];
    if (digits === "" || !(unit in FACTOR)) throw invalid(text);
    parts.push([Number(digits), unit]);
  }
  if (parts.length === 0) throw invalid(text);
  const ranks = parts.map(([, unit]) => ORDER.indexOf(unit));
  if (ranks.some((rank, k) => k > 0 && rank <= ranks[k - 1])) throw invalid(text);
  return parts.reduce((sum, [value, unit]) => sum + value * FACTOR[unit], 0);
}
