"use client";

import { useState, type FormEvent } from "react";
import type { PublicQuestion, QuizAnswerResult } from "@/lib/content/public-types";
import { Button } from "@/components/ui/button";
import type { LessonActions } from "./lesson-actions";

export interface SavedQuizAnswer {
  choiceIds: string[];
  result: QuizAnswerResult;
}

/** "Check your understanding": each question answered inline, checked by the server at once. */
export function LessonQuiz({
  lessonId,
  questions,
  initialAnswers,
  answerQuiz,
}: {
  lessonId: string;
  questions: PublicQuestion[];
  initialAnswers: Record<string, SavedQuizAnswer>;
  answerQuiz: LessonActions["answerQuiz"];
}) {
  if (questions.length === 0) return null;
  return (
    <section
      aria-labelledby="quiz-heading"
      className="mt-10 space-y-6 border-t border-slate-200 pt-6 dark:border-slate-800"
      data-testid="quiz"
    >
      <h2 id="quiz-heading" className="text-xl font-semibold">
        Check your understanding
      </h2>
      <ol className="space-y-6">
        {questions.map((question, index) => (
          <li key={question.id}>
            <QuizQuestion
              lessonId={lessonId}
              number={index + 1}
              question={question}
              initial={initialAnswers[question.id]}
              answerQuiz={answerQuiz}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

function QuizQuestion({
  lessonId,
  number,
  question,
  initial,
  answerQuiz,
}: {
  lessonId: string;
  number: number;
  question: PublicQuestion;
  initial: SavedQuizAnswer | undefined;
  answerQuiz: LessonActions["answerQuiz"];
}) {
  const [chosen, setChosen] = useState<string[]>(initial?.choiceIds ?? []);
  const [result, setResult] = useState<QuizAnswerResult | null>(initial?.result ?? null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `quiz-${question.id}`;
  const legendId = `${name}-question`;

  function toggle(choiceId: string, checked: boolean) {
    setResult(null);
    setChosen((current) =>
      question.multiple
        ? checked
          ? [...current, choiceId]
          : current.filter((c) => c !== choiceId)
        : [choiceId],
    );
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    if (chosen.length === 0) {
      setError("Choose an answer first.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const outcome = await answerQuiz({ lessonId, questionId: question.id, choiceIds: chosen });
      if (outcome.ok) setResult(outcome.result);
      else setError(outcome.error);
    } catch {
      setError("Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  const explanation = (choiceId: string) => result?.explanations.find((e) => e.choiceId === choiceId);

  return (
    <form onSubmit={onSubmit} data-testid={`quiz-question-${question.id}`}>
      <fieldset aria-labelledby={legendId} className="space-y-2">
        <div
          id={legendId}
          className="prose prose-sm max-w-none font-medium dark:prose-invert prose-code:before:content-none prose-code:after:content-none"
        >
          <span className="mr-1">{number}.</span>
          <span className="[&>p]:inline" dangerouslySetInnerHTML={{ __html: question.questionHtml }} />
          {question.multiple ? (
            <span className="ml-1 text-xs font-normal text-slate-600 dark:text-slate-400">
              (choose all that apply)
            </span>
          ) : null}
        </div>
        {question.choices.map((choice) => {
          const id = `${name}-${choice.id}`;
          const explained = explanation(choice.id);
          return (
            <div
              key={choice.id}
              className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700"
            >
              <label htmlFor={id} className="flex cursor-pointer items-start gap-2 text-sm">
                <input
                  id={id}
                  type={question.multiple ? "checkbox" : "radio"}
                  name={name}
                  value={choice.id}
                  checked={chosen.includes(choice.id)}
                  onChange={(e) => toggle(choice.id, e.target.checked)}
                  className="mt-1"
                />
                <span
                  className="prose prose-sm max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none [&>p]:m-0"
                  dangerouslySetInnerHTML={{ __html: choice.html }}
                />
              </label>
              {explained ? (
                <p className="mt-1 pl-6 text-sm text-slate-700 dark:text-slate-300">
                  <span
                    className={
                      explained.correct
                        ? "font-medium text-emerald-700 dark:text-emerald-400"
                        : "font-medium text-red-700 dark:text-red-400"
                    }
                  >
                    <span aria-hidden="true">{explained.correct ? "✓ " : "✗ "}</span>
                    {explained.correct ? "Right choice. " : "Wrong choice. "}
                  </span>
                  <span dangerouslySetInnerHTML={{ __html: explained.html }} />
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {pending ? "Checking…" : "Check answer"}
        </Button>
        <p role="status" className="text-sm" data-testid="quiz-feedback">
          {result ? (
            result.correct ? (
              <span className="font-semibold text-emerald-700 dark:text-emerald-400">
                <span aria-hidden="true">✓ </span>Correct!
              </span>
            ) : (
              <span className="font-semibold text-red-700 dark:text-red-400">
                <span aria-hidden="true">✗ </span>Not quite.{" "}
                {question.multiple ? "Choose every right answer and no wrong one." : "Try another answer."}
              </span>
            )
          ) : null}
        </p>
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
