// Mistake: throws at the first problem, so fixing a broken deployment takes one restart per variable.
export interface Config {
  port: number;
  databaseUrl: string;
  logLevel: "debug" | "info" | "warn" | "error";
  signupEnabled: boolean;
  sessionSecret: string;
  requestTimeoutMs: number;
}

export type ConfigResult = { ok: true; config: Readonly<Config> } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** Parses and checks every setting at once; error messages name the variable, never its value. */
export function loadConfig(env: Env): ConfigResult {
  try {
    return load(env);
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
}
function load(env: Env): ConfigResult {
  const errors: string[] = [];
  const fail = (m: string) => { throw new Error(m); };
  // An empty value counts as unset: `PORT=` in a .env file usually means "not configured".
  const read = (name: string): string | undefined => (env[name] === "" ? undefined : env[name]);

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      fail(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };

  const port = int("PORT", 3000, 1, 65535);
  const requestTimeoutMs = int("REQUEST_TIMEOUT_MS", 5000, 100, 60000);

  const databaseUrl = read("DATABASE_URL") ?? "";
  const parsed = URL.parse(databaseUrl);
  if (databaseUrl === "") fail("DATABASE_URL is required");
  else if (!parsed || (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")) {
    fail("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }

  const rawLevel = read("LOG_LEVEL") ?? "info";
  const logLevel = (LEVELS as readonly string[]).includes(rawLevel) ? (rawLevel as Config["logLevel"]) : "info";
  if (logLevel !== rawLevel) fail(`LOG_LEVEL must be one of ${LEVELS.join(", ")}`);

  const rawSignup = read("FEATURE_SIGNUP") ?? "false";
  let signupEnabled = false;
  if (rawSignup === "true" || rawSignup === "1") signupEnabled = true;
  else if (rawSignup !== "false" && rawSignup !== "0") fail("FEATURE_SIGNUP must be true, false, 1 or 0");

  const sessionSecret = read("SESSION_SECRET") ?? "";
  if (sessionSecret.length < 32) fail("SESSION_SECRET is required and must be at least 32 characters");


  return {
    ok: true,
    config: Object.freeze({ port, databaseUrl, logLevel, signupEnabled, sessionSecret, requestTimeoutMs }),
  };
}
