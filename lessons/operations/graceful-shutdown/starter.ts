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

/** Wraps `app` with health endpoints, in-flight tracking and a graceful, bounded shutdown. */
export function createServer(app: App, options: ServerOptions = {}): Server {
  return {
    async handle(req) {
      return app(req); // TODO: /livez, /readyz, refuse while draining, count requests in flight
    },
    async shutdown() {
      return { completed: 0, abandoned: 0 }; // TODO: wait for in-flight requests, at most graceMs
    },
  };
}
