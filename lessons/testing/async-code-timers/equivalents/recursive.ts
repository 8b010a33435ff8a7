/**
 * Another correct retry: same behaviour as module.ts, written recursively with promise chaining.
 */
export interface RetryOptions {
  retries?: number;
  delayMs?: number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => resolve(), ms);
  });
}

export function retry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 100;
  const attempt = (left: number, wait: number): Promise<T> =>
    new Promise<T>((resolve) => resolve(fn())).catch((error: unknown) => {
      if (left <= 0) throw error;
      return sleep(wait).then(() => attempt(left - 1, wait * 2));
    });
  return attempt(retries, delayMs);
}
