import { logLine, redact } from "./solution";

const R = "[REDACTED]";

describe("which keys are secret", () => {
  test("key names match whatever their case and with - or _ in them (X-Api-Key, accessToken, client_secret, Set-Cookie, ...)", () => {
    const input = {
      "X-Api-Key": "k1",
      accessToken: "t1",
      client_secret: "s1",
      "Set-Cookie": "sid=1",
      PASSWORD: "p1",
      db_passwd: "p2",
      api_key: "k2",
      Authorization: "Basic eA==",
      refresh_token: "t2",
    };
    const out = redact(input) as Record<string, unknown>;
    for (const key of Object.keys(input)) expect(`${key}=${String(out[key])}`).toBe(`${key}=${R}`);
  });

  test("ordinary keys keep their values (user, path, status, durationMs)", () => {
    const input = { user: "ann", path: "/login", status: 401, durationMs: 12.5, ok: false, note: null };
    expect(redact(input)).toEqual(input);
  });

  test("a secret key's whole value is replaced, even when it is an object, an array or a number", () => {
    expect(redact({ token: { value: "abc", exp: 1 }, passwords: ["a", "b"], pin: 1, secret: 1234 })).toEqual({
      token: R,
      passwords: R,
      pin: 1,
      secret: R,
    });
  });
});

describe("walking the value", () => {
  test("arrays of objects, at any depth, are redacted", () => {
    const input = { users: [{ name: "a", password: "x" }, { name: "b", meta: { apiKey: "y" } }], tags: ["t1", "t2"] };
    expect(redact(input)).toEqual({
      users: [{ name: "a", password: R }, { name: "b", meta: { apiKey: R } }],
      tags: ["t1", "t2"],
    });
    expect(redact([{ cookie: "c" }, 3])).toEqual([{ cookie: R }, 3]);
  });

  test("the input is never changed, and the result is a new object", () => {
    const input = { user: "ann", password: "hunter2", nested: { token: "t", list: [{ secret: "s" }] } };
    const before = JSON.stringify(input);
    const out = redact(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(out === input).toBe(false);
    expect((out as { nested: unknown }).nested === input.nested).toBe(false);
  });

  test("a circular reference becomes \"[Circular]\" instead of a crash; the same object twice is not circular", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(redact(a)).toEqual({ name: "a", self: "[Circular]" });
    const shared = { id: 1 };
    expect(redact({ first: shared, second: shared })).toEqual({ first: { id: 1 }, second: { id: 1 } });
  });

  test("an Error becomes { name, message } (JSON.stringify would give {}); a Date becomes its ISO string", () => {
    const err = new TypeError("boom at Bearer abc.def");
    expect(redact({ err, at: new Date(Date.UTC(2026, 4, 17, 8, 30)) })).toEqual({
      err: { name: "TypeError", message: `boom at Bearer ${R}` },
      at: "2026-05-17T08:30:00.000Z",
    });
  });

  test("bearer tokens inside any string are masked: \"... Bearer <token>\" → \"... Bearer [REDACTED]\"", () => {
    expect(redact({ line: "GET /me with bearer eyJhbGciOiJIUzI1NiJ9.e30.sig-_x rest" })).toEqual({
      line: `GET /me with Bearer ${R} rest`,
    });
    expect(redact(["Bearer a+b/c==", "no token here"])).toEqual([`Bearer ${R}`, "no token here"]);
  });

  test("plain values pass through: numbers, null, booleans, ordinary strings", () => {
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBe(null);
    expect(redact(true)).toBe(true);
    expect(redact("hello")).toBe("hello");
  });
});

describe("logLine", () => {
  test("fields are redacted deeply in the line too", () => {
    const line = JSON.parse(logLine("warn", "login failed", { body: { email: "a@b.c", password: "pw" } }));
    expect(line.body).toEqual({ email: "a@b.c", password: R });
  });

  test("a message with a newline still makes exactly one line (no forged second entry)", () => {
    const line = logLine("info", 'user "x"\n{"level":"error","msg":"forged"}', { path: "/a\nb" });
    expect(line.includes("\n")).toBe(false);
    expect(JSON.parse(line).msg).toBe('user "x"\n{"level":"error","msg":"forged"}');
  });

  test("fields named time, level or msg cannot overwrite the real ones; time, level and msg come first", () => {
    const parsed = JSON.parse(logLine("info", "real", { level: "error", msg: "fake", time: "1999", n: 1 }));
    expect(parsed.level).toBe("info");
    expect(parsed.msg).toBe("real");
    expect(parsed.time === "1999").toBe(false);
    expect(Object.keys(parsed).slice(0, 3)).toEqual(["time", "level", "msg"]);
    expect(parsed.n).toBe(1);
  });

  test("time is the current time in ISO 8601 UTC (follows the clock)", () => {
    clock.set(Date.UTC(2027, 0, 2, 3, 4, 5, 6));
    expect(JSON.parse(logLine("debug", "tick")).time).toBe("2027-01-02T03:04:05.006Z");
  });
});
