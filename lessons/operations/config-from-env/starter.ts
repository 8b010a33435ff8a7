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

/** Parses and checks every setting at once; error messages name the variable, never its value. */
export function loadConfig(env: Env): ConfigResult {
  // TODO: this trusts everything it is given.
  return {
    ok: true,
    config: {
      port: Number(env.PORT) || 3000,
      databaseUrl: env.DATABASE_URL ?? "",
      logLevel: (env.LOG_LEVEL as Config["logLevel"]) ?? "info",
      signupEnabled: Boolean(env.FEATURE_SIGNUP),
      sessionSecret: env.SESSION_SECRET ?? "",
      requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS) || 5000,
    },
  };
}
