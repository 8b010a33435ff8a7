/**
 * Why a call into an isolate threw (memory, timeout, or learner code's uncaught error), decided from
 * the isolate's state and the call's timing, never from the error's text.
 */
import type ivm from "isolated-vm";

/**
 * A call into the isolate that threw, classified from the isolate's state and the call's own
 * timing, never from the error's text (learner code chooses that text: an error whose message said
 * "memory limit" or "Script execution timed out." became a memory or timeout verdict).
 * - memory: V8 disposed the isolate (its heap limit), or the call ran out of time with the heap
 *   nearly full (detail "nearly-full": a growing loop that garbage collection slowed to a crawl);
 * - timeout: the call lasted its whole timeout (isolated-vm terminated it);
 * - uncaught: anything else, which can only be learner code's error that escaped the harness: an
 *   unhandled promise rejection (isolated-vm throws it from the call whose microtasks rejected) or
 *   an error the harness could not catch (a stack overflow inside its own catch).
 */
export class IsolateFailure extends Error {
  readonly kind: "memory" | "timeout" | "uncaught";
  /** For "uncaught": the escaped error as "Name: message" plus its frames inside the isolate; for "memory", "nearly-full" or "". */
  readonly detail: string;
  constructor(kind: "memory" | "timeout" | "uncaught", detail = "") {
    super(kind);
    this.kind = kind;
    this.detail = detail;
  }
}

/** Frames of an escaped error up to isolated-vm's boundary (the host's own frames follow it). */
function escapedDetail(error: unknown): string {
  if (!(error instanceof Error)) return `Thrown: ${String(error).slice(0, 2000)}`;
  const stack = typeof error.stack === "string" ? error.stack : `${error.name}: ${error.message}`;
  const boundary = stack.indexOf("\n    at (<isolated-vm boundary>)");
  return boundary >= 0 ? stack.slice(0, boundary) : `${error.name}: ${error.message}`;
}

/** Share of the heap limit in use at a timeout above which the verdict is memory, not time. */
const NEARLY_FULL_HEAP = 0.75;

/**
 * A loop that keeps allocating slows to a crawl near the heap limit (V8 collects garbage again and
 * again for little gain) and usually runs out of time before the limit disposes the isolate: that
 * is a memory problem, and the learner must be told so. The heap's size is V8's own figure, never
 * anything learner code says.
 */
function heapNearlyFull(isolate: ivm.Isolate, memoryMb: number): boolean {
  try {
    const heap = isolate.getHeapStatisticsSync();
    return heap.used_heap_size + heap.externally_allocated_size >= NEARLY_FULL_HEAP * memoryMb * 1024 * 1024;
  } catch {
    return false;
  }
}

/** Classifies a throw from a call into the isolate (ranWholeTimeout: the call lasted its whole timeout). */
export function isolateFailure(
  error: unknown,
  isolate: ivm.Isolate,
  ranWholeTimeout: boolean,
  memoryMb: number,
): IsolateFailure {
  if (isolate.isDisposed) return new IsolateFailure("memory");
  if (ranWholeTimeout)
    return heapNearlyFull(isolate, memoryMb)
      ? new IsolateFailure("memory", "nearly-full")
      : new IsolateFailure("timeout");
  return new IsolateFailure("uncaught", escapedDetail(error));
}
