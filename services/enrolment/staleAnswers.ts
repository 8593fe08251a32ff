import type { AnswerStep } from './enrolmentAnswers';
import type { EnrolmentProgress } from './enrolmentProgress';

/**
 * A step card carries when its step was last answered as the card was made. An answer sent from it
 * after someone answered that step again (the person through this very card, or a colleague) comes
 * from an out-of-date card: it must not overwrite the newer answer nor silently reopen the step.
 */

/** When `step` was last answered for the organisation; empty when it never was. */
export function answeredAt(progress: Pick<EnrolmentProgress, 'answers'>, step: AnswerStep): string {
  return progress.answers[step]?.at ?? '';
}

/** Cards made before this check carry no stamp (`asked` undefined): they are taken as current. */
export function isStaleAnswer(
  progress: Pick<EnrolmentProgress, 'answers'>,
  step: AnswerStep,
  asked: string | undefined,
): boolean {
  return asked !== undefined && asked !== answeredAt(progress, step);
}
