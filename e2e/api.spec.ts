import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { validate as validateOpenApi } from "@readme/openapi-parser";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { E2E_DATABASE_URL } from "../playwright.config.ts";
import { queryE2eDatabase, setRole, signUpInNewContext } from "./helpers";

// The grading API against the real server (`npm start`, fresh data/e2e.db, API_RATE_LIMIT_PER_MINUTE=60).
// Accounts and keys are made with the project's own commands, on the server's database.

const stamp = Date.now().toString(36);
const password = "correct horse battery";
const EXERCISE = "parse-query-pagination";
const lessonDir = `lessons/http/${EXERCISE}`;
const solution = fs.readFileSync(`${lessonDir}/solution.ts`, "utf8");
const starter = fs.readFileSync(`${lessonDir}/starter.ts`, "utf8");
const hiddenTests = fs.readFileSync(`${lessonDir}/hidden.test.ts`, "utf8");

const cliEnv = { ...process.env, DATABASE_URL: E2E_DATABASE_URL };
function cli(script: string, args: string[]): string {
  return execFileSync("npm", ["run", "-s", script, "--", ...args], {
    env: cliEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}
function createKey(email: string, name: string): string {
  return cli("api-key", ["create", "--user", email, "--name", name]).split("\n").pop()!;
}
const users = {
  instructor: `teacher-${stamp}@example.com`,
  ada: `ada-${stamp}@example.com`,
  bob: `bob-${stamp}@example.com`,
};
const keys = { instructor: "", ada: "", bob: "", rate: "", revoked: "", batch: "", docs: "", project: "" };

async function countSubmissions(where = "1=1", ...params: unknown[]): Promise<number> {
  const rows = await queryE2eDatabase<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM "Submission" WHERE ${where}`,
    params,
  );
  return Number(rows[0]!.n);
}

// --- the OpenAPI document, and checking responses against it ---------------------------------------

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};
let doc: Doc;
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
/** Every (method, path template, status) seen, for the coverage check at the end. */
const seen = new Set<string>();

/** Asserts the response's status is documented for the operation and its body validates against the documented schema. */
async function conforms(response: APIResponse, method: string, template: string): Promise<unknown> {
  const operation = doc.paths[template]?.[method];
  expect(operation, `${method} ${template} is documented`).toBeTruthy();
  const status = String(response.status());
  const documented = operation!.responses[status];
  expect(documented, `${method} ${template} documents status ${status}`).toBeTruthy();
  const contentType = response.headers()["content-type"]?.split(";")[0] ?? "";
  const media = documented!.content?.[contentType];
  expect(media, `${method} ${template} ${status} documents ${contentType}`).toBeTruthy();
  const body = await response.json();
  const schema = JSON.parse(
    JSON.stringify(media!.schema).replaceAll('"#/components/', '"openapi.json#/components/'),
  );
  const check = ajv.compile(schema as object);
  expect(check(body), `${method} ${template} ${status}: ${JSON.stringify(check.errors)}`).toBe(true);
  seen.add(`${method} ${template} ${status}`);
  return body;
}

async function expectProblem(
  response: APIResponse,
  status: number,
  code: string,
  method: string,
  template: string,
) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = (await conforms(response, method, template)) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `/docs/api#error-${code}` });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  return body;
}

const auth = (key: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${key}`,
  ...extra,
});

async function grade(
  request: APIRequestContext,
  key: string,
  data: unknown,
  headers: Record<string, string> = {},
  exercise = EXERCISE,
) {
  return request.post(`/api/v1/exercises/${exercise}/grade`, { headers: auth(key, headers), data });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request, browser }) => {
  // Three sign-ups (scrypt) and nine CLI runs (a Node process each): over 120 s at load 10+ (seen on
  // the PostgreSQL run), so a generous bound.
  test.setTimeout(300_000);
  for (const email of Object.values(users)) await signUpInNewContext(browser, email, password);
  setRole(users.instructor, "instructor");
  keys.instructor = createKey(users.instructor, "e2e instructor");
  keys.ada = createKey(users.ada, "e2e ada");
  keys.bob = createKey(users.bob, "e2e bob");
  keys.rate = createKey(users.instructor, "e2e rate limit");
  // Separate keys for the request-heavy tests, so none of them runs into the rate limit by accident.
  keys.batch = createKey(users.instructor, "e2e batch");
  keys.docs = createKey(users.instructor, "e2e docs");
  keys.project = createKey(users.bob, "e2e project");
  keys.revoked = createKey(users.instructor, "e2e revoked");
  const id = cli("api-key", ["list", "--user", users.instructor])
    .split("\n")
    .find((line) => line.includes("e2e revoked"))!
    .split("\t")[0]!;
  cli("api-key", ["revoke", id]);
  const response = await request.get("/api/v1/openapi.json");
  doc = (await response.json()) as Doc;
  ajv.addSchema(doc as object, "openapi.json");
});

test("the OpenAPI document is valid OpenAPI 3.1 and needs no key", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body.openapi).toBe("3.1.0");
  const result = await validateOpenApi(structuredClone(body));
  expect(result, JSON.stringify(result)).toMatchObject({ valid: true });
});

test("the reference page renders every documented operation and error code", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Serverside grading API");
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      await expect(
        page.getByRole("link", { name: `${method.toUpperCase()} /api/v1${path}`, exact: true }),
      ).toBeVisible();
    }
  }
  await expect(page.locator("#error-idempotency_key_reused")).toBeVisible();
  await expect(page.locator("#schema-GradeResult")).toBeVisible();
});

test("catalog: tracks, a track, an exercise (public parts only)", async ({ request }) => {
  const tracks = (await conforms(
    await request.get("/api/v1/tracks", { headers: auth(keys.instructor) }),
    "get",
    "/tracks",
  )) as { data: { id: string; lessons: { id: string }[] }[] };
  const http = tracks.data.find((track) => track.id === "http");
  expect(http?.lessons.map((lesson) => lesson.id)).toContain(EXERCISE);

  const track = (await conforms(
    await request.get("/api/v1/tracks/http", { headers: auth(keys.ada) }),
    "get",
    "/tracks/{trackId}",
  )) as { id: string };
  expect(track.id).toBe("http");
  await expectProblem(
    await request.get("/api/v1/tracks/no-such-track", { headers: auth(keys.ada) }),
    404,
    "not_found",
    "get",
    "/tracks/{trackId}",
  );

  const response = await request.get(`/api/v1/exercises/${EXERCISE}`, { headers: auth(keys.ada) });
  const exercise = (await conforms(response, "get", "/exercises/{exerciseId}")) as {
    exercise: { starter: string; exampleTests: unknown[] };
    lessonHtml: string;
  };
  expect(exercise.exercise.starter).toBe(starter);
  expect(exercise.exercise.exampleTests.length).toBeGreaterThan(0);
  expect(exercise.lessonHtml.length).toBeGreaterThan(100);
  const text = JSON.stringify(exercise);
  // No line of the hidden tests or the reference solution's body leaks.
  const secretLines = [...hiddenTests.split("\n"), ...solution.split("\n")]
    .map((line) => line.trim())
    .filter(
      (line) =>
        line.length > 40 &&
        !starter.includes(line) &&
        !exercise.exercise.exampleTests.some((file) =>
          JSON.stringify(file).includes(JSON.stringify(line).slice(1, -1)),
        ),
    );
  expect(secretLines.length).toBeGreaterThan(5);
  for (const line of secretLines) expect(text).not.toContain(JSON.stringify(line).slice(1, -1));
  await expectProblem(
    await request.get("/api/v1/exercises/no-such-exercise", { headers: auth(keys.ada) }),
    404,
    "unknown_exercise",
    "get",
    "/exercises/{exerciseId}",
  );
});

test("grade: a passing submit, a failing run, recorded and readable", async ({ request }) => {
  const before = await countSubmissions();
  const response = await grade(request, keys.ada, { code: solution, mode: "submit" });
  const passed = (await conforms(response, "post", "/exercises/{exerciseId}/grade")) as {
    submissionId: string;
    result: { status: string; tests: { hidden?: boolean }[] };
    learner: { email: string };
  };
  expect(response.status()).toBe(201);
  expect(response.headers()["location"]).toBe(`/api/v1/submissions/${passed.submissionId}`);
  expect(response.headers()["ratelimit-limit"]).toBe("60");
  expect(passed.result.status).toBe("pass");
  expect(passed.result.tests.some((t) => t.hidden)).toBe(true);
  expect(passed.learner.email).toBe(users.ada);

  const failing = (await conforms(
    await grade(request, keys.ada, { code: starter, mode: "run" }),
    "post",
    "/exercises/{exerciseId}/grade",
  )) as { result: { status: string; tests: { hidden?: boolean }[] } };
  expect(failing.result.status).toBe("fail");
  expect(failing.result.tests.some((t) => t.hidden)).toBe(false);
  expect(await countSubmissions()).toBe(before + 2);

  const read = (await conforms(
    await request.get(`/api/v1/submissions/${passed.submissionId}`, { headers: auth(keys.ada) }),
    "get",
    "/submissions/{submissionId}",
  )) as { id: string; code: string; status: string };
  expect(read).toMatchObject({ id: passed.submissionId, code: solution, status: "pass" });

  const broken = (await conforms(
    await grade(request, keys.ada, { code: "export function parseListQuery( {" }),
    "post",
    "/exercises/{exerciseId}/grade",
  )) as { result: { status: string } };
  expect(broken.result.status).toBe("error");
});

test("disclosure: learners get hidden tests without values; instructor keys read the full result and its seed", async ({
  request,
}) => {
  // Code that prints and throws whatever it is given, as a learner probing the hidden tests would.
  const probe = `export function parseListQuery(search: string): any { console.log("PROBE_OUT " + search); throw new TypeError("PROBE_THROWN " + search); }`;
  type Shown = {
    submissionId: string;
    result: {
      seed?: number;
      tests: {
        hidden?: boolean;
        redacted?: boolean;
        message?: string;
        output?: string;
        thrown?: { type: string; line?: number };
      }[];
    };
  };
  const graded = (await conforms(
    await grade(request, keys.ada, { code: probe }),
    "post",
    "/exercises/{exerciseId}/grade",
  )) as Shown;
  const hidden = graded.result.tests.filter((t) => t.hidden);
  expect(hidden.length).toBeGreaterThan(5);
  for (const t of hidden) {
    expect(t.redacted).toBe(true);
    expect(t.output).toBeUndefined();
    expect(t.message).toBe("Your code threw a TypeError at line 1.");
    expect(t.thrown).toMatchObject({ type: "TypeError", line: 1 });
  }
  expect(JSON.stringify(hidden)).not.toContain("PROBE_");
  expect(graded.result.seed).toBeUndefined();
  // Visible tests keep their full feedback.
  expect(JSON.stringify(graded.result.tests.filter((t) => !t.hidden))).toContain("PROBE_THROWN");

  // The learner reading it back gets the same view; an instructor key gets everything.
  const mine = (await conforms(
    await request.get(`/api/v1/submissions/${graded.submissionId}`, { headers: auth(keys.ada) }),
    "get",
    "/submissions/{submissionId}",
  )) as Shown;
  expect(JSON.stringify(mine.result.tests.filter((t) => t.hidden))).not.toContain("PROBE_");
  const full = (await conforms(
    await request.get(`/api/v1/submissions/${graded.submissionId}`, { headers: auth(keys.instructor) }),
    "get",
    "/submissions/{submissionId}",
  )) as Shown;
  expect(JSON.stringify(full.result.tests.filter((t) => t.hidden))).toContain("PROBE_THROWN");
  expect(Number.isInteger(full.result.seed)).toBe(true);
  const listed = (await conforms(
    await request.get(`/api/v1/submissions?learner=${encodeURIComponent(users.ada)}&limit=100`, {
      headers: auth(keys.instructor),
    }),
    "get",
    "/submissions",
  )) as { data: Shown["result"][] };
  expect(JSON.stringify(listed.data)).toContain("PROBE_THROWN");
});

test("errors: every failure is problem+json with a stable code, and records nothing", async ({ request }) => {
  const before = await countSubmissions();
  const url = `/api/v1/exercises/${EXERCISE}/grade`;
  const template = "/exercises/{exerciseId}/grade";
  const missing = await expectProblem(
    await request.post(url, { data: { code: "x" } }),
    401,
    "missing_api_key",
    "post",
    template,
  );
  expect(missing.detail).toContain("Bearer");
  const noKey = await request.get("/api/v1/tracks");
  expect(noKey.headers()["www-authenticate"]).toContain("Bearer");
  await expectProblem(noKey, 401, "missing_api_key", "get", "/tracks");
  await expectProblem(
    await request.get("/api/v1/tracks", { headers: { Authorization: "Basic abc" } }),
    401,
    "invalid_api_key",
    "get",
    "/tracks",
  );
  await expectProblem(
    await request.get("/api/v1/tracks", { headers: auth("ss_live_notakey") }),
    401,
    "invalid_api_key",
    "get",
    "/tracks",
  );
  await expectProblem(
    await request.get("/api/v1/tracks", { headers: auth(keys.revoked) }),
    401,
    "revoked_api_key",
    "get",
    "/tracks",
  );

  const json = { "Content-Type": "application/json" };
  await expectProblem(
    await request.post(url, { headers: auth(keys.ada, json), data: Buffer.from("{not json") }),
    400,
    "invalid_json",
    "post",
    template,
  );
  await expectProblem(
    await request.post(url, { headers: auth(keys.ada, json), data: Buffer.from(" ") }),
    400,
    "invalid_json",
    "post",
    template,
  );
  const wrongTypes = await expectProblem(
    await grade(request, keys.ada, { code: 42, mode: "fast" }),
    422,
    "validation_failed",
    "post",
    template,
  );
  expect((wrongTypes.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["code", "mode"]);
  const unknownField = await expectProblem(
    await grade(request, keys.ada, { code: "x", extra: 1 }),
    422,
    "validation_failed",
    "post",
    template,
  );
  expect(JSON.stringify(unknownField.errors)).toContain("extra");
  await expectProblem(await grade(request, keys.ada, [1, 2]), 422, "validation_failed", "post", template);
  await expectProblem(
    await grade(request, keys.ada, { code: "x" }, {}, "no-such-exercise"),
    404,
    "unknown_exercise",
    "post",
    template,
  );
  const tooLong = await expectProblem(
    await grade(request, keys.ada, { code: "x".repeat(70_000) }),
    422,
    "code_too_large",
    "post",
    template,
  );
  expect(tooLong.detail).toContain("70000");
  await expectProblem(
    await grade(request, keys.ada, { code: "y".repeat(1_100_000) }),
    413,
    "payload_too_large",
    "post",
    template,
  );
  await expectProblem(
    await request.post(url, {
      headers: auth(keys.ada, { "Content-Type": "text/plain" }),
      data: '{"code":"x"}',
    }),
    415,
    "unsupported_media_type",
    "post",
    template,
  );
  await expectProblem(
    await request.post(url, {
      headers: auth(keys.ada, { "Content-Type": "application/x-www-form-urlencoded" }),
      form: { code: "x" },
    }),
    415,
    "unsupported_media_type",
    "post",
    template,
  );

  const notAllowed = await expectProblem(
    await request.get(url, { headers: auth(keys.ada) }),
    405,
    "method_not_allowed",
    "post",
    template,
  );
  expect(notAllowed.detail).toContain("POST");
  const deleteTracks = await request.delete("/api/v1/tracks", { headers: auth(keys.ada) });
  expect(deleteTracks.status()).toBe(405);
  expect(deleteTracks.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect((await deleteTracks.json()).code).toBe("method_not_allowed");

  const nowhere = await request.get("/api/v1/no/such/endpoint", { headers: auth(keys.ada) });
  expect(nowhere.status()).toBe(404);
  expect(nowhere.headers()["content-type"]).toContain("application/problem+json");
  expect((await nowhere.json()).code).toBe("not_found");

  expect(await countSubmissions()).toBe(before);
});

test("whose submission: instructors grade for learners, learners only for themselves", async ({
  request,
}) => {
  const forAda = (await conforms(
    await grade(request, keys.instructor, { code: solution, learner: users.ada.toUpperCase() }),
    "post",
    "/exercises/{exerciseId}/grade",
  )) as { submissionId: string; learner: { email: string } };
  expect(forAda.learner.email).toBe(users.ada);
  const own = (await conforms(
    await grade(request, keys.instructor, { code: starter, mode: "run" }),
    "post",
    "/exercises/{exerciseId}/grade",
  )) as { learner: { email: string } };
  expect(own.learner.email).toBe(users.instructor);

  await expectProblem(
    await grade(request, keys.ada, { code: solution, learner: users.bob }),
    403,
    "forbidden",
    "post",
    "/exercises/{exerciseId}/grade",
  );
  await expectProblem(
    await grade(request, keys.instructor, { code: solution, learner: `nobody-${stamp}@example.com` }),
    422,
    "unknown_learner",
    "post",
    "/exercises/{exerciseId}/grade",
  );
  // Naming yourself is fine for a learner.
  expect((await grade(request, keys.ada, { code: starter, mode: "run", learner: users.ada })).status()).toBe(
    201,
  );

  // Ada reads the submission the instructor made for her; Bob cannot see it exists.
  await conforms(
    await request.get(`/api/v1/submissions/${forAda.submissionId}`, { headers: auth(keys.ada) }),
    "get",
    "/submissions/{submissionId}",
  );
  await expectProblem(
    await request.get(`/api/v1/submissions/${forAda.submissionId}`, { headers: auth(keys.bob) }),
    404,
    "not_found",
    "get",
    "/submissions/{submissionId}",
  );
  await expectProblem(
    await request.get("/api/v1/submissions/not-an-id", { headers: auth(keys.instructor) }),
    404,
    "not_found",
    "get",
    "/submissions/{submissionId}",
  );

  const bobList = (await conforms(
    await request.get("/api/v1/submissions", { headers: auth(keys.bob) }),
    "get",
    "/submissions",
  )) as { data: unknown[] };
  expect(bobList.data).toEqual([]);
  await expectProblem(
    await request.get(`/api/v1/submissions?learner=${encodeURIComponent(users.ada)}`, {
      headers: auth(keys.bob),
    }),
    403,
    "forbidden",
    "get",
    "/submissions",
  );
  const adaList = (await conforms(
    await request.get("/api/v1/submissions?limit=100", { headers: auth(keys.ada) }),
    "get",
    "/submissions",
  )) as { data: { learner: { email: string } }[] };
  expect(adaList.data.length).toBe(
    await countSubmissions(`"userId" = (SELECT id FROM "User" WHERE email = ?)`, users.ada),
  );
  expect(new Set(adaList.data.map((s) => s.learner.email))).toEqual(new Set([users.ada]));

  // The instructor pages through Ada's submissions one at a time and sees each exactly once.
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `learner=${encodeURIComponent(users.ada)}&exercise=${EXERCISE}&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
    const page = (await conforms(
      await request.get(`/api/v1/submissions?${query}`, { headers: auth(keys.instructor) }),
      "get",
      "/submissions",
    )) as { data: { id: string }[]; nextCursor: string | null };
    ids.push(...page.data.map((s) => s.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < 50);
  expect(ids.length).toBe(adaList.data.length);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toContain(forAda.submissionId);
  await expectProblem(
    await request.get("/api/v1/submissions?cursor=bogus", { headers: auth(keys.instructor) }),
    422,
    "validation_failed",
    "get",
    "/submissions",
  );
  await expectProblem(
    await request.get("/api/v1/submissions?limit=1000", { headers: auth(keys.instructor) }),
    422,
    "validation_failed",
    "get",
    "/submissions",
  );
  await expectProblem(
    await request.get(`/api/v1/submissions?learner=nobody-${stamp}@example.com`, {
      headers: auth(keys.instructor),
    }),
    422,
    "unknown_learner",
    "get",
    "/submissions",
  );
});

test("idempotency: a retried grade is graded and recorded once", async ({ request }) => {
  const keyId = async (key: string) =>
    (
      await queryE2eDatabase<{ id: string }>(
        `SELECT id FROM "ApiKey" WHERE prefix = ? ORDER BY "createdAt" DESC`,
        [key.slice(0, 12)],
      )
    )[0]!.id;
  const apiKeyId = await keyId(keys.instructor);
  const before = await countSubmissions(`"apiKeyId" = ?`, apiKeyId);
  const idem = { "Idempotency-Key": `grade-${stamp}` };
  const first = await grade(request, keys.instructor, { code: solution, learner: users.bob }, idem);
  expect(first.status()).toBe(201);
  const firstBody = await first.json();
  const second = await grade(request, keys.instructor, { code: solution, learner: users.bob }, idem);
  expect(second.status()).toBe(201);
  expect(second.headers()["idempotent-replayed"]).toBe("true");
  expect(second.headers().location).toBe(`/api/v1/submissions/${firstBody.submissionId}`);
  expect(await conforms(second, "post", "/exercises/{exerciseId}/grade")).toEqual(firstBody);
  expect(await countSubmissions(`"apiKeyId" = ?`, apiKeyId)).toBe(before + 1);

  // Same key, different body: refused, nothing graded.
  await expectProblem(
    await grade(request, keys.instructor, { code: starter, learner: users.bob }, idem),
    422,
    "idempotency_key_reused",
    "post",
    "/exercises/{exerciseId}/grade",
  );
  await expectProblem(
    await grade(request, keys.instructor, { code: solution }, { "Idempotency-Key": "has space" }),
    400,
    "invalid_idempotency_key",
    "post",
    "/exercises/{exerciseId}/grade",
  );
  expect(await countSubmissions(`"apiKeyId" = ?`, apiKeyId)).toBe(before + 1);

  // Concurrent duplicates: one grade; the other waits its turn (409 in progress) or gets the replay.
  const concurrent = { "Idempotency-Key": `concurrent-${stamp}` };
  const responses = await Promise.all(
    [1, 2, 3].map(() => grade(request, keys.instructor, { code: solution, learner: users.bob }, concurrent)),
  );
  const statuses = responses.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
  for (const response of responses) {
    if (response.status() === 409) {
      const body = await expectProblem(
        response,
        409,
        "idempotency_in_progress",
        "post",
        "/exercises/{exerciseId}/grade",
      );
      expect(body.code).toBe("idempotency_in_progress");
      expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    }
  }
  expect(await countSubmissions(`"apiKeyId" = ?`, apiKeyId)).toBe(before + 2);

  // A batch retried with its key is not graded again either.
  const batchIdem = { "Idempotency-Key": `batch-${stamp}` };
  const data = {
    submissions: [
      { exerciseId: EXERCISE, code: solution, learner: users.bob },
      { exerciseId: EXERCISE, code: starter, mode: "run" },
    ],
  };
  const batch1 = await request.post("/api/v1/grade/batch", {
    headers: auth(keys.instructor, batchIdem),
    data,
  });
  const batch2 = await request.post("/api/v1/grade/batch", {
    headers: auth(keys.instructor, batchIdem),
    data,
  });
  expect(await batch2.json()).toEqual(await batch1.json());
  expect(await countSubmissions(`"apiKeyId" = ?`, apiKeyId)).toBe(before + 4);
});

test("batch: results in order, per-item errors as values", async ({ request }) => {
  const before = await countSubmissions();
  const response = await request.post("/api/v1/grade/batch", {
    headers: auth(keys.batch),
    data: {
      submissions: [
        { exerciseId: EXERCISE, code: solution, learner: users.ada },
        { exerciseId: "no-such-exercise", code: "x" },
        { exerciseId: EXERCISE, code: 5 },
        { exerciseId: EXERCISE, code: starter, mode: "run" },
        { exerciseId: EXERCISE, code: solution, learner: `nobody-${stamp}@example.com` },
      ],
    },
  });
  expect(response.status()).toBe(200);
  const body = (await conforms(response, "post", "/grade/batch")) as {
    results: { ok: boolean; result?: { status: string }; error?: { code: string } }[];
  };
  expect(body.results.map((r) => (r.ok ? r.result!.status : r.error!.code))).toEqual([
    "pass",
    "unknown_exercise",
    "validation_failed",
    "fail",
    "unknown_learner",
  ]);
  expect(await countSubmissions()).toBe(before + 2);

  const many = { submissions: Array.from({ length: 21 }, () => ({ exerciseId: EXERCISE, code: solution })) };
  await expectProblem(
    await request.post("/api/v1/grade/batch", { headers: auth(keys.batch), data: many }),
    422,
    "validation_failed",
    "post",
    "/grade/batch",
  );
  await expectProblem(
    await request.post("/api/v1/grade/batch", { headers: auth(keys.batch), data: { submissions: [] } }),
    422,
    "validation_failed",
    "post",
    "/grade/batch",
  );
  await expectProblem(
    await request.post("/api/v1/grade/batch", {
      headers: auth(keys.batch, { "Content-Type": "application/json" }),
      data: Buffer.from("["),
    }),
    400,
    "invalid_json",
    "post",
    "/grade/batch",
  );

  // Twenty at once go through the pool concurrently and come back in order.
  const twenty = {
    submissions: Array.from({ length: 20 }, (_, i) => ({
      exerciseId: EXERCISE,
      code: i % 2 ? starter : solution,
    })),
  };
  const full = (await conforms(
    await request.post("/api/v1/grade/batch", { headers: auth(keys.batch), data: twenty }),
    "post",
    "/grade/batch",
  )) as { results: { ok: boolean; result: { status: string } }[] };
  expect(full.results.map((r) => r.result.status)).toEqual(
    Array.from({ length: 20 }, (_, i) => (i % 2 ? "fail" : "pass")),
  );
});

test("rate limit: a key over its allowance gets 429 with Retry-After and RateLimit headers", async ({
  request,
}) => {
  let limited: APIResponse | null = null;
  for (let i = 0; i < 70 && !limited; i++) {
    const response = await request.get("/api/v1/tracks", { headers: auth(keys.rate) });
    if (response.status() === 429) limited = response;
    else expect(response.status()).toBe(200);
  }
  expect(limited, "the 61st request in a minute is refused").not.toBeNull();
  const body = await expectProblem(limited!, 429, "rate_limited", "get", "/tracks");
  expect(body.detail).toContain("60");
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(limited!.headers()["ratelimit-limit"]).toBe("60");
  expect(limited!.headers()["ratelimit-remaining"]).toBe("0");
  // Other keys are not affected.
  expect((await request.get("/api/v1/tracks", { headers: auth(keys.bob) })).status()).toBe(200);
});

const PROJECT = "url-shortener";
const projectDir = `lessons/projects/${PROJECT}`;
const PROJECT_FILES = ["routes.ts", "store.ts", "codes.ts"];
const readFiles = (dir: string) =>
  Object.fromEntries(PROJECT_FILES.map((name) => [name, fs.readFileSync(`${dir}/${name}`, "utf8")]));

test("grade: a multi-file project through the API, with files, stage by stage", async ({ request }) => {
  const gradeProject = (data: unknown) => grade(request, keys.project, data, {}, PROJECT);
  const template = "/exercises/{exerciseId}/grade";
  const detail = (await conforms(
    await request.get(`/api/v1/exercises/${PROJECT}`, { headers: auth(keys.project) }),
    "get",
    "/exercises/{exerciseId}",
  )) as {
    exercise: {
      files: { name: string }[] | null;
      stages: { id: string; exampleTests: { name: string }[] }[];
    };
  };
  expect(detail.exercise.files?.map((f) => f.name)).toEqual(PROJECT_FILES);
  expect(detail.exercise.stages.map((s) => s.id)).toEqual(["shorten", "redirect", "stats"]);

  const stage1 = readFiles(`${projectDir}/stages/shorten/solution`);
  const stage2 = readFiles(`${projectDir}/stages/redirect/solution`);
  const before = await countSubmissions();
  // code for a multi-file exercise, files that are not the exercise's, a later stage: refused, nothing recorded.
  await expectProblem(
    await gradeProject({ code: stage1["routes.ts"] }),
    422,
    "invalid_files",
    "post",
    template,
  );
  await expectProblem(
    await gradeProject({ files: { "routes.ts": stage1["routes.ts"], "store.ts": stage1["store.ts"] } }),
    422,
    "invalid_files",
    "post",
    template,
  );
  await expectProblem(
    await gradeProject({ files: { ...stage1, "hidden.test.ts": "export {}" } }),
    422,
    "invalid_files",
    "post",
    template,
  );
  await expectProblem(await gradeProject({ files: stage2, stage: 2 }), 409, "stage_locked", "post", template);
  expect(await countSubmissions()).toBe(before);

  // Stage 1 (the learner's current stage by default) passes; stage 2 unlocks.
  const first = (await conforms(await gradeProject({ files: stage1, mode: "submit" }), "post", template)) as {
    submissionId: string;
    result: { status: string; tests: { name: string }[] };
  };
  expect(first.result.status).toBe("pass");
  expect(first.result.tests.every((t) => t.name.startsWith("stage 1"))).toBe(true);

  // Stage 2 with a regression in stage 1's URL check: a stage 1 test fails.
  const regression = {
    ...stage2,
    "routes.ts": stage2["routes.ts"]!.replace(
      'parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null',
      "parsed.href",
    ),
  };
  const second = (await conforms(await gradeProject({ files: regression, stage: 2 }), "post", template)) as {
    submissionId: string;
    result: { status: string; tests: { name: string; status: string }[] };
  };
  expect(second.result.status).toBe("fail");
  // Only stage 1 tests fail (the lesson may check the URL in more than one test: do not pin how many).
  const failing = second.result.tests.filter((t) => t.status !== "pass").map((t) => t.name);
  expect(failing).toContain(
    "stage 1: shorten > only absolute http and https URLs are shortened (javascript:, data:, ftp: → 422)",
  );
  expect(failing.every((name) => name.startsWith("stage 1: shorten > "))).toBe(true);
  expect(second.result.tests.some((t) => t.name.startsWith("stage 2") && t.status === "pass")).toBe(true);

  const read = (await conforms(
    await request.get(`/api/v1/submissions/${second.submissionId}`, { headers: auth(keys.project) }),
    "get",
    "/submissions/{submissionId}",
  )) as { code: string; files: Record<string, string>; stage: number };
  expect(read).toMatchObject({ code: "", files: regression, stage: 2 });

  // The batch endpoint takes files too.
  const batch = (await conforms(
    await request.post("/api/v1/grade/batch", {
      headers: auth(keys.project),
      data: { submissions: [{ exerciseId: PROJECT, files: stage2, stage: 2, mode: "run" }] },
    }),
    "post",
    "/grade/batch",
  )) as { results: { ok: boolean; result?: { status: string } }[] };
  expect(batch.results[0]).toMatchObject({ ok: true, result: { status: "pass" } });
});

test("every documented operation answers as documented", async ({ request }) => {
  const submission = (await (await grade(request, keys.docs, { code: starter, mode: "run" })).json()) as {
    submissionId: string;
  };
  const values: Record<string, string> = {
    trackId: "http",
    exerciseId: EXERCISE,
    submissionId: submission.submissionId,
  };
  const bodies: Record<string, unknown> = {
    "/exercises/{exerciseId}/grade": { code: starter, mode: "run" },
    "/grade/batch": { submissions: [{ exerciseId: EXERCISE, code: starter, mode: "run" }] },
  };
  for (const [template, item] of Object.entries(doc.paths)) {
    const url = `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]!)}`;
    for (const method of Object.keys(item)) {
      const response =
        method === "post"
          ? await request.post(url, { headers: auth(keys.docs), data: bodies[template] })
          : await request.get(url, { headers: auth(keys.docs) });
      expect(response.status(), `${method} ${url}`).toBeLessThan(300);
      if (template !== "/openapi.json") await conforms(response, method, template);
    }
  }
  // Every operation was exercised with a success status somewhere in this file.
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (template === "/openapi.json") continue;
      expect(
        [...seen].some((entry) => entry.startsWith(`${method} ${template} 2`)),
        `${method} ${template}`,
      ).toBe(true);
    }
  }
});
