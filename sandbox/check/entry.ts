/**
 * fast-check as test files see it inside the sandbox (`import fc from "fast-check"`): the library
 * itself, with assert/check/sample/statistics seeded per test from the job's seed, shrinking only
 * where a learner can see the counterexample (visible tests), and failures recorded on the running
 * test through the harness's hooks. Bundled by build-check.ts; never imported by Node.
 */
import * as fc from "fast-check";

/** What the harness (harness/runtime.js) hands this module; see sandbox/README.md, "Generated inputs". */
export interface CheckHooks {
  /** The next seed for the running test (derived from the job seed, the test's name and a counter). */
  nextSeed(): number;
  /** True while a hidden test that does not reveal its values is running: no shrinking there. */
  concealed(): boolean;
  /** A property run starts: assertion failures are held back until end() (fast-check shrinks on them). */
  begin(): void;
  /**
   * A property run ended. header: the failure report when it failed, else null. Returns the error to
   * throw (already recorded on the test), or undefined when nothing failed.
   */
  end(header: string | null, cause: unknown): unknown;
}

type Params = fc.Parameters<unknown>;

/** Builds the fast-check namespace for one run of the sandbox. */
export function createCheck(hooks: CheckHooks): typeof fc {
  const withSeed = <P extends object>(p: P | undefined): P & { seed: number; endOnFailure?: boolean } => ({
    seed: hooks.nextSeed(),
    ...(hooks.concealed() ? { endOnFailure: true } : {}),
    ...(p ?? ({} as P)),
  });

  function header(details: fc.RunDetails<unknown>): string {
    const runs = details.numRuns;
    const shrinks = details.numShrinks;
    const example = details.counterexample === null ? "(none)" : fc.stringify(details.counterexample);
    return (
      `Property failed after ${runs} run${runs === 1 ? "" : "s"}` +
      (shrinks > 0 ? `, shrunk ${shrinks} time${shrinks === 1 ? "" : "s"}` : "") +
      ` (seed ${details.seed}, path "${details.counterexamplePath ?? ""}").\n` +
      `Counterexample: ${example}`
    );
  }

  function finish(details: fc.RunDetails<unknown>): void {
    const error = details.failed
      ? hooks.end(header(details), details.errorInstance)
      : hooks.end(null, undefined);
    if (error !== undefined) throw error;
  }

  function runChecked(property: fc.IRawProperty<unknown>, params: Params | undefined): void | Promise<void> {
    hooks.begin();
    let out: fc.RunDetails<unknown> | Promise<fc.RunDetails<unknown>>;
    try {
      out = fc.check(property, withSeed(params));
    } catch (error) {
      hooks.end(null, undefined);
      throw error;
    }
    if (out instanceof Promise) {
      return out.then(finish, (error: unknown) => {
        hooks.end(null, undefined);
        throw error;
      });
    }
    finish(out);
  }

  const sample: typeof fc.sample = (generator, params) =>
    fc.sample(generator, typeof params === "number" ? withSeed({ numRuns: params }) : withSeed(params));
  const statistics: typeof fc.statistics = (generator, classify, params) =>
    fc.statistics(
      generator,
      classify,
      typeof params === "number" ? withSeed({ numRuns: params }) : withSeed(params),
    );
  const check = ((property: fc.IRawProperty<unknown>, params?: Params) =>
    fc.check(property, withSeed(params))) as typeof fc.check;
  const assert = runChecked as typeof fc.assert;

  const api: Record<string, unknown> = { ...fc, assert, check, sample, statistics };
  api.default = api;
  return Object.freeze(api) as unknown as typeof fc;
}
