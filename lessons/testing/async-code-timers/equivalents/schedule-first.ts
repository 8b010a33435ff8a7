/**
 * Another correct retry: same behaviour as module.ts, computing the list of waits up front.
 */
export interface RetryOptions {
  retries?: number;
  delayMs?: number;
}

export async function sleep(ms: number): Promise<void> {
  await new Promise<void>((done) => setTimeout(done, ms));
}

export async function retry<T>(fn: () => Promise<T>, { retries = 3, delayMs = 100 }: RetryOptions = {}): Promise<T> {
  const waits = Array.from({ length: Math.max(0, Math.ceil(retries)) }, (_, i) => delayMs * Math.pow(2, i));
  let lastError: unknown;
  for (let i = 0; i <= waits.length; i++) {
    if (i > 0) await sleep(waits[i - 1]);
    try {
      const value = await fn();
      return value;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
