import { logLine, redact } from "./solution";

describe("redact", () => {
  test('{ user: "ann", password: "hunter2" } → the password becomes "[REDACTED]"', () => {
    expect(redact({ user: "ann", password: "hunter2" })).toEqual({ user: "ann", password: "[REDACTED]" });
  });

  test("nested objects are redacted too", () => {
    expect(redact({ req: { headers: { authorization: "Basic YW5uOmh1bnRlcjI=", accept: "*/*" } } })).toEqual({
      req: { headers: { authorization: "[REDACTED]", accept: "*/*" } },
    });
  });
});

describe("logLine", () => {
  test('logLine("info", "user signed in", { userId: 7 }) → one JSON object with time, level, msg and the field', () => {
    const line = logLine("info", "user signed in", { userId: 7 });
    expect(JSON.parse(line)).toEqual({
      time: new Date().toISOString(),
      level: "info",
      msg: "user signed in",
      userId: 7,
    });
  });
});
