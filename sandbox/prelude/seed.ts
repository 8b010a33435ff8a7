/**
 * The name of the global through which the host hands the prelude its seed: 64 hex characters
 * from the host's CSPRNG, set on the context's global object before the prelude is evaluated.
 * The prelude reads it and deletes it at once, before any learner code exists.
 */
export const PRELUDE_SEED_GLOBAL = "__serverside_prelude_seed__";
