import { spawn } from "node:child_process";
import net from "node:net";

/** A second `npm start` that a spec runs with settings of its own (the suite's web server has fixed ones). */
export type AppServer = { port: number; url: string; output: () => string; stop: () => Promise<void> };

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

/**
 * Starts `npm start` on a free port with `env` on top of the suite's environment and waits until
 * /api/health answers. It reuses the build the suite's web server made: when the sources changed since
 * (start.ts would rebuild under the running server), it stops and says so instead of waiting.
 */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const port = await freeTcpPort();
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so stopping it takes npm, start.ts, the server and its grader workers.
  const child = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killGroup);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    process.removeListener("exit", killGroup);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    killGroup();
    await exited;
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    const building = output.includes("building the app");
    if (building || child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start on port ${port} did not come up${building ? " (the sources changed since the suite's build)" : ""}:\n${output}`);
    }
    const healthy = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return { port, url, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
