import { DEFAULT_SCRYPT_N, hashPassword, hashToken, newToken, verifyPassword } from "./auth";
import { createStore, type Todo, type TodoChanges, type TodoStore, type User } from "./store";

export interface AppOptions {
  store?: TodoStore;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /** scrypt's cost N for new passwords (tests lower it to run fast). */
  scryptN?: number;
}

type Handler = (req: Request) => Promise<Response>;

const SESSION_MS = 24 * 60 * 60 * 1000;
const MAX_TITLE = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

async function readObject(req: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new HttpError(400, "The body must be JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "The body must be a JSON object.");
  return body as Record<string, unknown>;
}

function checkTitle(value: unknown): string {
  if (typeof value !== "string") throw new HttpError(422, "title must be a string.");
  const title = value.trim();
  if (title.length === 0 || title.length > MAX_TITLE) throw new HttpError(422, `title must be 1-${MAX_TITLE} characters.`);
  return title;
}

function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw new HttpError(422, `${name} must be true or false.`);
  return value;
}

function view(todo: Todo): Record<string, unknown> {
  return { id: todo.id, title: todo.title, done: todo.done, shared: todo.shared, createdAt: todo.createdAt };
}

function normalizeEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

function bearer(req: Request): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

/** Builds the service's request handler; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions = {}): Handler {
  const store = options.store ?? createStore();
  const now = options.now ?? (() => Date.now());
  const scryptN = options.scryptN ?? DEFAULT_SCRYPT_N;
  let dummyHash: string | undefined;

  function authenticate(req: Request): User["id"] {
    const token = bearer(req);
    const session = token === null ? undefined : store.findSession(hashToken(token));
    if (!session || session.expiresAt <= now()) {
      throw new HttpError(401, "Sign in first: send Authorization: Bearer <token>.", { "WWW-Authenticate": "Bearer" });
    }
    return session.userId;
  }

  async function signUp(req: Request): Promise<Response> {
    const body = await readObject(req);
    const email = normalizeEmail(body.email);
    if (email === null) throw new HttpError(422, "email must be an email address.");
    const password = body.password;
    if (typeof password !== "string" || password.length < 8 || password.length > 128) throw new HttpError(422, "password must be 8-128 characters.");
    const user = store.insertUser(email, hashPassword(password, scryptN));
    if (!user) throw new HttpError(409, "That email already has an account.");
    return Response.json({ id: user.id, email: user.email }, { status: 201 });
  }

  async function logIn(req: Request): Promise<Response> {
    const body = await readObject(req);
    const email = normalizeEmail(body.email);
    const password = body.password;
    if (email === null || typeof password !== "string") throw new HttpError(422, "email and password are required.");
    const at = now();
    const user = store.findUserByEmail(email);
    // An unknown email costs a hash too, so response times do not reveal who has an account.
    dummyHash ??= hashPassword("not a real password", scryptN);
    const ok = user !== undefined && verifyPassword(password, user.passwordHash);

    if (!ok) {
      throw new HttpError(401, "Wrong email or password.");
    }
    const token = newToken();
    store.insertSession({ tokenHash: hashToken(token), userId: user.id, expiresAt: at + SESSION_MS });
    return Response.json({ token }, { status: 201 });
  }

  function logOut(req: Request): Response {
    authenticate(req);
    store.deleteSession(hashToken(bearer(req)!));
    return new Response(null, { status: 204 });
  }

  function list(userId: number): Response {
    return Response.json({ items: store.listTodos(userId).map(view) });
  }

  async function create(req: Request, userId: number): Promise<Response> {
    const body = await readObject(req);
    // Pick the fields a client may set; everything else (id, ownerId, createdAt) is the server's.
    const todo = store.insertTodo({
      ownerId: userId,
      title: checkTitle(body.title),
      done: body.done === undefined ? false : checkBoolean(body.done, "done"),
      shared: body.shared === undefined ? false : checkBoolean(body.shared, "shared"),
      createdAt: new Date(now()).toISOString(),
    });
    return Response.json(view(todo), { status: 201, headers: { Location: `/todos/${todo.id}` } });
  }

  async function item(req: Request, userId: number, id: number): Promise<Response> {
    const todo = store.getTodo(id);
    const mine = todo !== undefined && todo.ownerId === userId;
    // Someone else's private todo answers exactly like one that does not exist.
    if (!todo || (!mine && !todo.shared)) throw new HttpError(404, "No such todo.");
    if (req.method === "GET" || req.method === "HEAD") return Response.json(view(todo));
    if (!mine) throw new HttpError(403, "Only the owner can change this todo.");
    if (req.method === "DELETE") {
      store.deleteTodo(id);
      return new Response(null, { status: 204 });
    }
    const body = await readObject(req);
    const changes: TodoChanges = {};
    if (body.title !== undefined) changes.title = checkTitle(body.title);
    if (body.done !== undefined) changes.done = checkBoolean(body.done, "done");
    if (body.shared !== undefined) changes.shared = checkBoolean(body.shared, "shared");
    return Response.json(view(store.updateTodo(id, changes)!));
  }

  async function route(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    const method = req.method;
    if (path === "/users") {
      if (method !== "POST") throw new HttpError(405, "Method not allowed.", { Allow: "POST" });
      return signUp(req);
    }
    if (path === "/sessions") {
      if (method === "POST") return logIn(req);
      if (method === "DELETE") return logOut(req);
      throw new HttpError(405, "Method not allowed.", { Allow: "POST, DELETE" });
    }
    if (path === "/todos") {
      if (method !== "GET" && method !== "POST") throw new HttpError(405, "Method not allowed.", { Allow: "GET, POST" });
      const userId = authenticate(req);
      return method === "GET" ? list(userId) : create(req, userId);
    }
    const match = /^\/todos\/([^/]+)$/.exec(path);
    if (match) {
      if (!["GET", "HEAD", "PATCH", "DELETE"].includes(method)) throw new HttpError(405, "Method not allowed.", { Allow: "GET, PATCH, DELETE" });
      const userId = authenticate(req);
      const id = /^[1-9]\d{0,15}$/.test(match[1]!) ? Number(match[1]) : NaN;
      if (Number.isNaN(id)) throw new HttpError(404, "No such todo.");
      return item(req, userId, id);
    }
    throw new HttpError(404, "Not found.");
  }

  return async function handler(req: Request): Promise<Response> {
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof HttpError) return error(err.status, err.message, err.headers);
      throw err;
    }
  };
}
