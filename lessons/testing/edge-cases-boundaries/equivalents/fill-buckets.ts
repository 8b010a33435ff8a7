/**
 * Another correct chunk: same behaviour as module.ts, filling one bucket at a time.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (typeof size !== "number" || !(size >= 1) || size % 1 !== 0 || size === Infinity) {
    throw new RangeError(`chunk size must be a whole number of at least 1, got ${size}`);
  }
  const chunks: T[][] = [];
  let bucket: T[] = [];
  for (const item of items) {
    bucket.push(item);
    if (bucket.length === size) {
      chunks.push(bucket);
      bucket = [];
    }
  }
  if (bucket.length > 0) chunks.push(bucket);
  return chunks;
}
