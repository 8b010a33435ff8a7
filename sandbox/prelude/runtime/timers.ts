/**
 * A virtual clock: timers, Date and performance.now() follow it instead of real time, so runs are
 * deterministic and tests can move time on at will (clock.advance) without waiting.
 *
 * Two times are kept, as in real systems: a monotonic time (timers, performance.now) and a wall
 * clock (Date.now, new Date) that is the monotonic time plus an offset that clock.set() changes.
 */

/** 2026-01-01T00:00:00.000Z: where the wall clock starts in every run. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);
const TIMEOUT_MAX = 2 ** 31 - 1;
/** Why: a runaway setInterval inside one advance() must end with a clear error, not a hang. */
const MAX_TIMERS_PER_ADVANCE = 1_000_000;

interface Timer {
  id: number;
  due: number;
  seq: number;
  callback: (...args: unknown[]) => void;
  args: unknown[];
  /** Repeat interval for setInterval, null for setTimeout. */
  interval: number | null;
}

export interface TimersInternal {
  /** Jumps the clock to the next due timer and fires it; false when no timer is pending. */
  runNext(): boolean;
  /** Number of scheduled timers (intervals count once). */
  pending(): number;
  /** Drops every timer and puts the clock back at the epoch. */
  reset(): void;
}

export interface VirtualClock {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number | Date): void;
}

export function createTimers(): {
  globals: Record<string, unknown>;
  clock: VirtualClock;
  internal: TimersInternal;
} {
  const OriginalDate = Date;
  let monotonic = 0;
  let wallOffset = EPOCH_MS;
  let nextId = 1;
  let nextSeq = 0;
  const timers = new Map<number, Timer>();

  const wallNow = (): number => Math.floor(monotonic + wallOffset);

  function delayOf(value: unknown): number {
    const n = Math.trunc(Number(value));
    // As in Node: anything that is not a number from 1 to 2^31-1 becomes 1 ms. This guarantees
    // that time moves on between a timer and one it schedules, so advance() always terminates.
    return n >= 1 && n <= TIMEOUT_MAX ? n : 1;
  }

  function schedule(callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
    if (typeof callback !== "function") {
      throw new TypeError(
        `${repeat ? "setInterval" : "setTimeout"}: the callback must be a function (strings are not evaluated)`,
      );
    }
    const ms = delayOf(delay);
    const id = nextId++;
    timers.set(id, {
      id,
      due: monotonic + ms,
      seq: nextSeq++,
      callback: callback as Timer["callback"],
      args,
      interval: repeat ? ms : null,
    });
    return id;
  }

  function clear(id: unknown): void {
    if (typeof id === "number") timers.delete(id);
  }

  function nextTimer(limit: number): Timer | null {
    let best: Timer | null = null;
    for (const timer of timers.values()) {
      if (timer.due > limit) continue;
      if (best === null || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq))
        best = timer;
    }
    return best;
  }

  /** Moves time to the timer's due time and runs it; its errors reach the caller. */
  function fire(timer: Timer): void {
    if (timer.due > monotonic) monotonic = timer.due;
    if (timer.interval === null) {
      timers.delete(timer.id);
    } else {
      timer.due = monotonic + timer.interval;
      timer.seq = nextSeq++;
    }
    Reflect.apply(timer.callback, undefined, timer.args);
  }

  const clock: VirtualClock = {
    now(): number {
      return wallNow();
    },
    advance(ms: number): void {
      const step = Number(ms);
      if (!Number.isFinite(step) || step < 0)
        throw new RangeError("clock.advance: ms must be a finite number >= 0");
      const target = monotonic + step;
      let fired = 0;
      for (let timer = nextTimer(target); timer !== null; timer = nextTimer(target)) {
        if (++fired > MAX_TIMERS_PER_ADVANCE) {
          throw new RangeError(
            `clock.advance: more than ${MAX_TIMERS_PER_ADVANCE} timers fired; is a setInterval running away?`,
          );
        }
        fire(timer);
      }
      monotonic = target;
    },
    set(epochMs: number | Date): void {
      const ms = epochMs instanceof OriginalDate ? epochMs.getTime() : Number(epochMs);
      if (!Number.isFinite(ms)) throw new RangeError("clock.set: expected a time in ms since 1970 or a Date");
      wallOffset = ms - monotonic;
    },
  };
  for (const key of Object.keys(clock)) Object.defineProperty(clock, key, { enumerable: false });
  Object.defineProperty(clock, Symbol.toStringTag, { value: "Clock" });

  const internal: TimersInternal = {
    runNext(): boolean {
      const timer = nextTimer(Infinity);
      if (timer === null) return false;
      fire(timer);
      return true;
    },
    pending(): number {
      return timers.size;
    },
    reset(): void {
      timers.clear();
      monotonic = 0;
      wallOffset = EPOCH_MS;
    },
  };

  // Date: the same prototype (instanceof and methods unchanged), with "now" from the clock.
  const VirtualDate = function Date(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return new OriginalDate(wallNow()).toString();
    return Reflect.construct(OriginalDate, args.length === 0 ? [wallNow()] : args, new.target);
  } as unknown as DateConstructor;
  Object.defineProperty(VirtualDate, "length", { value: 7 });
  Object.defineProperty(VirtualDate, "prototype", { value: OriginalDate.prototype, writable: false });
  Object.defineProperty(VirtualDate, "now", {
    value: function now() {
      return wallNow();
    },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(VirtualDate, "parse", {
    value: OriginalDate.parse,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(VirtualDate, "UTC", { value: OriginalDate.UTC, writable: true, configurable: true });
  Object.defineProperty(OriginalDate.prototype, "constructor", {
    value: VirtualDate,
    writable: true,
    configurable: true,
  });

  // Intl.DateTimeFormat formats "now" when given no date, and read the real clock for it (the
  // virtual Date.now() did not): a mutation-job test timed the module through it. Both ways to
  // format without a date follow the virtual wall clock.
  const dtfProto = Intl.DateTimeFormat.prototype;
  const formatGetter = Object.getOwnPropertyDescriptor(dtfProto, "format")?.get;
  const nativeFormatToParts = dtfProto.formatToParts;
  const boundFormats = new WeakMap<object, (date?: Date | number) => string>();
  if (formatGetter) {
    Object.defineProperty(dtfProto, "format", {
      get(this: Intl.DateTimeFormat) {
        const native = Reflect.apply(formatGetter, this, []) as (date?: Date | number) => string;
        let bound = boundFormats.get(this);
        if (bound === undefined) {
          // Like the native getter, the same function every time for one formatter.
          bound = (date?: Date | number): string => native(date === undefined ? wallNow() : date);
          boundFormats.set(this, bound);
        }
        return bound;
      },
      enumerable: false,
      configurable: true,
    });
  }
  Object.defineProperty(dtfProto, "formatToParts", {
    value: function formatToParts(
      this: Intl.DateTimeFormat,
      date?: Date | number,
    ): Intl.DateTimeFormatPart[] {
      return Reflect.apply(nativeFormatToParts, this, [
        date === undefined ? wallNow() : date,
      ]) as Intl.DateTimeFormatPart[];
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });

  const performance = {
    now(): number {
      return monotonic;
    },
    get timeOrigin(): number {
      return EPOCH_MS;
    },
    toJSON(): object {
      return { timeOrigin: EPOCH_MS };
    },
  };
  for (const key of Object.keys(performance)) Object.defineProperty(performance, key, { enumerable: false });
  Object.defineProperty(performance, Symbol.toStringTag, { value: "Performance" });

  const promiseResolve = Promise.resolve.bind(Promise);
  const promiseThen = Promise.prototype.then;

  return {
    clock,
    internal,
    globals: {
      Date: VirtualDate,
      performance,
      setTimeout: function setTimeout(callback: unknown, delay?: unknown, ...args: unknown[]): number {
        return schedule(callback, delay, args, false);
      },
      setInterval: function setInterval(callback: unknown, delay?: unknown, ...args: unknown[]): number {
        return schedule(callback, delay, args, true);
      },
      clearTimeout: function clearTimeout(id?: unknown): void {
        clear(id);
      },
      clearInterval: function clearInterval(id?: unknown): void {
        clear(id);
      },
      queueMicrotask: function queueMicrotask(callback: unknown): void {
        if (typeof callback !== "function")
          throw new TypeError("queueMicrotask: the callback must be a function");
        // Captured Promise machinery: learner code that replaces Promise.prototype.then cannot
        // change when queued microtasks run.
        Reflect.apply(promiseThen, promiseResolve(undefined), [() => Reflect.apply(callback, undefined, [])]);
      },
    },
  };
}
