/**
 * The third round of hostile submissions (attacks-round3.test.ts), each on a fresh worker: the
 * attack is the worker's first job, where nothing is warmed or cached yet (issue 17 asks for both).
 */
process.env.ATTACKS_FRESH_WORKER = "1";
await import("./attacks-round3.test.ts");
export {};
