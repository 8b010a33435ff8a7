/**
 * A throwaway PostgreSQL cluster for tests and for writing PostgreSQL migrations: `initdb` into a
 * temporary folder, `pg_ctl start` on a free port (127.0.0.1 and a private socket folder, trust
 * authentication for the local user only), dropped with its folder on stop(). Uses Debian's
 * packages (/usr/lib/postgresql/<version>/bin) or the folder in POSTGRES_BIN; never touches a
 * system cluster.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface ThrowawayPostgres {
  /** postgresql:// URL of the `postgres` database (for CREATE DATABASE). */
  serverUrl: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its folder. */
  stop(): void;
}

/** The folder holding initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN) candidates.push(process.env.POSTGRES_BIN);
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(path.join(root, version, "bin"));
  }
  return (
    candidates.find(
      (dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")),
    ) ?? null
  );
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a throwaway cluster, or returns null (with the reason) when the binaries are absent.
 * initdb refuses to run as root: as root the cluster runs as the `postgres` OS user.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | { skip: string }> {
  const bin = findPostgresBin();
  if (!bin)
    return {
      skip: "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql, or set POSTGRES_BIN)",
    };
  const asRoot = process.getuid?.() === 0;
  // runuser lives in /usr/sbin, which a minimal PATH (a CI job's) may leave out.
  const runuser =
    [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/sbin"]
      .map((d) => path.join(d, "runuser"))
      .find((f) => isExecutable(f)) ?? "runuser";
  const runAs = (command: string, args: string[]) =>
    (asRoot ? [runuser, ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-pg-"));
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const data = path.join(dir, "data");
  const user = asRoot ? "postgres" : os.userInfo().username;
  const run = (command: string, args: string[]) => {
    const [file, argv] = runAs(path.join(bin, command), args);
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0)
      throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error?.message}`);
  };
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  // A port may be taken between freePort() and the server binding it: try a few.
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=32MB`;
    try {
      run("pg_ctl", [
        "-D",
        data,
        "-l",
        path.join(dir, "server.log"),
        "-o",
        options,
        "-w",
        "-t",
        "60",
        "start",
      ]);
      break;
    } catch (error) {
      if (attempt >= 3) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const serverUrl = `postgresql://${user}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Already gone: the folder goes anyway.
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  return {
    serverUrl,
    port,
    stop,
    async createDatabase(name: string) {
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name must be snake_case: ${name}`);
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return `postgresql://${user}@127.0.0.1:${port}/${name}`;
    },
  };
}
