import { loadConfig } from "./solution";

const good = {
  DATABASE_URL: "postgres://app:pw@db:5432/app",
  SESSION_SECRET: "0123456789abcdef0123456789abcdef",
};

describe("loadConfig", () => {
  test("only the required variables → defaults for the rest", () => {
    expect(loadConfig(good)).toEqual({
      ok: true,
      config: {
        port: 3000,
        databaseUrl: "postgres://app:pw@db:5432/app",
        logLevel: "info",
        signupEnabled: false,
        sessionSecret: "0123456789abcdef0123456789abcdef",
        requestTimeoutMs: 5000,
      },
    });
  });

  test('PORT="8080", FEATURE_SIGNUP="true", LOG_LEVEL="debug" → parsed', () => {
    const result = loadConfig({ ...good, PORT: "8080", FEATURE_SIGNUP: "true", LOG_LEVEL: "debug" });
    expect(result.ok && [result.config.port, result.config.signupEnabled, result.config.logLevel]).toEqual([8080, true, "debug"]);
  });

  test("no DATABASE_URL → ok: false with an error naming it", () => {
    const result = loadConfig({ SESSION_SECRET: good.SESSION_SECRET });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.some((e) => e.includes("DATABASE_URL"))).toBe(true);
  });
});
