import { createStore, type TodoStore } from "./store";

export interface AppOptions {
  store?: TodoStore;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /** scrypt's cost N for new passwords (stage 2; tests lower it to run fast). */
  scryptN?: number;
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

/** Builds the service's request handler; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions = {}): (req: Request) => Promise<Response> {
  const store = options.store ?? createStore();
  const now = options.now ?? (() => Date.now());
  void store;
  void now;

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    // TODO (stage 1): /todos and /todos/<id>.
    // TODO (stage 2): /users and /sessions, and a signed-in user for every /todos request.
    void path;
    return error(404, "Not found.");
  };
}
