import { createStore, type Todo, type TodoChanges, type TodoStore } from "./store";

export interface AppOptions {
  store?: TodoStore;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  /** scrypt's cost N for new passwords (stage 2; tests lower it to run fast). */
  scryptN?: number;
}

type Handler = (req: Request) => Promise<Response>;

const MAX_TITLE = 200;

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
  return { id: todo.id, title: todo.title, done: todo.done, createdAt: todo.createdAt };
}

/** Builds the service's request handler; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions = {}): Handler {
  const store = options.store ?? createStore();
  const now = options.now ?? (() => Date.now());

  async function create(req: Request): Promise<Response> {
    const body = await readObject(req);
    // Pick the fields a client may set; everything else (id, createdAt) is the server's.
    const todo = store.insertTodo({
      done: false,
      createdAt: new Date(now()).toISOString(),
      ...body,
      title: checkTitle(body.title),
    } as Omit<Todo, "id">);

    return Response.json(view(todo), { status: 201, headers: { Location: `/todos/${todo.id}` } });
  }

  async function item(req: Request, id: number): Promise<Response> {
    const todo = store.getTodo(id);
    if (!todo) throw new HttpError(404, "No such todo.");
    if (req.method === "GET" || req.method === "HEAD") return Response.json(view(todo));
    if (req.method === "DELETE") {
      store.deleteTodo(id);
      return new Response(null, { status: 204 });
    }
    const body = await readObject(req);
    const changes: TodoChanges = {};
    if (body.title !== undefined) changes.title = checkTitle(body.title);
    if (body.done !== undefined) changes.done = checkBoolean(body.done, "done");
    return Response.json(view(store.updateTodo(id, changes)!));
  }

  async function route(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    const method = req.method;
    if (path === "/todos") {
      if (method === "GET") return Response.json({ items: store.listTodos().map(view) });
      if (method === "POST") return create(req);
      throw new HttpError(405, "Method not allowed.", { Allow: "GET, POST" });
    }
    const match = /^\/todos\/([^/]+)$/.exec(path);
    if (match) {
      if (!["GET", "HEAD", "PATCH", "DELETE"].includes(method)) throw new HttpError(405, "Method not allowed.", { Allow: "GET, PATCH, DELETE" });
      const id = /^[1-9]\d{0,15}$/.test(match[1]!) ? Number(match[1]) : NaN;
      if (Number.isNaN(id)) throw new HttpError(404, "No such todo.");
      return item(req, id);
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
