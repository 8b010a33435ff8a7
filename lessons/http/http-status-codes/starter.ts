interface Task {
  id: number;
  title: string;
  done: boolean;
}

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

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);

  // Right now every request gets "200 OK" and the list. Make each request get the answer it deserves:
  // GET /tasks, HEAD /tasks, POST /tasks, GET /tasks/:id, 404 for unknown paths, 405 + Allow for
  // methods a path does not support. (Use nextId for new tasks.)
  return json(200, tasks);
}
