/**
 * The quality bar every published lesson clears (../shared/CURRICULUM.md, lessons/README.md), as
 * checker rules with file and line. The loader checks that a lesson is well formed; these check that
 * it is a lesson worth shipping: enough prose, hints, a quiz, enough hidden tests and mistakes.
 * `npm run lessons:check` applies them; `--no-bar` skips them while a lesson is being drafted.
 */
import "server-only";
import type { PublicLesson } from "./public-types.ts";
import { stagesOf, type PrivateExercise, type PrivateQuestion } from "./private-types.ts";
import type { LessonSource } from "./load-content.ts";
import type { Problem } from "./problems.ts";

/** The numbers of the bar. */
export const LESSON_BAR = {
  /** Words of prose (lesson.md after the front matter, code blocks excluded). */
  minWords: 600,
  maxWords: 1500,
  minHints: 2,
  /** Quiz questions for a lesson with an exercise, and for a lesson that is only prose and quiz. */
  minQuiz: 2,
  minQuizWithoutExercise: 5,
  /** Hidden tests run by Submit (hidden and attack tests, hidden SQL datasets; mutants for tests exercises). */
  minHiddenTests: 6,
  /** Common mistakes kept in mistakes/ (for tests exercises, mutants count). */
  minMistakes: 2,
  /** tests exercises: other correct implementations in equivalents/ (module.ext counts apart). */
  minEquivalents: 2,
} as const;

/** Words a reader reads in rendered lesson HTML: code blocks and tags removed, entities as one character. */
export function countProseWords(html: string): number {
  const text = html
    .replace(/<pre[\s\S]*?<\/pre>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z0-9#]+;/gi, "x");
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The bar's static rules for one lesson (everything but the hidden-test count, which needs grading). */
export function checkLessonBar(
  lesson: PublicLesson,
  source: LessonSource,
  exercise: PrivateExercise | undefined,
  quiz: PrivateQuestion[],
): Problem[] {
  const problems: Problem[] = [];
  const file = source.file;
  const words = countProseWords(lesson.html);
  if (words < LESSON_BAR.minWords || words > LESSON_BAR.maxWords) {
    problems.push({
      rule: "bar-prose",
      file,
      line: source.bodyLine,
      message: `the prose has ${words} words (code blocks excluded); a lesson needs ${LESSON_BAR.minWords}-${LESSON_BAR.maxWords}`,
    });
  }
  const minQuiz = exercise ? LESSON_BAR.minQuiz : LESSON_BAR.minQuizWithoutExercise;
  if (quiz.length < minQuiz) {
    const why = exercise ? "" : " (a lesson without an exercise is checked by its quiz alone)";
    problems.push({
      rule: "bar-quiz",
      file,
      line: quiz.length ? source.lineOf(["quiz"]) : 1,
      message: `the quiz has ${quiz.length} question(s); it needs at least ${minQuiz}${why}`,
    });
  }
  if (!exercise) return problems;

  if (exercise.hints.length < LESSON_BAR.minHints) {
    problems.push({
      rule: "bar-hints",
      file,
      line: source.lineOf(["exercise", exercise.hints.length ? "hints" : "title"]),
      message: `the exercise has ${exercise.hints.length} hint(s); it needs at least ${LESSON_BAR.minHints} that lead without giving the answer away`,
    });
  }
  const mistakes =
    exercise.kind === "tests" ? exercise.mistakes.length + exercise.mutants.length : exercise.mistakes.length;
  if (mistakes < LESSON_BAR.minMistakes) {
    problems.push({
      rule: "bar-mistakes",
      file,
      line: source.lineOf(["exercise"]),
      message: `${mistakes} common mistake(s) kept; keep at least ${LESSON_BAR.minMistakes} plausible wrong answers in mistakes/ (the checker proves each is rejected)`,
    });
  }
  // A project: every stage keeps at least one mistake, so each stage's hidden tests are attacked.
  for (const stage of stagesOf(exercise)) {
    if (!exercise.mistakes.some((m) => m.stage === stage.index)) {
      problems.push({
        rule: "bar-mistakes",
        file,
        line: source.lineOf(["exercise", "stages", stage.index - 1]),
        message: `stage ${stage.index} "${stage.id}" keeps no common mistake; keep at least one in stages/${stage.id}/mistakes/<name>/ (the checker proves each is rejected)`,
      });
    }
  }
  if (exercise.kind === "tests" && exercise.mutants.length < LESSON_BAR.minHiddenTests) {
    problems.push({
      rule: "bar-hidden-tests",
      file,
      line: source.lineOf(["exercise", "mutants"]),
      message: `${exercise.mutants.length} mutant(s); a tests exercise needs at least ${LESSON_BAR.minHiddenTests} (each is a hidden test of the learner's suite)`,
    });
  }
  if (exercise.kind === "tests" && exercise.equivalents.length < LESSON_BAR.minEquivalents) {
    problems.push({
      rule: "bar-equivalents",
      file,
      line: source.lineOf(["exercise", "kind"]),
      message: `${exercise.equivalents.length} equivalent(s) in equivalents/; a tests exercise needs at least ${LESSON_BAR.minEquivalents} other correct implementations, written differently from module (they prove the learner's tests check behaviour, not the module's code)`,
    });
  }
  return problems;
}

/**
 * The hidden-test rule, from the reference solution's Submit result: how many hidden tests ran.
 * Not for tests exercises (their mutants are counted statically).
 */
export function checkHiddenTestCount(exercise: PrivateExercise, hiddenTests: number): Problem[] {
  if (exercise.kind === "tests" || hiddenTests >= LESSON_BAR.minHiddenTests) return [];
  const where =
    exercise.kind === "sql"
      ? { file: exercise.seed?.file ?? exercise.lessonFile, what: "hidden datasets (hidden-seed*.sql)" }
      : exercise.kind === "project"
        ? {
            file: exercise.stages.at(-1)?.hiddenTests[0]?.file ?? exercise.lessonFile,
            what: "hidden tests (every stage's hidden.test)",
          }
        : {
            file: exercise.hiddenTests[0]?.file ?? exercise.lessonFile,
            what: "hidden tests (hidden.test and attacks.test)",
          };
  return [
    {
      rule: "bar-hidden-tests",
      file: where.file,
      line: 1,
      message: `Submit runs ${hiddenTests} ${where.what}; a lesson needs at least ${LESSON_BAR.minHiddenTests} that catch the wrong answers learners write`,
    },
  ];
}
