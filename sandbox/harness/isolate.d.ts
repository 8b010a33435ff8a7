// Types for the in-isolate harness (runtime.js, extensions.js), checked by `tsc -p sandbox/harness`
// (part of `npm run typecheck`). Declarations only: nothing here exists at run time.

interface PropertyDescriptor {
  /**
   * Descriptors are written with a null prototype (`{ __proto__: null, value }`) so that accessors
   * learner code defined on Object.prototype ("get", "set", "value") are never read from them.
   */
  __proto__?: null;
}

/** A built-in's getter captured before learner code runs (Map.prototype.size), called through ReflectApply. */
type CapturedGetter<T> = (this: unknown) => T;

/** V8's stack frame object, as Error.prepareStackTrace receives it (only what the harness calls). */
interface CallSite {
  getFileName(): string | undefined;
  toString(): string;
}
