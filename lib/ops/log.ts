/**
 * The server's log: one JSON object per line (pino) with the request id of the request being served
 * on every line written while serving it, or a readable line per entry (pino-pretty) with
 * LOG_FORMAT=pretty, the default outside production. installConsoleLogging() routes console.* through
 * it, so the app's existing `console.error("[grader] ...", error)` calls become log entries too.
 *
 * The logger and the request context live on globalThis: scripts/server.ts (which starts each
 * request's context) and the copies of lib/ that Next.js bundles must share them. No "server-only"
 * import: scripts/server.ts and scripts/start.ts load this file outside Next.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

type RequestContext = { requestId: string };
type LogState = { logger: Logger; context: AsyncLocalStorage<RequestContext>; consoleInstalled: boolean };

const LOG_KEY = Symbol.for("serverside.ops.log");
const processGlobal = globalThis as typeof globalThis & { [LOG_KEY]?: LogState };

/** "json" or "pretty": LOG_FORMAT, else pretty in development and JSON otherwise. */
export function logFormat(): "json" | "pretty" {
  const chosen = (process.env.LOG_FORMAT ?? "").trim().toLowerCase();
  if (chosen === "json" || chosen === "pretty") return chosen;
  return process.env.NODE_ENV === "production" ? "json" : "pretty";
}

function state(): LogState {
  if (processGlobal[LOG_KEY]) return processGlobal[LOG_KEY];
  const context = new AsyncLocalStorage<RequestContext>();
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL?.trim() || "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const current = context.getStore();
      return current ? { requestId: current.requestId } : {};
    },
  };
  // Synchronous writes: the server calls process.exit() on shutdown paths, and a buffered line would be lost.
  const destination =
    logFormat() === "pretty"
      ? pretty({
          sync: true,
          colorize: Boolean(process.stdout.isTTY),
          translateTime: "HH:MM:ss.l",
          ignore: "pid,hostname",
        })
      : pino.destination({ dest: 1, sync: true });
  processGlobal[LOG_KEY] = { logger: pino(options, destination), context, consoleInstalled: false };
  return processGlobal[LOG_KEY];
}

/** The process's logger. */
export function getLogger(): Logger {
  return state().logger;
}

/** The request id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return state().context.getStore()?.requestId;
}

/** Runs `work` as part of request `requestId`: every log line written meanwhile carries it. */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return state().context.run({ requestId }, work);
}

/** A proxy's request id worth keeping (nginx's $request_id is 32 hex digits); anything else is replaced. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id for a request: the proxy's X-Request-Id when it is trusted and well formed, else a new UUID. */
export function chooseRequestId(forwarded: string | string[] | undefined, trustForwarded: boolean): string {
  const value = Array.isArray(forwarded) ? forwarded.at(-1) : forwarded;
  if (trustForwarded && value && FORWARDED_ID.test(value)) return value;
  return randomUUID();
}

/**
 * Routes console.log/info/warn/error/debug through the logger (once per process). A leading
 * "[tag]" becomes the entry's `component`; an Error argument also goes in `err` with its stack.
 */
export function installConsoleLogging(): void {
  const s = state();
  if (s.consoleInstalled) return;
  s.consoleInstalled = true;
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      const err = args.find((arg): arg is Error => arg instanceof Error);
      // The error's stack goes in `err` (pino's serializer), not twice.
      const text = format(...(err ? args.filter((arg) => arg !== err) : args)) || (err?.message ?? "");
      const tag = /^\[([\w :.-]{1,40})\] ?/.exec(text);
      const fields: Record<string, unknown> = {};
      if (tag) fields.component = tag[1];
      if (err) fields.err = err;
      s.logger[level](fields, tag ? text.slice(tag[0].length) : text);
    };
  console.log = write("info");
  console.info = write("info");
  console.warn = write("warn");
  console.error = write("error");
  console.debug = write("debug");
}
