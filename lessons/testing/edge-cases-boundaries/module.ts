/**
 * Splits `items` into consecutive chunks of `size` items: chunk([1, 2, 3, 4, 5], 2) is
 * [[1, 2], [3, 4], [5]].
 *
 * - Every chunk has exactly `size` items, except the last, which has the rest (1 to `size` items).
 * - An empty list gives an empty list of chunks: chunk([], 3) is [].
 * - `size` must be a whole number of at least 1; anything else (0, -2, 1.5, NaN) throws a RangeError.
 * - `items` is never modified, and the chunks are new arrays: changing a chunk never changes `items`.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a whole number of at least 1, got ${size}`);
  }
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
