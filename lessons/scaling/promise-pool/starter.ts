/**
 * Calls `fn(item, index)` for every item with at most `limit` calls in flight at once, and resolves
 * with the results in the order of `items`.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  // TODO: this starts every call at once. Keep at most `limit` running.
  return Promise.all(items.map((item, index) => fn(item, index)));
}
