/**
 * The sandbox prelude: the web globals learner code sees (Request, Response, Headers, URL,
 * TextEncoder, crypto, timers on a virtual clock, …). The contract is in sandbox/README.md, "Globals
 * inside the sandbox".
 */
import { PRELUDE_SOURCE } from "./prelude-source.generated.ts";

export { PRELUDE_SEED_GLOBAL } from "./seed.ts";

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
  /** True when the CSPRNG was seeded from PRELUDE_SEED_GLOBAL; false after the Math.random fallback. */
  seeded: boolean;
}

/**
 * The source of ONE JavaScript expression. Evaluated first in a fresh context, it installs the
 * globals and evaluates to a PreludeInternal. Before evaluating it, set the global
 * PRELUDE_SEED_GLOBAL to createPreludeSeed() (e.g. `context.global.setSync(PRELUDE_SEED_GLOBAL,
 * createPreludeSeed())`): the prelude reads and deletes it, and seeds its CSPRNG with it. Without
 * it, the prelude falls back to seeding from V8's Math.random and reports `seeded: false`. The
 * string is built ahead of time (build-prelude.ts), so this call costs nothing.
 */
export function getPreludeSource(): string {
  return PRELUDE_SOURCE;
}

/** 32 bytes from the host's CSPRNG as 64 hex characters: the seed for one context's crypto. */
export function createPreludeSeed(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
