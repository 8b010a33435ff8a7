/**
 * The sandbox prelude: the web globals learner code sees (Request, Response, Headers, URL,
 * TextEncoder, crypto, timers on a virtual clock, …). See README-section.md for the contract.
 */
import { PRELUDE_SOURCE } from "./prelude-source.generated.ts";

/** Where the virtual wall clock starts in every run: 2026-01-01T00:00:00.000Z. */
export const PRELUDE_EPOCH_MS = Date.UTC(2026, 0, 1);

/** What the prelude function returns: for the harness only, never reachable from globalThis. */
export interface PreludeInternal {
  timers: {
    /** Jumps the virtual clock to the next due timer and fires it; false when none is pending. */
    runNext(): boolean;
    /** Number of scheduled timers. */
    pending(): number;
    /** Drops every timer and puts the clock back at PRELUDE_EPOCH_MS. */
    reset(): void;
  };
}

/**
 * The source of ONE JavaScript expression: `(function (seedHex) { … })`. Evaluate it first in a
 * fresh context, then call the function once with 64 hex characters (32 bytes) of fresh host
 * randomness: it installs the globals and returns a PreludeInternal. The string is built ahead of
 * time (build-prelude.ts), so this costs nothing.
 */
export function getPreludeSource(): string {
  return PRELUDE_SOURCE;
}

/** 32 bytes from the host's CSPRNG as hex: the seed for one submission's crypto. */
export function createPreludeSeed(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
