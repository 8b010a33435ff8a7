/**
 * Another correct chunk: same behaviour as module.ts, computing each chunk's bounds from its index.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isFinite(size) || Math.floor(size) !== size || size <= 0) {
    throw new RangeError(`chunk size must be a whole number of at least 1, got ${size}`);
  }
  const count = Math.ceil(items.length / size);
  return Array.from({ length: count }, (_, index) => {
    const part: T[] = [];
    const end = Math.min(items.length, (index + 1) * size);
    for (let i = index * size; i < end; i++) part.push(items[i]);
    return part;
  });
}
