/**
 * Loads every id at once (all loads start together) and resolves with the results in the order of
 * `ids`, whatever order the loads finish in.
 */
export async function loadAll<T>(ids: readonly string[], load: (id: string) => Promise<T>): Promise<T[]> {
  return Promise.all(ids.map((id) => load(id)));
}

/**
 * How long ago `createdAt` was, seen from `now` (both in ms since 1970): "just now" under a
 * minute, then "N minute(s) ago", "N hour(s) ago", "N day(s) ago", rounding down.
 */
export function formatAge(createdAt: number, now: number): string {
  const seconds = Math.floor((now - createdAt) / 1000);
  if (seconds < 60) return "just now";
  const [value, unit] =
    seconds < 3600 ? [Math.floor(seconds / 60), "minute"] : seconds < 86400 ? [Math.floor(seconds / 3600), "hour"] : [Math.floor(seconds / 86400), "day"];
  return `${value} ${unit}${value === 1 ? "" : "s"} ago`;
}

/**
 * A shuffled copy of `items` (Fisher-Yates, using only `random`): for i from the last index down
 * to 1, pick j = Math.floor(random() * (i + 1)) and swap positions i and j. `items` is unchanged.
 */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
