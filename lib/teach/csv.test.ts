import assert from "node:assert/strict";
import { test } from "node:test";
import { buildProgressCsv, csvCell } from "./csv.ts";

test("csvCell quotes separators and defuses formulas", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell('a "quoted", value'), '"a ""quoted"", value"');
  assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvCell("-1+2"), "'-1+2");
  assert.equal(csvCell(-3), "-3");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(true), "true");
});

test("buildProgressCsv writes a header and one CRLF line per learner and lesson", () => {
  const csv = buildProgressCsv([
    {
      learner: { email: "ada@example.com", name: "Ada, L." },
      rows: [
        {
          trackId: "http",
          trackTitle: "HTTP",
          lessonId: "l1",
          lessonTitle: "L1",
          attempts: 2,
          failedAttempts: 1,
          passed: true,
          stagesPassed: 0,
          stageCount: 0,
          firstPassedAt: new Date("2026-01-02T03:04:05Z"),
          hintsUsed: 1,
          lastSubmissionAt: null,
        },
      ],
    },
  ]);
  assert.equal(
    csv,
    "learner_email,learner_name,track,lesson,attempts,failed_attempts,passed,first_passed_at,hints_used,last_submission_at\r\n" +
      'ada@example.com,"Ada, L.",http,l1,2,1,true,2026-01-02T03:04:05.000Z,1,\r\n',
  );
});
