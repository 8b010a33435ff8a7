// Hidden tests with generated inputs: every submission draws new query strings (fast-check, seeded
// per submission) and compares the learner's answer with the reference solution's, so nothing
// learned from one submission answers the next. Names and descriptions say what each test checks;
// learners never see the queries, the expected values or their own output here.
import fc from "fast-check";
import * as reference from "./reference";
import { parseListQuery } from "./solution";

const RUNS = { numRuns: 40 };

/** The learner's answer must equal the reference's for every generated query. */
function agreesWithReference(query: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(query, (search) => {
      const expected = reference.parseListQuery(search); // strings are immutable: learner code cannot change the input
      expect(parseListQuery(search)).toStrictEqual(expected);
    }),
    RUNS,
  );
}

// ---- values ------------------------------------------------------------------------------------
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const letters = fc.string({ unit: fc.constantFrom(..."abcxyzABC"), minLength: 1, maxLength: 4 });
/** Whole numbers written with leading zeros: "007". */
const zeroPadded = (min: number, max: number) => fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min, max })).map(([zeros, n]) => "0".repeat(zeros) + n);
/** Far beyond the range, past what a double holds exactly. */
const huge = fc.bigInt({ min: 10n ** 4n, max: 10n ** 25n }).map(String);
/** Values that are not plain whole numbers: each is a trap for Number() or parseInt(). */
const notAWholeNumber = fc.oneof(
  fc.constant(""),
  letters,
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a}.${b}`), // parseInt: a
  fc.tuple(fc.integer({ min: 2, max: 99 }), letters).map(([n, s]) => `${n}${s}`), // parseInt: n
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 2 })).map(([a, b]) => `${a}e${b}`), // Number: a * 10^b
  fc.integer({ min: 2, max: 60 }).map((n) => `0x${n.toString(16)}`), // Number: n
  fc.integer({ min: 2, max: 60 }).map((n) => `%20${n}`), // " n": Number trims
  fc.integer({ min: 2, max: 60 }).map((n) => `+${n}`), // "+" decodes to a space
  fc.integer({ min: 2, max: 60 }).map((n) => `%2B${n}`), // a literal plus sign: Number accepts it
  fc.constantFrom("NaN", "Infinity", "-", "--3", "1-2", "1%2C2"),
);

const statusWord = fc.constantFrom("open", "done");
/** Percent-encodes some characters of a word: "d%6Fne". */
const percentEncoded = fc.tuple(statusWord, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })).map(([word, picks]) =>
  [...word].map((c, i) => (picks[i] ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c)).join(""),
);
const otherStatus = fc.oneof(
  fc.constantFrom("", "OPEN", "Done", "opened", "closed", "archived", "open%20", "done+", "%20open", "open,done", "null"),
  // Names every object inherits: a lookup with `in` or a plain object counts them as valid.
  fc.constantFrom("toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"),
  fc.string({ unit: fc.constantFrom(..."opendacl"), minLength: 1, maxLength: 6 }).filter((s) => s !== "open" && s !== "done"),
);

// ---- query strings -------------------------------------------------------------------------------
type Pair = [string, string];
/** Joins key=value pairs, sometimes with a leading "?". */
const toQuery = (pairs: fc.Arbitrary<Pair[]>) =>
  fc.tuple(pairs, fc.boolean()).map(([list, question]) => (question ? "?" : "") + list.map(([k, v]) => `${k}=${v}`).join("&"));
const pair = (key: string, value: fc.Arbitrary<string>) => value.map((v): Pair => [key, v]);
/** Some of the given pairs, in any order, with unrelated parameters mixed in. */
const mixed = (...required: fc.Arbitrary<Pair>[]) =>
  fc
    .tuple(fc.tuple(...required), fc.array(pair("sort", fc.constantFrom("title", "-id")), { maxLength: 1 }), fc.array(pair("q", letters), { maxLength: 1 }))
    .chain(([req, a, b]) => fc.shuffledSubarray([...req, ...a, ...b], { minLength: req.length + a.length + b.length }));

describe("page", () => {
  test("whole numbers from 1 to 1000 are kept", { description: "Generated queries whose page is a plain whole number in the allowed range, with and without leading zeros." }, () => {
    agreesWithReference(toQuery(mixed(pair("page", fc.oneof(int(1, 1000), zeroPadded(1, 1000))), pair("limit", int(1, 100)))));
  });
  test("numbers below 1 or above 1000 are clamped", { description: "Generated queries whose page is zero, negative, just past the maximum, or enormous." }, () => {
    agreesWithReference(toQuery(mixed(pair("page", fc.oneof(int(-1000, 0), int(1001, 5000), huge, huge.map((n) => `-${n}`))), pair("limit", int(1, 100)))));
  });
  test("anything that is not a plain whole number gives the default", { description: "Generated queries whose page is empty, a decimal, has letters, an exponent, hex, spaces or signs." }, () => {
    agreesWithReference(toQuery(mixed(pair("page", notAWholeNumber), pair("limit", int(1, 100)))));
  });
});

describe("limit", () => {
  test("numbers are kept within 1 to 100 and clamped outside it", { description: "Generated queries whose limit is in range, zero, negative, past 100 or enormous." }, () => {
    agreesWithReference(toQuery(mixed(pair("limit", fc.oneof(int(1, 100), zeroPadded(1, 100), int(-100, 0), int(101, 10000), huge)), pair("page", int(1, 50)))));
  });
  test("anything that is not a plain whole number gives the default", { description: "Generated queries whose limit is empty, a decimal, has letters, an exponent, hex, spaces or signs." }, () => {
    agreesWithReference(toQuery(mixed(pair("limit", notAWholeNumber), pair("page", int(1, 50)))));
  });
});

describe("offset", () => {
  test("is the number of rows before the page, from the clamped page and limit", { description: "Generated page and limit values, in and out of range: the offset is (page - 1) * limit after clamping." }, () => {
    agreesWithReference(toQuery(mixed(pair("page", fc.oneof(int(-5, 1100), notAWholeNumber)), pair("limit", fc.oneof(int(-5, 150), notAWholeNumber)))));
  });
});

describe("status", () => {
  test("open and done are kept, also when percent-encoded", { description: "Generated queries whose status is open or done, written plainly or with some letters percent-encoded." }, () => {
    agreesWithReference(toQuery(mixed(pair("status", fc.oneof(statusWord, percentEncoded)), pair("page", int(1, 20)))));
  });
  test("any other value gives null", { description: "Generated queries whose status is empty, in other letter case, another word, or has extra characters." }, () => {
    agreesWithReference(toQuery(mixed(pair("status", otherStatus), pair("limit", int(1, 100)))));
  });
});

describe("the whole query string", () => {
  test("the first of repeated parameters wins", { description: "Generated queries that repeat page, limit or status with different values." }, () => {
    const repeated = (key: string, value: fc.Arbitrary<string>) => fc.tuple(value, value).map(([a, b]): Pair[] => [[key, a], [key, b]]);
    const pairs = fc
      .tuple(repeated("page", int(1, 1000)), repeated("limit", int(1, 100)), repeated("status", fc.oneof(statusWord, otherStatus)))
      .map(([p, l, s]) => [p[0], l[0], s[0], p[1], l[1], s[1]] as Pair[]);
    agreesWithReference(toQuery(pairs));
  });
  test("parameters in any order, unknown ones ignored, encoded separators are text", { description: "Generated queries mixing every parameter in any order with unknown parameters and percent-encoded & and =." }, () => {
    const encodedSeparators = fc.tuple(statusWord, int(1, 9)).map(([s, n]) => `${s}%26page%3D${n}`);
    agreesWithReference(
      toQuery(mixed(pair("status", fc.oneof(statusWord, percentEncoded, otherStatus, encodedSeparators)), pair("page", fc.oneof(int(-3, 1200), notAWholeNumber)), pair("limit", fc.oneof(int(-3, 120), notAWholeNumber)))),
    );
  });
});
