import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

/** An `npm start` that a spec runs with settings of its own (the suite's web server has fixed ones). */
export type AppServer = {
  /** The name given to startAppServer, for messages. */
  name: string;
  port: number;
  url: string;
  /** npm's process; its process group holds start.ts, the server and its grader workers. */
  process: ChildProcess;
  /** Everything the server wrote so far (stdout and stderr). */
  output: () => string;
  /** Sends a signal to the whole process group (SIGKILL: `kill -9` of the server). */
  signal: (signal: NodeJS.Signals) => void;
  /** Whether the server exited within `ms`. */
  exited: (ms: number) => Promise<boolean>;
  /** Kills the process group and waits until npm has exited. */
  stop: () => Promise<void>;
};

/** A TCP port nothing listens on right now. */
export async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Every server started here, killed when the test process exits, even after a timed-out test. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/**
 * Starts `npm start` on a free port with `env` on top of the suite's environment (and a fixed
 * AUTH_SECRET unless `env` sets one) and waits until it is ready: the grader's workers are up
 * ("grader ready", instrumentation.ts) AND the port is open ("ready on http://"; the server warms up
 * before it listens, so the first comes first and a request then would be refused). It reuses the
 * build the suite's web server made: when the sources changed since (start.ts would rebuild under the
 * running server), it stops and says so instead of waiting.
 */
export async function startAppServer(
  env: Record<string, string>,
  options: { name?: string; timeoutMs?: number } = {},
): Promise<AppServer> {
  const name = options.name ?? "app";
  const port = await freeTcpPort();
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so a signal reaches npm, start.ts, the server and its grader workers.
  const child = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
      PORT: String(port),
    },
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  const exited = async (ms: number): Promise<boolean> => {
    if (child.exitCode !== null || child.signalCode !== null) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  };
  const stop = async () => {
    signal("SIGKILL");
    await exited(30_000);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (!(output.includes("grader ready") && output.includes("ready on http://"))) {
    const building = output.includes("building the app");
    if (building || child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `server ${name} (npm start on port ${port}) did not come up${building ? " (the sources changed since the suite's build)" : ""}:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name, port, url, process: child, output: () => output, signal, exited, stop };
}
