// Helpers the tests use to talk to your handler (you can read them, and use them in your own tests).
export const BASE = "http://todo.test";
export type Handle = (req: Request) => Promise<Response>;

export interface CallOptions {
  /** Sent as JSON unless it is a string (then sent as it is). */
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Sends one request to the handler. */
export function call(handle: Handle, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  return handle(new Request(BASE + path, { method, headers, body }));
}

/**
 * Signs up `email` and logs in, returning the bearer token. In stage 1 there are no accounts yet
 * (POST /users is a 404): then it returns null and the tests send no Authorization header.
 */
export async function signIn(handle: Handle, email: string, password = "correct horse battery"): Promise<string | null> {
  const signUp = await call(handle, "POST", "/users", { body: { email, password } });
  if (signUp.status === 404) return null;
  const res = await call(handle, "POST", "/sessions", { body: { email, password } });
  const body = (await res.json()) as { token?: unknown };
  return typeof body.token === "string" ? body.token : null;
}
