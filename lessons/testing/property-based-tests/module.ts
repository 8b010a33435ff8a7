export type Interval = [start: number, end: number];

/**
 * Merges overlapping or touching intervals:
 * mergeIntervals([[8, 10], [1, 3], [2, 6], [10, 12]]) is [[1, 6], [8, 12]].
 *
 * - Each input interval is [start, end] with start <= end; they may come in any order.
 * - The result is sorted by start, and its intervals neither overlap nor touch: each one starts
 *   after the previous one ends.
 * - The result covers exactly the points the input covers (ends included), no more, no fewer.
 * - The input array and its intervals are not modified; the result is made of new arrays.
 */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
