import { loadConfig } from "./solution";

const SECRET = "s3cr3t-value-that-is-long-enough-0001";
const good = { DATABASE_URL: "postgresql://app:hunter2@db.internal:5432/app", SESSION_SECRET: SECRET };

function errorsFor(env: Record<string, string | undefined>): string[] {
  const result = loadConfig(env);
  return result.ok ? [] : result.errors;
}

function configOf(env: Record<string, string | undefined>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error("expected ok: true, got errors: " + result.errors.join("; "));
  return result.config;
}

const mentions = (errors: string[], name: string) => errors.filter((e) => e.includes(name)).length;

describe("booleans", () => {
  test('FEATURE_SIGNUP="false" and "0" → false (Boolean("false") would say true); "true" and "1" → true', () => {
    expect(configOf({ ...good, FEATURE_SIGNUP: "false" }).signupEnabled).toBe(false);
    expect(configOf({ ...good, FEATURE_SIGNUP: "0" }).signupEnabled).toBe(false);
    expect(configOf({ ...good, FEATURE_SIGNUP: "1" }).signupEnabled).toBe(true);
  });

  test('FEATURE_SIGNUP="yes", "TRUE" or "on" → an error naming FEATURE_SIGNUP, not a guess', () => {
    for (const value of ["yes", "TRUE", "on"]) {
      expect(`${value}: ${mentions(errorsFor({ ...good, FEATURE_SIGNUP: value }), "FEATURE_SIGNUP")}`).toBe(`${value}: 1`);
    }
  });
});

describe("numbers", () => {
  test('PORT must be digits from 1 to 65535: "0", "65536", "80abc", "8e3", " 80", "-1" → errors', () => {
    for (const value of ["0", "65536", "80abc", "8e3", " 80", "-1", "3000.5"]) {
      expect(`${value}: ${mentions(errorsFor({ ...good, PORT: value }), "PORT")}`).toBe(`${value}: 1`);
    }
    expect(configOf({ ...good, PORT: "1" }).port).toBe(1);
    expect(configOf({ ...good, PORT: "65535" }).port).toBe(65535);
  });

  test("REQUEST_TIMEOUT_MS: default 5000, range 100 to 60000", () => {
    expect(configOf({ ...good, REQUEST_TIMEOUT_MS: "100" }).requestTimeoutMs).toBe(100);
    expect(configOf({ ...good, REQUEST_TIMEOUT_MS: "60000" }).requestTimeoutMs).toBe(60000);
    expect(mentions(errorsFor({ ...good, REQUEST_TIMEOUT_MS: "99" }), "REQUEST_TIMEOUT_MS")).toBe(1);
    expect(mentions(errorsFor({ ...good, REQUEST_TIMEOUT_MS: "60001" }), "REQUEST_TIMEOUT_MS")).toBe(1);
  });

  test('an empty value counts as unset: PORT="" → 3000, LOG_LEVEL="" → info', () => {
    const config = configOf({ ...good, PORT: "", LOG_LEVEL: "", FEATURE_SIGNUP: "", REQUEST_TIMEOUT_MS: "" });
    expect([config.port, config.logLevel, config.signupEnabled, config.requestTimeoutMs]).toEqual([3000, "info", false, 5000]);
  });
});

describe("required values", () => {
  test("DATABASE_URL must be a postgres:// or postgresql:// URL: mysql://, a bare host, or empty → error", () => {
    for (const value of ["mysql://u:p@h/db", "db.internal:5432", "", "postgres"]) {
      expect(`${JSON.stringify(value)}: ${mentions(errorsFor({ ...good, DATABASE_URL: value }), "DATABASE_URL")}`).toBe(`${JSON.stringify(value)}: 1`);
    }
    expect(configOf({ ...good, DATABASE_URL: "postgres://localhost/app" }).databaseUrl).toBe("postgres://localhost/app");
  });

  test("SESSION_SECRET must be at least 32 characters: 31 → error, 32 → ok", () => {
    expect(mentions(errorsFor({ ...good, SESSION_SECRET: "x".repeat(31) }), "SESSION_SECRET")).toBe(1);
    expect(configOf({ ...good, SESSION_SECRET: "y".repeat(32) }).sessionSecret).toBe("y".repeat(32));
  });

  test("LOG_LEVEL must be exactly debug, info, warn or error (\"verbose\" and \"INFO\" → error)", () => {
    expect(mentions(errorsFor({ ...good, LOG_LEVEL: "verbose" }), "LOG_LEVEL")).toBe(1);
    expect(mentions(errorsFor({ ...good, LOG_LEVEL: "INFO" }), "LOG_LEVEL")).toBe(1);
    expect(configOf({ ...good, LOG_LEVEL: "warn" }).logLevel).toBe("warn");
  });
});

describe("reporting", () => {
  test("every problem is reported at once, one error per bad variable (not just the first)", () => {
    const errors = errorsFor({ PORT: "http", LOG_LEVEL: "loud", FEATURE_SIGNUP: "maybe", REQUEST_TIMEOUT_MS: "5s" });
    for (const name of ["PORT", "LOG_LEVEL", "FEATURE_SIGNUP", "REQUEST_TIMEOUT_MS", "DATABASE_URL", "SESSION_SECRET"]) {
      expect(`${name}: ${mentions(errors, name)}`).toBe(`${name}: 1`);
    }
    expect(errors.length).toBe(6);
  });

  test("errors never repeat a value: a wrong DATABASE_URL's password or a short secret stays out of the messages", () => {
    const errors = errorsFor({ DATABASE_URL: "mysql://root:hunter2@db/app", SESSION_SECRET: "tooshort-but-secret" });
    const text = errors.join("\n");
    expect(text.includes("hunter2")).toBe(false);
    expect(text.includes("tooshort-but-secret")).toBe(false);
  });

  test("the returned config is frozen, so no code can change settings at run time", () => {
    const config = configOf(good);
    expect(Object.isFrozen(config)).toBe(true);
  });

  test("unrelated variables (PATH, HOME) are ignored and do not appear in the config", () => {
    const config = configOf({ ...good, PATH: "/usr/bin", HOME: "/root" });
    expect(Object.keys(config).sort()).toEqual(["databaseUrl", "logLevel", "port", "requestTimeoutMs", "sessionSecret", "signupEnabled"]);
  });
});
