// Mistake: spreads the request body into the new task, so a client can set done, id or any other field (mass assignment).
interface Task {
  id: number;
  title: string;
  done: boolean;
}

// The in-memory "database". It lives as long as the module, so a POST is visible to the next GET.
const tasks: Task[] = [
  { id: 1, title: "Read about status codes", done: true },
  { id: 2, title: "Write the tasks handler", done: false },
];
let nextId = 3;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function methodNotAllowed(allow: string[]): Response {
  return json(405, { error: "Method not allowed" }, { Allow: allow.join(", ") });
}

// HEAD must answer exactly like GET, minus the body.
function withoutBody(res: Response): Response {
  return new Response(null, { status: res.status, headers: res.headers });
}

async function createTask(req: Request): Promise<Response> {
  let input: unknown;
  try {
    input = await req.json();
  } catch {
    return json(400, { error: "Body must be valid JSON" });
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return json(400, { error: "Body must be a JSON object" });
  }
  const title = (input as { title?: unknown }).title;
  if (typeof title !== "string" || title.trim() === "") {
    return json(400, { error: "title must be a non-empty string" });
  }
  const task: Task = { id: nextId++, done: false, ...(input as object), title: title.trim() } as Task;
  tasks.push(task);
  return json(201, task, { Location: `/tasks/${task.id}` });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);

  if (pathname === "/tasks") {
    if (req.method === "GET") return json(200, tasks);
    if (req.method === "HEAD") return withoutBody(json(200, tasks));
    if (req.method === "POST") return createTask(req);
    return methodNotAllowed(["GET", "HEAD", "POST"]);
  }

  const match = /^\/tasks\/(\d+)$/.exec(pathname);
  if (match) {
    const task = tasks.find((t) => t.id === Number(match[1]));
    const res = task ? json(200, task) : json(404, { error: `No task with id ${match[1]}` });
    if (req.method === "GET") return res;
    if (req.method === "HEAD") return withoutBody(res);
    return methodNotAllowed(["GET", "HEAD"]);
  }

  return json(404, { error: `Nothing at ${pathname}` });
}
