/**
 * The service's dependencies, as the handler sees them. The tests replace these functions to
 * simulate outages: a check that rejects, throws, or never settles at all.
 */
export const deps = {
  /** Set to true when the process has been told to shut down (see the graceful shutdown lesson). */
  draining: false,
  /** Resolves when the database answers `SELECT 1`; rejects, throws or hangs when it does not. */
  checkDatabase: (): Promise<void> => Promise.resolve(),
  /** Resolves when the cache answers `PING`. The service can work without its cache, only slower. */
  checkCache: (): Promise<void> => Promise.resolve(),
};
