/** Quiz answers are checked here, on the server; the browser only ever sees questions and choices. */
import "server-only";
import type { PrivateQuestion } from "./private-types.ts";
import type { QuizAnswerResult } from "./public-types.ts";

/**
 * Checks the chosen choice ids against a question: right when exactly the correct set was chosen.
 * Returns null when a chosen id is not a choice of this question (a bad request, not a wrong answer).
 */
export function gradeQuizAnswer(
  question: PrivateQuestion,
  choiceIds: readonly string[],
): QuizAnswerResult | null {
  const chosen = new Set(choiceIds);
  if ([...chosen].some((id) => !question.choices.some((c) => c.id === id))) return null;
  if (!question.multiple && chosen.size > 1) return null;
  const correct = chosen.size > 0 && question.choices.every((c) => c.correct === chosen.has(c.id));
  // Only the chosen choices are explained: explaining all of them would hand out the answer.
  const explanations = question.choices
    .filter((c) => chosen.has(c.id))
    .map((c) => ({ choiceId: c.id, correct: c.correct, html: c.explanationHtml }));
  return { correct, explanations };
}
