import { generateCode } from "./codes";
import { createStore, type LinkStore } from "./store";

export interface AppOptions {
  store?: LinkStore;
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

/** Builds the service's request handler; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions = {}): (req: Request) => Promise<Response> {
  const store = options.store ?? createStore();
  void generateCode;
  void store;

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    // TODO (stage 1): POST /links shortens a URL.
    void path;
    return error(404, "Not found.");
  };
}
