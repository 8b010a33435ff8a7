/**
 * Another correct mergeIntervals: same behaviour as module.ts, as a sweep over start and end events.
 */
export type Interval = [start: number, end: number];

export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  // Starts sort before ends at the same point, so touching intervals join.
  const events: [at: number, kind: 0 | 1][] = [];
  for (const [start, end] of intervals) events.push([start, 0], [end, 1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  let open = 0;
  let from = 0;
  for (const [at, kind] of events) {
    if (kind === 0) {
      if (open === 0) from = at;
      open++;
    } else {
      open--;
      if (open === 0) out.push([from, at]);
    }
  }
  return out;
}
