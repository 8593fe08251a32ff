import { Dialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from '../dialogKit';
import { enrolmentStepCard, type StepFeedback } from '../../cards/teams/enrolmentCards';
import { type AnswerStep, isAnswerStep } from '../../services/enrolment/enrolmentAnswers';
import { isStaleAnswer } from '../../services/enrolment/staleAnswers';
import {
  type EnrolmentDialogDeps,
  enrollerOf,
  keepTurnProgress,
  staleCardNotice,
  submissionOf,
  turnProgress,
} from './enrolmentDialogDeps';
import type { EnrolmentPayload } from './enrolmentSubmission';
import { feedbackOf } from './stepFeedback';
import { turnUnitOf } from '../turnUnit';

/**
 * The id the step's waterfall had inside the component dialog it was until issue 18 (legacyStepStack.ts):
 * a stack stored then carries its instance under this id, in the shape a waterfall keeps, so it runs on.
 */
export const ENROLMENT_STEP_DIALOG = 'enrolmentStepWaterfall';

export interface EnrolmentStepOptions {
  step: AnswerStep;
  /** What the card asked again shows: why the last answer was not kept, and what was typed. */
  feedback?: Partial<StepFeedback>;
  /** This turn's submission already answers the step (a current card sent while the checklist was shown). */
  answerNow?: boolean;
}

/** What the step hands back to the checklist: another step picked from an older card, or nothing. */
export interface EnrolmentStepResult {
  next?: string;
}

/**
 * One step of the checklist: sends its card, reads the submission on the next turn, and lets the
 * service validate and save it; a refusal asks again with every value typed and every reason where it
 * belongs. A card answered again since it was shown is out of date: it changes nothing and says so.
 *
 * A waterfall of its own in the checklist's dialog set, not a component dialog around one: a component
 * is a level of the stack that every turn of the step walks through, with its own dialog context and its
 * own check of its dialogs' version, for nothing the step needs (issue 18).
 */
export class EnrolmentStepDialog extends WaterfallDialog {
  constructor(private readonly deps: EnrolmentDialogDeps) {
    super(ENROLMENT_STEP_DIALOG);
    this.addStep(this.askStep.bind(this));
    this.addStep(this.answerStep.bind(this));
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as EnrolmentStepOptions;
    if (options.answerNow) return await step.next();
    const t = await this.deps.translate(step.context);
    const progress = await turnProgress(this.deps, step.context);
    await step.context.sendActivity({
      attachments: [enrolmentStepCard(t, options.step, progress, options.feedback)],
    });
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as EnrolmentStepOptions;
    const t = await this.deps.translate(step.context);
    const value = submissionOf(step.context);
    if (!value) return await this.askAgain(step, options.step, { reasons: [t('enrolment:hint.useCard')] });
    if (value.enrolmentAction === 'back') return await step.endDialog({} satisfies EnrolmentStepResult);
    if (value.enrolmentAction !== 'answer' || !isAnswerStep(value.step)) {
      // A button of another card (the progress card, an earlier step named by a refusal): go where it points.
      const next = typeof value.step === 'string' ? value.step : undefined;
      return await step.endDialog({ next } satisfies EnrolmentStepResult);
    }

    const answered = value.step;
    const who = enrollerOf(step.context);
    const progress = await turnProgress(this.deps, step.context);
    if (isStaleAnswer(progress, answered, value.asked)) {
      // Nothing overwritten, no step reopened: the step this person is on, as it stands now.
      return await this.askAgain(step, options.step, { reasons: [staleCardNotice(t, progress, answered)] });
    }

    // E7 gives no primary contact, so the organisation's domain is the one its member's own Teams account
    // stands for; asked of Teams for that answer alone (a member lookup is a call to the connector).
    const member = answered === 'already-enrolled' ? await this.deps.memberOf?.(step.context) : undefined;
    // On a turn that commits once, the draft lands with the turn's state (dialogs/turnUnit.ts).
    const result = await this.deps.service.answer(
      { ...who, member },
      answered,
      value,
      progress,
      turnUnitOf(step.context),
    );
    if (result.outcome === 'saved') {
      keepTurnProgress(step.context, result.progress);
      return await step.endDialog({} satisfies EnrolmentStepResult);
    }
    return await this.askAgain(step, answered, feedbackOf(t, answered, result, typedValues(value)));
  }

  private async askAgain(
    step: WaterfallStepContext,
    answerStep: AnswerStep,
    feedback: Partial<StepFeedback>,
  ): Promise<DialogTurnResult> {
    // Replaced, not begun again: a step begun inside the step would nest, one level a refusal.
    return await step.replaceDialog(ENROLMENT_STEP_DIALOG, {
      step: answerStep,
      feedback,
    } satisfies EnrolmentStepOptions);
  }
}

/** The inputs of a submission, without the card's own routing fields. */
function typedValues(value: EnrolmentPayload): Record<string, unknown> {
  const { verb: _verb, step: _step, enrolmentAction: _action, asked: _asked, ...inputs } = value;
  return inputs;
}
