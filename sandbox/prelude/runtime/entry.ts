/**
 * The prelude's entry point, bundled by build-prelude.ts. installPrelude puts the sandbox's web
 * globals on globalThis and returns the internal object that only the harness receives.
 */
import { DOMException } from "./dom-exception.ts";
import {
  TextDecoder,
  TextEncoder,
  atob,
  btoa,
  hexToBytes,
  installUint8ArrayEncodings,
  utf8Encode,
} from "./encoding.ts";
import { Headers, Request, Response, platformObjects } from "./fetch.ts";
import { loadUrlClasses } from "./url.ts";
import { createCrypto, createDrbg } from "./crypto.ts";
import { createStructuredClone } from "./structured-clone.ts";
import { createTimers, type TimersInternal } from "./timers.ts";
import { AbortController, AbortSignal, configureAbort } from "./abort.ts";
import { createNetwork, type NetworkControl } from "./network.ts";

export interface PreludeInternal {
  timers: TimersInternal;
  seeded: boolean;
  /** The scripted network behind fetch(): "serverside:test" hands it to test files only. */
  network: NetworkControl;
}

type TimerGlobals = {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  queueMicrotask(callback: () => void): void;
  performance: { now(): number };
};

export function installPrelude(seedHex: unknown): PreludeInternal {
  if (seedHex !== undefined && (typeof seedHex !== "string" || !/^[0-9a-fA-F]{64}$/.test(seedHex))) {
    throw new TypeError("prelude: the seed must be 32 bytes as 64 hex characters");
  }
  const seeded = seedHex !== undefined;
  // Fallback only: V8 seeds Math.random per isolate from the OS, but it is not a CSPRNG.
  const seed = seeded
    ? hexToBytes(seedHex as string)!
    : Uint8Array.from({ length: 32 }, () => Math.floor(Math.random() * 256));

  const timers = createTimers();
  const crypto = createCrypto(createDrbg(seed, utf8Encode("serverside prelude v1")));

  // core-js initializes now, before the harness freezes the intrinsics: its setup assigns
  // properties that a frozen prototype would refuse (the "override mistake").
  const { URL, URLSearchParams } = loadUrlClasses();
  const clockFunctions = timers.globals as TimerGlobals;
  configureAbort(clockFunctions);
  const network = createNetwork({
    setTimeout: clockFunctions.setTimeout,
    clearTimeout: clockFunctions.clearTimeout,
    now: () => clockFunctions.performance.now(),
  });
  const globals: Record<string, unknown> = {
    URL,
    URLSearchParams,
    DOMException,
    Headers,
    Request,
    Response,
    AbortController,
    AbortSignal,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    structuredClone: createStructuredClone(platformObjects),
    crypto,
    clock: timers.clock,
    ...timers.globals,
  };
  // Like web IDL globals: writable and configurable (learner code may replace them, which only
  // affects itself; the harness does not use them), but not enumerable.
  for (const name of Object.keys(globals)) {
    Object.defineProperty(globalThis, name, {
      value: globals[name],
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  // Not writable: a learner's stand-in fetch would answer without being recorded, and tests read
  // the record to check retries and timeouts.
  // A method, as in browsers: no prototype, not a constructor.
  const fetch = {
    fetch: (input: Parameters<typeof network.fetch>[0], init?: Parameters<typeof network.fetch>[1]) =>
      network.fetch(input, init),
  }.fetch;
  Object.defineProperty(globalThis, "fetch", {
    value: fetch,
    writable: false,
    configurable: false,
    enumerable: false,
  });
  installUint8ArrayEncodings();
  return { timers: timers.internal, seeded, network: network.control };
}
