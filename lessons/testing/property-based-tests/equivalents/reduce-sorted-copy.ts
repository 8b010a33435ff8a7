/**
 * Another correct mergeIntervals: same behaviour as module.ts, with copies sorted by start and end
 * and folded with reduce.
 */
export type Interval = [start: number, end: number];

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  return intervals
    .map(([start, end]): Interval => [start, end])
    .sort(([s1, e1], [s2, e2]) => (s1 === s2 ? e1 - e2 : s1 - s2))
    .reduce<Interval[]>((acc, next) => {
      const top = acc.at(-1);
      if (top === undefined || next[0] > top[1]) return [...acc, next];
      top[1] = top[1] > next[1] ? top[1] : next[1];
      return acc;
    }, []);
}
