// Hidden tests with generated requests: every submission draws new sequences of requests
// (fast-check, seeded per submission) and sends each to the learner's handler and to the reference
// solution, which start with the same two tasks. Statuses, the headers that matter and the state
// (the task list) must agree; error texts are free, ids may differ (they are matched up as tasks
// are created). Nothing learned from one submission answers the next: titles, ids, paths, methods
// and bodies change every time.
import fc from "fast-check";
import * as reference from "./reference";
import { handler } from "./solution";

const base = "http://localhost";
type Task = { id: number; title: string; done: boolean };

// Learner ids and reference ids of the same task, in creation order (tasks 1 and 2 exist at the start).
const created: { mine: number; ref: number }[] = [
  { mine: 1, ref: 1 },
  { mine: 2, ref: 2 },
];
// Tasks the visible tests created in the learner's handler before these tests ran (the reference
// never saw them): left out of every comparison.
let earlier: Set<number> | null = null;
async function noteEarlierTasks(): Promise<void> {
  if (earlier !== null) return;
  earlier = new Set();
  try {
    const list = (await (await handler(request("GET", "/tasks"))).json()) as Task[];
    for (const task of list) if (task.id !== 1 && task.id !== 2) earlier.add(task.id);
  } catch {
    // a broken list answer fails the first comparison anyway
  }
}

type Command =
  | { kind: "list"; head: boolean; query: string }
  | { kind: "create"; title: string; extra: Record<string, unknown> }
  | { kind: "bad-create"; body: string }
  | { kind: "get"; which: number; head: boolean }
  | { kind: "missing"; segment: string; head: boolean }
  | { kind: "wrong-method"; on: "collection" | "item"; which: number; method: string }
  | { kind: "unknown-path"; path: string; method: string };

function request(method: string, path: string, body?: string): Request {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = body;
    init.headers = { "Content-Type": "application/json" };
  }
  return new Request(base + path, init);
}
const idAt = (which: number, side: "mine" | "ref") => created[which % created.length]![side];
function requestFor(command: Command, side: "mine" | "ref"): Request {
  switch (command.kind) {
    case "list":
      return request(command.head ? "HEAD" : "GET", `/tasks${command.query}`);
    case "create":
      return request("POST", "/tasks", JSON.stringify({ ...command.extra, title: command.title }));
    case "bad-create":
      return request("POST", "/tasks", command.body);
    case "get":
      return request(command.head ? "HEAD" : "GET", `/tasks/${idAt(command.which, side)}`);
    case "missing":
      return request(command.head ? "HEAD" : "GET", `/tasks/${command.segment}`);
    case "wrong-method":
      return request(command.method, command.on === "collection" ? "/tasks" : `/tasks/${idAt(command.which, side)}`, command.method === "DELETE" ? undefined : "{}");
    case "unknown-path":
      return request(command.method, command.path);
  }
}

const allowed = (res: Response) =>
  (res.headers.get("allow") ?? "")
    .split(",")
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== "")
    .sort();
/** A learner task as the reference would number it (ids matched up through `created`). */
function asReference(task: Task): Task {
  const pair = created.find((c) => c.mine === task.id);
  return { ...task, id: pair ? pair.ref : -1 };
}
const byId = (a: Task, b: Task) => a.id - b.id;

/** Sends one command to both handlers and checks that the learner's answer agrees. */
async function agree(command: Command): Promise<void> {
  const expected = await reference.handler(requestFor(command, "ref"));
  const res = await handler(requestFor(command, "mine"));
  // The command is in the message for authors (`npm run grade` shows it); learners see the test's summary only.
  expect({ request: command, status: res.status }).toEqual({ request: command, status: expected.status });
  const expectedType = expected.headers.get("content-type");
  if (expectedType) expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  if (expected.status === 405) expect(allowed(res)).toEqual(allowed(expected));
  const expectedText = await expected.text();
  const text = await res.text();
  if (expectedText === "" || ("head" in command && command.head)) {
    // HEAD: no body where the specification has none (a 404 for an unknown path is not specified).
    if (expectedText === "") expect(text).toBe("");
    return;
  }
  const body: unknown = JSON.parse(text);
  const expectedBody: unknown = JSON.parse(expectedText);
  if (expected.status >= 400) {
    expect(typeof (body as { error?: unknown }).error).toBe("string");
    return;
  }
  if (command.kind === "create") {
    const task = body as Task;
    const refTask = expectedBody as Task;
    expect(created.some((c) => c.mine === task.id) || earlier!.has(task.id)).toBe(false); // a new id
    expect(res.headers.get("location")).toBe(`/tasks/${task.id}`);
    created.push({ mine: task.id, ref: refTask.id });
  }
  if (Array.isArray(expectedBody)) {
    expect(Array.isArray(body)).toBe(true);
    const mine = (body as Task[]).filter((task) => !earlier!.has(task.id));
    expect(mine.map(asReference).sort(byId)).toEqual([...(expectedBody as Task[])].sort(byId));
  } else {
    expect(asReference(body as Task)).toEqual(expectedBody);
  }
}

async function agreeOnAll(commands: fc.Arbitrary<Command>, runs = 4): Promise<void> {
  await noteEarlierTasks();
  await fc.assert(
    fc.asyncProperty(fc.array(commands, { minLength: 2, maxLength: 5 }), async (sequence) => {
      for (const command of sequence) await agree(command);
      await agree({ kind: "list", head: false, query: "" }); // the state agrees after every sequence
    }),
    { numRuns: runs },
  );
}

// ---- generators ----------------------------------------------------------------------------------
const title = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim() === s && s !== "");
const create = fc.record({
  kind: fc.constant("create" as const),
  title,
  // Fields the client must not set (mass assignment): the server decides done and the id, and stores nothing else.
  extra: fc.oneof(
    fc.constant({}),
    fc.record({ done: fc.boolean() }),
    fc.record({ id: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ owner: fc.string({ maxLength: 6 }), done: fc.constant(true) }),
  ),
});
const notJson = fc.oneof(
  fc.constantFrom("", "{", "{not json", "[", '{"title": }', "title=x", "{'title': 'x'}"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);
const jsonNotAnObject = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }), fc.array(fc.nat(), { maxLength: 3 })).map((v) => JSON.stringify(v));
const badTitle = fc.oneof(
  fc.constant(undefined),
  fc.constant(""),
  fc.integer({ min: 1, max: 10 }).map((n) => " ".repeat(n)),
  fc.constantFrom("\t", "\n", " \t "),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.record({ text: fc.string({ maxLength: 5 }) }),
);
const objectWithoutTitle = badTitle.map((t) => JSON.stringify(t === undefined ? { name: "task" } : { title: t }));
const badCreate = fc.record({ kind: fc.constant("bad-create" as const), body: fc.oneof(notJson, jsonNotAnObject, objectWithoutTitle) });
const which = fc.nat({ max: 1000 });
const get = fc.record({ kind: fc.constant("get" as const), which, head: fc.boolean() });
// A query string does not change the path: /tasks?done=true is the list.
const query = fc.oneof(fc.constant(""), fc.constant(""), fc.stringMatching(/^\?[a-z]{1,5}=[a-z0-9]{0,5}$/));
const list = fc.record({ kind: fc.constant("list" as const), head: fc.boolean(), query });
const missing = fc.record({
  kind: fc.constant("missing" as const),
  // Ids of tasks that do not exist, and segments that are not only digits (an unanchored pattern reads "2abc" as 2).
  segment: fc.oneof(fc.integer({ min: 100_000, max: 1e9 }).map(String), fc.constantFrom("0", "abc", "-1", "1.5"), fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[12][a-z]{1,4}$/)),
  head: fc.boolean(),
});
const wrongMethod = fc.oneof(
  fc.record({ kind: fc.constant("wrong-method" as const), on: fc.constant("collection" as const), which, method: fc.constantFrom("PUT", "DELETE", "PATCH") }),
  fc.record({ kind: fc.constant("wrong-method" as const), on: fc.constant("item" as const), which, method: fc.constantFrom("POST", "PUT", "DELETE", "PATCH") }),
);
const unknownPath = fc.record({
  kind: fc.constant("unknown-path" as const),
  path: fc.oneof(
    fc.stringMatching(/^\/[a-z]{1,8}$/).filter((p) => p !== "/tasks"),
    fc.stringMatching(/^\/tasks[a-z]{1,7}$/), // starts like /tasks
    fc.stringMatching(/^\/tasks\/[12]\/[a-z]{1,8}$/), // below a task that exists
    fc.constantFrom("/", "/task", "/tasks/1/2"),
  ),
  method: fc.constantFrom("GET", "POST", "DELETE"),
});

describe("creating tasks", () => {
  test("POST with a title: 201, the new task, a Location that GET answers", { description: "Generated titles (any characters, extra fields such as done or id) interleaved with reads of the new tasks." }, async () => {
    await agreeOnAll(fc.oneof(create, get, list));
  });
  test("bodies that are not a task: 400 with an error, and nothing is created", { description: "Generated bodies that are not JSON, JSON that is not an object, and objects whose title is missing, blank or not a string." }, async () => {
    await agreeOnAll(fc.oneof(badCreate, create, list));
  });
});

describe("reading", () => {
  test("ids that do not exist, or are not ids: 404 with a JSON error", { description: "Generated ids of tasks that were never created, and path segments that are not numbers." }, async () => {
    await agreeOnAll(fc.oneof(missing, get, create));
  });
  test("HEAD answers like GET, without a body", { description: "Generated HEAD requests on the list, on tasks that exist and on ones that don't." }, async () => {
    await agreeOnAll(fc.oneof(list, get, missing, create).map((c) => ("head" in c ? { ...c, head: true } : c)));
  });
  test("paths that are not the API: 404 with a JSON error", { description: "Generated paths next to, below and unlike /tasks, with several methods." }, async () => {
    await agreeOnAll(fc.oneof(unknownPath, list));
  });
});

describe("methods", () => {
  test("a method a path does not support: 405 with exactly the allowed methods", { description: "Generated PUT, PATCH, DELETE and POST requests on the list and on tasks, which must not change anything." }, async () => {
    await agreeOnAll(fc.oneof(wrongMethod, create, list));
  });
});

describe("the whole API", () => {
  test("any sequence of requests: the same statuses and the same tasks as the specification", { description: "Generated sequences of every kind of request above, checked after each request and at the end." }, async () => {
    await agreeOnAll(fc.oneof(create, badCreate, get, list, missing, wrongMethod, unknownPath), 6);
  });
});
