/**
 * A scripted network: the sandbox's fetch() answers from responses that TEST code scripts through
 * `network` in "serverside:test" (the harness refuses that module to learner code), with delays on
 * the virtual clock, failures and hangs. There is no real network: a request nothing scripted fails
 * like an unreachable host. Every request is recorded so tests can check what was sent and when
 * (retries, backoff, timeouts, circuit breakers).
 *
 * The script and the record live in this closure; learner code sees only fetch(), which it may
 * call but not inspect. fetch itself is a non-writable global, so learner code cannot replace it
 * with a stand-in that answers without being recorded.
 */
import { DOMException } from "./dom-exception.ts";
import { Headers, Request, Response, peekRequestBody, type HeadersInit, type RequestInit } from "./fetch.ts";
import { isAbortSignal, type AbortSignal } from "./abort.ts";
import type { URL } from "./url.ts";

/** One scripted answer. */
export interface ScriptedReply {
  status?: number;
  statusText?: string;
  headers?: HeadersInit;
  /** The body as text or bytes. */
  body?: string | Uint8Array;
  /** A JSON body (sets content-type: application/json unless headers name one). */
  json?: unknown;
  /** Virtual milliseconds before the answer arrives (default 0). */
  delay?: number;
  /** The request fails like a network error: fetch rejects with TypeError("fetch failed"), this text as its cause. */
  error?: string;
  /** The answer never arrives; only an AbortSignal ends the wait. */
  hang?: boolean;
}

export type Responder =
  ScriptedReply | ScriptedReply[] | ((request: Request) => ScriptedReply | Promise<ScriptedReply>);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Virtual time (performance.now()) when fetch was called. */
  at: number;
}

export interface NetworkControl {
  on(pattern: string | RegExp, responder: Responder): void;
  requests(): RecordedRequest[];
  count(): number;
  reset(): void;
}

type Rule = {
  method: string | null;
  match: (url: string) => boolean;
  responder: Responder;
  used: number;
  label: string;
};

/** Why a cap: a learner's loop of a million fetches must not grow a record the test never reads. */
const MAX_RECORDED = 1000;
const MAX_RULES = 200;

export function createNetwork(timers: {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
}): {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  control: NetworkControl;
} {
  let rules: Rule[] = [];
  let recorded: RecordedRequest[] = [];
  let total = 0;

  function parsePattern(pattern: string | RegExp): Pick<Rule, "method" | "match" | "label"> {
    if (pattern instanceof RegExp) {
      const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
      return { method: null, match: (url) => re.test(url), label: String(pattern) };
    }
    const text = String(pattern).trim();
    const space = text.indexOf(" ");
    const method = space > 0 ? text.slice(0, space).toUpperCase() : null;
    const target = space > 0 ? text.slice(space + 1).trim() : text;
    if (!/^https?:\/\//i.test(target))
      throw new TypeError(
        `network.on: "${target}" is not an absolute http(s) URL (optionally after a method, and ending in * to match a prefix)`,
      );
    if (target.endsWith("*")) {
      const prefix = target.slice(0, -1);
      return { method, match: (url) => url.startsWith(prefix), label: text };
    }
    // Normalized like request URLs are (a trailing slash on a bare origin, lower-case host).
    let exact: string;
    try {
      exact = new Request(target).url;
    } catch {
      throw new TypeError(`network.on: "${target}" is not a valid URL`);
    }
    return { method, match: (url) => url === exact, label: text };
  }

  function nextReply(rule: Rule, request: Request): ScriptedReply | Promise<ScriptedReply> {
    const responder = rule.responder;
    rule.used++;
    if (typeof responder === "function") return responder(request);
    if (Array.isArray(responder)) return responder[Math.min(rule.used, responder.length) - 1] ?? {};
    return responder;
  }

  function toResponse(reply: ScriptedReply): Response {
    if (typeof reply !== "object" || reply === null)
      throw new TypeError("network: a scripted reply must be an object like { status: 200, json: {...} }");
    const headers = new Headers(reply.headers);
    let body: string | Uint8Array | null = reply.body ?? null;
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const status = reply.status ?? 200;
    return new Response(status === 204 || status === 304 ? null : body, {
      status,
      statusText: reply.statusText ?? "",
      headers,
    });
  }

  function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    let request: Request;
    let signal: AbortSignal | null;
    try {
      request = new Request(input, init);
      signal = init?.signal ?? (input instanceof Request ? input.signal : null);
      if (signal !== null && signal !== undefined && !isAbortSignal(signal))
        throw new TypeError("fetch: signal must be an AbortSignal");
    } catch (error) {
      return Promise.reject(error);
    }
    total++;
    if (recorded.length < MAX_RECORDED) {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      recorded.push({
        method: request.method,
        url: request.url,
        headers,
        body: peekRequestBody(request),
        at: timers.now(),
      });
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    const rule = rules.find(
      (r) => (r.method === null || r.method === request.method) && r.match(request.url),
    );
    if (!rule) {
      return Promise.reject(
        new TypeError(
          `fetch failed: nothing answers ${request.method} ${request.url} (the sandbox has no network; the exercise's tests decide what each URL answers)`,
        ),
      );
    }
    return new Promise<Response>((resolve, reject) => {
      let timer: number | null = null;
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        if (timer !== null) timers.clearTimeout(timer);
        reject(signal!.reason ?? new DOMException("This operation was aborted", "AbortError"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const finish = (act: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        act();
      };
      Promise.resolve()
        .then(() => nextReply(rule, request.clone()))
        .then(
          (reply) => {
            if (reply?.hang) return;
            const deliver = () =>
              finish(() => {
                if (reply?.error !== undefined) {
                  reject(new TypeError("fetch failed", { cause: new Error(String(reply.error)) }));
                  return;
                }
                try {
                  resolve(toResponse(reply));
                } catch (error) {
                  reject(error);
                }
              });
            const delay = Number(reply?.delay ?? 0);
            if (Number.isFinite(delay) && delay > 0) timer = timers.setTimeout(deliver, delay);
            else deliver();
          },
          (error: unknown) => finish(() => reject(error)),
        );
    });
  }

  const control: NetworkControl = {
    on(pattern, responder) {
      if (rules.length >= MAX_RULES) throw new RangeError(`network.on: at most ${MAX_RULES} rules per test`);
      if (responder === null || (typeof responder !== "object" && typeof responder !== "function")) {
        throw new TypeError(
          "network.on(pattern, reply): reply must be a reply object, an array of them, or a function of the request",
        );
      }
      if (Array.isArray(responder) && responder.length === 0)
        throw new TypeError("network.on: an empty list of replies");
      rules.push({ ...parsePattern(pattern), responder, used: 0 });
    },
    requests() {
      return recorded.map((r) => ({ ...r, headers: { ...r.headers } }));
    },
    count() {
      return total;
    },
    reset() {
      rules = [];
      recorded = [];
      total = 0;
    },
  };
  return { fetch, control };
}
