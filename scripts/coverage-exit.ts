/**
 * Loaded (`--import`) into every test process by `npm run test:coverage` only: a process that ends on
 * its own (its event loop empties) ends through process.exit() instead, so isolated-vm does not abort
 * it while Node writes its V8 coverage.
 *
 * Why: on a natural exit Node first runs the environment's cleanup hooks, where isolated-vm releases
 * its record of Node's own isolate, and only then takes the precise coverage for NODE_V8_COVERAGE. That
 * work allocates on Node's heap and can run a garbage collection; if an isolated-vm handle (an Isolate,
 * Context or Reference object of a test that ran isolates in-process) is collected then, its weak
 * callback asks for the current isolate record, finds none, and the addon aborts the process:
 * `environment.h:202 ... Assertion 'environment != nullptr' failed`, after every test had passed
 * (sandbox/prelude/prelude.test.ts, 2 runs in 3 at load 10). process.exit() writes the coverage
 * first (RunAtExit) and runs no cleanup hooks, so the record is still there; the exit code is the
 * same. Plain runs (`npm run test:unit`, the server) never load this file.
 */
if (process.env.NODE_V8_COVERAGE) {
  const end = (code: number) => process.exit(code);
  // Re-added on each beforeExit, so it is the last 'exit' listener: every other one still runs.
  process.on("beforeExit", () => {
    process.removeListener("exit", end);
    process.on("exit", end);
  });
}
