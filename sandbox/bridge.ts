/**
 * The host end of the one function a sandbox context may call on the host (see the comment at the
 * top of harness/extensions.js for why there is exactly one and why learner code never reaches it).
 *
 * Every context gets an isolated-vm Callback on HOST_GLOBAL before its boot script runs; the
 * in-isolate extensions take it and delete the global. Calls arrive here as (op, payload) strings
 * and are answered with a JSON string. Grader workers run one job at a time, so the job's handler
 * (its database session) is a module-level "active" value, set for the run and cleared after it:
 * a context prepared before the job (prewarm) reaches the right run's state, and a run without a
 * database gets a clear error.
 */
import ivm from "isolated-vm";

export const HOST_GLOBAL = "__serverside_host__";
/** Payloads larger than this are refused before parsing (the SQL and parameters of one query). */
const MAX_PAYLOAD_CHARS = 4 * 1024 * 1024;

/** What a run plugs into the bridge. */
export interface HostHandler {
  /** Answers an operation ("db.query", "test.log", ...) with a JSON reply `{ ok, ... }`. */
  handle(op: string, payload: string): string;
  /** Called by runCode once its clock starts: host work stops at the run's deadline. */
  beginRun(deadline: number): void;
  /** Called by runCode before each test starts, and after the last one ends. */
  beginTest(): void;
  endTest(): void;
}

let active: HostHandler | null = null;
let realClock = true;

/**
 * Whether "now" (the real clock behind serverside:test's measure()) answers. Off for runs whose
 * test files the learner wrote (mutation jobs): real time there told the correct module (the
 * cold first run) from its mutants without testing behaviour (issue 17).
 */
export function allowRealClock(allowed: boolean): void {
  realClock = allowed;
}

/** Plugs a run's handler into the bridge (null after the run). */
export function setActiveHost(handler: HostHandler | null): void {
  active = handler;
}

const failure = (message: string, code: string) => JSON.stringify({ ok: false, message, code });

function dispatch(op: unknown, payload: unknown): string {
  // Why: only strings cross; anything else (a learner could not send it, but a bug could) is refused
  // before any parsing.
  if (typeof op !== "string" || typeof payload !== "string")
    return failure("Bad request to the host.", "SERVERSIDE_BAD_REQUEST");
  if (payload.length > MAX_PAYLOAD_CHARS)
    return failure("The query and its parameters are too large.", "SERVERSIDE_TOO_LARGE");
  if (op === "now") {
    if (!realClock)
      return failure(
        "measure() is not available in tests you write: they must check behaviour, not time.",
        "SERVERSIDE_NO_CLOCK",
      );
    return JSON.stringify({ ok: true, now: performance.now() });
  }
  if (active === null) {
    return failure(
      'This exercise has no database: "serverside:db" works only in exercises that declare one.',
      "SERVERSIDE_NO_DATABASE",
    );
  }
  try {
    return active.handle(op, payload);
  } catch (error) {
    console.error("[sandbox bridge] handler failed:", error);
    return failure("The database failed unexpectedly.", "SERVERSIDE_INTERNAL");
  }
}

/** The Callback installed in every fresh context (a new one per context: they are cheap). */
export function createHostCallback(): ivm.Callback {
  return new ivm.Callback(dispatch);
}
