/**
 * AbortController and AbortSignal as the DOM Standard defines them, on the virtual clock: what
 * learner code uses to give a fetch() a deadline (`AbortSignal.timeout(ms)`) or to cancel work. Only
 * the "abort" event exists; listeners get a plain `{ type, target }` object (there is no Event class
 * in the sandbox).
 */
import { DOMException } from "./dom-exception.ts";

type Listener =
  | ((event: { type: string; target: AbortSignal }) => void)
  | { handleEvent(event: { type: string; target: AbortSignal }): void };
type SignalState = {
  aborted: boolean;
  reason: unknown;
  listeners: { listener: Listener; once: boolean }[];
  onabort: Listener | null;
};

const signalStates = new WeakMap<object, SignalState>();
/** Only AbortController and the static helpers below may create signals, as in browsers. */
let constructing = false;

// The virtual clock's own functions, handed over at install: learner code that replaces the
// globals setTimeout or queueMicrotask changes nothing here.
let schedule: (callback: () => void, ms: number) => unknown = () => {
  throw new Error("abort.ts: the timers are not installed");
};
let microtask: (callback: () => void) => void = (callback) => void Promise.resolve().then(callback);

/** Gives AbortSignal.timeout the virtual clock (called once by installPrelude). */
export function configureAbort(timers: {
  setTimeout(callback: () => void, ms: number): unknown;
  queueMicrotask(callback: () => void): void;
}): void {
  schedule = timers.setTimeout;
  microtask = timers.queueMicrotask;
}

function stateOf(self: unknown): SignalState {
  const state = typeof self === "object" && self !== null ? signalStates.get(self) : undefined;
  if (!state) throw new TypeError("Illegal invocation: not an AbortSignal");
  return state;
}

function newSignal(): AbortSignal {
  constructing = true;
  try {
    return new AbortSignal();
  } finally {
    constructing = false;
  }
}

/** Aborts a signal once: records the reason and runs onabort, then the listeners, in order. */
function signalAbort(signal: AbortSignal, reason: unknown): void {
  const state = stateOf(signal);
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason === undefined ? new DOMException("This operation was aborted", "AbortError") : reason;
  const event = Object.freeze({ type: "abort", target: signal });
  const run = (listener: Listener) => {
    try {
      if (typeof listener === "function") Reflect.apply(listener, signal, [event]);
      else Reflect.apply(listener.handleEvent, listener, [event]);
    } catch (error) {
      // As in browsers: a throwing listener is reported, the others still run.
      microtask(() => {
        throw error;
      });
    }
  };
  if (state.onabort) run(state.onabort);
  const listeners = state.listeners;
  state.listeners = [];
  for (const { listener } of listeners) run(listener);
}

export class AbortSignal {
  constructor() {
    if (!constructing)
      throw new TypeError(
        "Illegal constructor: use new AbortController().signal, AbortSignal.abort() or AbortSignal.timeout(ms)",
      );
    signalStates.set(this, { aborted: false, reason: undefined, listeners: [], onabort: null });
  }

  get aborted(): boolean {
    return stateOf(this).aborted;
  }
  get reason(): unknown {
    return stateOf(this).reason;
  }
  get onabort(): Listener | null {
    return stateOf(this).onabort;
  }
  set onabort(listener: Listener | null) {
    stateOf(this).onabort =
      typeof listener === "function" || (typeof listener === "object" && listener !== null) ? listener : null;
  }

  throwIfAborted(): void {
    const state = stateOf(this);
    if (state.aborted) throw state.reason;
  }

  addEventListener(type: string, listener: Listener | null, options?: boolean | { once?: boolean }): void {
    const state = stateOf(this);
    if (String(type) !== "abort" || listener === null || listener === undefined || state.aborted) return;
    if (state.listeners.some((l) => l.listener === listener)) return;
    state.listeners.push({
      listener,
      once: typeof options === "object" && options !== null && options.once === true,
    });
  }

  removeEventListener(type: string, listener: Listener | null): void {
    const state = stateOf(this);
    if (String(type) !== "abort") return;
    state.listeners = state.listeners.filter((l) => l.listener !== listener);
  }

  /** A signal that is already aborted. */
  static abort(reason?: unknown): AbortSignal {
    const signal = newSignal();
    signalAbort(signal, reason);
    return signal;
  }

  /** A signal that aborts with a "TimeoutError" DOMException after ms of virtual time. */
  static timeout(ms: number): AbortSignal {
    const n = Number(ms);
    if (!Number.isFinite(n) || n < 0)
      throw new TypeError("AbortSignal.timeout: ms must be a finite number >= 0");
    const signal = newSignal();
    schedule(() => signalAbort(signal, new DOMException("The operation timed out.", "TimeoutError")), n);
    return signal;
  }

  /** A signal that aborts when the first of the given signals does, with its reason. */
  static any(signals: Iterable<AbortSignal>): AbortSignal {
    const list = [...signals];
    for (const s of list) stateOf(s);
    const combined = newSignal();
    const first = list.find((s) => stateOf(s).aborted);
    if (first) {
      signalAbort(combined, stateOf(first).reason);
      return combined;
    }
    for (const s of list)
      s.addEventListener("abort", () => signalAbort(combined, stateOf(s).reason), { once: true });
    return combined;
  }

  get [Symbol.toStringTag](): string {
    return "AbortSignal";
  }
}

export class AbortController {
  readonly #signal = newSignal();

  get signal(): AbortSignal {
    return this.#signal;
  }

  abort(reason?: unknown): void {
    signalAbort(this.#signal, reason);
  }

  get [Symbol.toStringTag](): string {
    return "AbortController";
  }
}

/** Whether value is a sandbox AbortSignal (a fetch option must be one). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === "object" && value !== null && signalStates.has(value);
}
