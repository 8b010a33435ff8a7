// Each function below makes the tests that use it flaky. Fix them so they are deterministic and
// keep the contracts in the comments.

/**
 * Loads every id at once (all loads start together) and resolves with the results in the order of
 * `ids`, whatever order the loads finish in.
 */
export async function loadAll<T>(ids: readonly string[], load: (id: string) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  await Promise.all(
    ids.map(async (id) => {
      results.push(await load(id));
    }),
  );
  return results;
}

/**
 * How long ago `createdAt` was, seen from `now` (both in ms since 1970): "just now" under a
 * minute, then "N minute(s) ago", "N hour(s) ago", "N day(s) ago", rounding down.
 */
export function formatAge(createdAt: number, now: number): string {
  const seconds = Math.floor((Date.now() - createdAt) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return plural(Math.floor(seconds / 60), "minute");
  if (seconds < 86400) return plural(Math.floor(seconds / 3600), "hour");
  return plural(Math.floor(seconds / 86400), "day");
}

function plural(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? "" : "s"} ago`;
}

/**
 * A shuffled copy of `items` (Fisher-Yates, using only `random`): for i from the last index down
 * to 1, pick j = Math.floor(random() * (i + 1)) and swap positions i and j. `items` is unchanged.
 */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  return [...items].sort(() => Math.random() - 0.5);
}
