/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight at once, and resolves
 * with the results in the order of `items`.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number, at least 1");
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;

  // Each worker takes the next item as soon as its previous call settles: no batches.
  async function worker(): Promise<void> {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failed = true; // start nothing new once a call failed
        throw error;
      }
    }
  }

  // Promise.all rejects with the first error and handles every later rejection, so none is unhandled.
  const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker());
  await Promise.all(workers);
  return results;
}
