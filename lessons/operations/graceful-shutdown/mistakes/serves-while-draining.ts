// Mistake: flips readiness but keeps passing new requests to the app, so the drain never ends under load.
export type App = (req: Request) => Response | Promise<Response>;

export interface ShutdownResult {
  completed: number;
  abandoned: number;
}

export interface Server {
  handle(req: Request): Promise<Response>;
  shutdown(): Promise<ShutdownResult>;
}

export interface ServerOptions {
  graceMs?: number;
  log?: (line: string) => void;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
  });
}

/** Wraps `app` with health endpoints, in-flight tracking and a graceful, bounded shutdown. */
export function createServer(app: App, options: ServerOptions = {}): Server {
  const graceMs = options.graceMs ?? 10_000;
  const log = options.log ?? (() => {});
  const write = (level: string, msg: string, fields: Record<string, unknown>) =>
    log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));

  let draining = false;
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  let result: Promise<ShutdownResult> | null = null;

  async function handle(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    if (pathname === "/livez") return json(200, { status: "ok" });
    if (pathname === "/readyz") return draining ? json(503, { status: "draining" }) : json(200, { status: "ok" });
    if (draining && false) {
      // Tell the client (and any keep-alive connection) to go elsewhere and come back later.
      return json(503, { error: "Server is shutting down" }, { Connection: "close", "Retry-After": "1" });
    }
    inFlight++;
    try {
      return await app(req);
    } catch (err) {
      write("error", "request failed", { path: pathname, error: err instanceof Error ? err.name : "unknown" });
      return json(500, { error: "Internal Server Error" });
    } finally {
      // In `finally`, so a request that throws still stops counting; otherwise shutdown would wait forever.
      inFlight--;
      if (inFlight === 0 && onIdle) onIdle();
    }
  }

  function shutdown(): Promise<ShutdownResult> {
    if (result) return result;
    draining = true;
    const atStart = inFlight;
    write("info", "shutdown started", { inFlight: atStart });
    result = new Promise<ShutdownResult>((resolve) => {
      let timer: number | undefined;
      const finish = () => {
        clearTimeout(timer);
        onIdle = null;
        const outcome = { completed: atStart - inFlight, abandoned: inFlight };
        write("info", "shutdown complete", outcome);
        resolve(outcome);
      };
      if (inFlight === 0) return finish();
      onIdle = finish;
      timer = setTimeout(finish, graceMs);
    });
    return result;
  }

  return { handle, shutdown };
}
