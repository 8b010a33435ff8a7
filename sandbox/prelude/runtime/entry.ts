/**
 * The prelude's entry point, bundled by build-prelude.ts. installPrelude puts the sandbox's web
 * globals on globalThis and returns the internal object that only the harness receives.
 */
import { DOMException } from "./dom-exception.ts";
import { TextDecoder, TextEncoder, atob, btoa, hexToBytes, installUint8ArrayEncodings, utf8Encode } from "./encoding.ts";
import { Headers, Request, Response, platformObjects } from "./fetch.ts";
import { loadUrlClasses } from "./url.ts";
import { createCrypto, createDrbg } from "./crypto.ts";
import { createStructuredClone } from "./structured-clone.ts";
import { createTimers, type TimersInternal } from "./timers.ts";

export interface PreludeInternal {
  timers: TimersInternal;
  seeded: boolean;
}

export function installPrelude(seedHex: unknown): PreludeInternal {
  if (seedHex !== undefined && (typeof seedHex !== "string" || !/^[0-9a-fA-F]{64}$/.test(seedHex))) {
    throw new TypeError("prelude: the seed must be 32 bytes as 64 hex characters");
  }
  const seeded = seedHex !== undefined;
  // Fallback only: V8 seeds Math.random per isolate from the OS, but it is not a CSPRNG.
  const seed = seeded ? hexToBytes(seedHex as string)! : Uint8Array.from({ length: 32 }, () => Math.floor(Math.random() * 256));

  const timers = createTimers();
  const crypto = createCrypto(createDrbg(seed, utf8Encode("serverside prelude v1")));

  // core-js initializes now, before the harness freezes the intrinsics: its setup assigns
  // properties that a frozen prototype would refuse (the "override mistake").
  const { URL, URLSearchParams } = loadUrlClasses();
  const globals: Record<string, unknown> = {
    URL,
    URLSearchParams,
    DOMException,
    Headers,
    Request,
    Response,
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
    Object.defineProperty(globalThis, name, { value: globals[name], writable: true, configurable: true, enumerable: false });
  }
  installUint8ArrayEncodings();
  return { timers: timers.internal, seeded };
}
