// Mutant: delayMs is treated as seconds: the waits are 1000 times too long.
export interface RetryOptions {
  /** How many times to try again after the first call fails (default 3). */
  retries?: number;
  /** The wait before the first retry, in milliseconds (default 100); each later wait doubles. */
  delayMs?: number;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms * 1000));
}

/**
 * Calls `fn` until its promise resolves, and resolves with that value.
 *
 * - `fn` is called at most `1 + retries` times.
 * - After the n-th failed call (n = 1, 2, 3, ...) it waits `delayMs * 2 ** (n - 1)` ms before calling
 *   again: with the defaults, 100, 200, then 400 ms.
 * - When the last allowed call fails too, it rejects at once (no wait after the last failure) with
 *   the error of that last call.
 * - `fn` throwing synchronously counts as a failed call, like a rejected promise.
 */
export async function retry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, delayMs = 100 } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retries) throw error;
    }
    await sleep(delayMs * 2 ** attempt);
  }
}
