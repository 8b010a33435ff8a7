/**
 * Limits: defaults, hard ceilings an exercise cannot raise, and the merge of an exercise's overrides.
 */
import type { Limits } from "./types.ts";

/** Limits applied when an exercise sets none. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  timeoutMs: 5_000,
  testTimeoutMs: 2_000,
  memoryMb: 64,
  outputBytes: 64 * 1024,
  testOutputBytes: 8 * 1024,
  sourceBytes: 64 * 1024,
  maxTests: 200,
});

/** Ceilings: an exercise's override above one of these is refused as invalid input. */
export const MAX_LIMITS: Readonly<Limits> = Object.freeze({
  timeoutMs: 60_000,
  testTimeoutMs: 30_000,
  memoryMb: 512,
  outputBytes: 1024 * 1024,
  testOutputBytes: 256 * 1024,
  sourceBytes: 1024 * 1024,
  maxTests: 2_000,
});

/** Floors: below these a limit is more likely a mistake than a choice. */
export const MIN_LIMITS: Readonly<Limits> = Object.freeze({
  timeoutMs: 50,
  testTimeoutMs: 10,
  memoryMb: 8,
  outputBytes: 0,
  testOutputBytes: 0,
  sourceBytes: 1,
  maxTests: 1,
});

/** Merges an exercise's overrides over the defaults (overrides are validated by the job schema). */
export function resolveLimits(overrides?: Partial<Limits>): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  if (overrides) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const value = overrides[key];
      if (typeof value === "number") limits[key] = value;
    }
  }
  // A test can never run longer than the whole run.
  limits.testTimeoutMs = Math.min(limits.testTimeoutMs, limits.timeoutMs);
  return limits;
}
