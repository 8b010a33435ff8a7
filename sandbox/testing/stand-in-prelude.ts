/**
 * A minimal stand-in for sandbox/prelude (the globals engineer's module), used only while that
 * module does not exist yet: virtual timers and `clock.advance`, nothing else. Same contract:
 * getPreludeSource() returns an expression that installs globals and evaluates to
 * { timers: { runNext(): boolean, pending(): number, reset(): void } }.
 */
export function getPreludeSource(): string {
  return `(function () {
  "use strict";
  let now = 0;
  let nextId = 1;
  let queue = [];
  function add(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("callback must be a function");
    const delay = Math.max(0, Number(ms) || 0);
    const id = nextId++;
    queue.push({ id, at: now + delay, fn, args, repeat: repeat ? Math.max(1, delay) : 0 });
    return id;
  }
  function clear(id) { queue = queue.filter((t) => t.id !== id); }
  function runNext() {
    if (queue.length === 0) return false;
    let best = 0;
    for (let i = 1; i < queue.length; i++) if (queue[i].at < queue[best].at) best = i;
    const t = queue[best];
    queue.splice(best, 1);
    if (t.at > now) now = t.at;
    if (t.repeat) queue.push({ ...t, at: now + t.repeat });
    t.fn(...t.args);
    return true;
  }
  globalThis.setTimeout = (fn, ms, ...args) => add(fn, ms, args, false);
  globalThis.setInterval = (fn, ms, ...args) => add(fn, ms, args, true);
  globalThis.clearTimeout = clear;
  globalThis.clearInterval = clear;
  globalThis.clock = {
    now: () => now,
    advance(ms) {
      const until = now + Math.max(0, Number(ms) || 0);
      for (;;) {
        let best = -1;
        for (let i = 0; i < queue.length; i++) if (queue[i].at <= until && (best < 0 || queue[i].at < queue[best].at)) best = i;
        if (best < 0) break;
        runNext();
      }
      now = until;
    },
  };
  return { timers: { runNext, pending: () => queue.length, reset() { queue = []; } } };
})()`;
}
