/**
 * Which new passwords we accept: long enough, and not guessable. Length alone lets `password`,
 * `12345678` and eight spaces through; zxcvbn-ts (with its common-password and common-word lists,
 * shipped in the package, nothing fetched) estimates how many guesses an attacker needs, and we
 * ask for at least 10^8 (its score 3: "safely unguessable" against online attacks, and costly
 * offline against our scrypt hashes). The messages say what to do instead.
 */
import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

/** Lowest accepted zxcvbn score (0-4). */
export const MIN_PASSWORD_SCORE = 3;

let zxcvbn: ZxcvbnFactory | null = null;

// zxcvbn-ts ships translation keys, not texts; these are ours.
const WARNINGS: Record<string, string> = {
  topTen: "This is one of the ten most common passwords.",
  topHundred: "This is one of the hundred most common passwords.",
  common: "This is a commonly used password.",
  similarToCommon: "This is too close to a commonly used password.",
  wordByItself: "A single word is easy to guess.",
  namesByThemselves: "Names on their own are easy to guess.",
  commonNames: "Common names are easy to guess.",
  userInputs: "Don't use your name or email address in your password.",
  straightRow: "A row of keys on the keyboard is easy to guess.",
  keyPattern: "A short keyboard pattern is easy to guess.",
  simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
  extendedRepeat: 'Repeated patterns like "abcabc" are easy to guess.',
  sequences: 'Sequences like "abc" or "6543" are easy to guess.',
  recentYears: "Recent years are easy to guess.",
  dates: "Dates are easy to guess.",
};

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/**
 * Judges a new password (length is checked by the form schema). `userInputs` are words an attacker
 * knows about this account: its email and name.
 */
export function checkPasswordStrength(password: string, userInputs: string[] = []): PasswordVerdict {
  zxcvbn ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  const inputs = userInputs
    .flatMap((input) => [input, ...input.split(/[@.\s_-]+/)])
    .filter((word) => word.length >= 3);
  // zxcvbn's cost grows with length; 200 characters (the form's maximum) takes a few milliseconds.
  const result = zxcvbn.check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const warning =
    (result.feedback.warning && WARNINGS[result.feedback.warning]) || "This password is too easy to guess.";
  return {
    ok: false,
    message: `${warning} Try a few unrelated words, like a short sentence only you would write.`,
  };
}
