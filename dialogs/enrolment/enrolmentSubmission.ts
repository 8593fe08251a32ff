import { z } from 'zod';
import { inputText, verbField } from '../cardSubmission';
import { ANSWER_STEPS, isAnswerStep } from '../../services/enrolment/enrolmentAnswers';

/** The progress card's choices: a step to answer, or submitting the enrolment. */
export const ENROLMENT_CHOICES = [...ANSWER_STEPS, 'submit'] as const;

/**
 * What the enrolment cards send (the welcome card's `enroll`, the progress card's `continue` + step,
 * a step card's answer or Back): the verb, where to go, and the step's inputs, which Adaptive Cards
 * send as strings. What an answer means (a valid MPN ID, a company email) the service decides (E2-E4).
 */
export const enrolmentPayload = z
  .object({
    verb: verbField,
    step: z.enum(ENROLMENT_CHOICES).optional(),
    enrolmentAction: z.enum(['answer', 'back']).optional(),
    /** When the step was last answered as the card was made (an ISO time, empty when never). */
    asked: z.string().max(40).optional(),
  })
  .catchall(inputText(500))
  .refine((p) => p.enrolmentAction !== 'answer' || isAnswerStep(p.step), {
    message: 'an answer names the step it answers',
    path: ['step'],
  });

export type EnrolmentPayload = z.output<typeof enrolmentPayload>;
