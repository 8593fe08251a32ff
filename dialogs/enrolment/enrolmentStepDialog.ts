import {
  ComponentDialog,
  Dialog,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { enrolmentStepCard } from '../../cards/teams/enrolmentCards';
import type { AnswerStep } from '../../services/enrolment/enrolmentAnswers';
import { type EnrolmentDialogDeps, enrollerOf, problemsOf, reasonsOf, submissionOf } from './enrolmentDialogDeps';

export const ENROLMENT_STEP_DIALOG = 'enrolmentStepDialog';
const ENROLMENT_STEP_WATERFALL = 'enrolmentStepWaterfall';

export interface EnrolmentStepOptions {
  step: AnswerStep;
  /** Why the previous answer was not kept, shown on the card asked again. */
  reasons?: string[];
}

/** What the step hands back to the checklist: another step picked from an older card, or nothing. */
export interface EnrolmentStepResult {
  next?: string;
}

/**
 * One step of the checklist: sends its card, reads the submission on the next turn, and lets the
 * service validate and save it; a refusal asks again with the reason and the rule.
 */
export class EnrolmentStepDialog extends ComponentDialog {
  constructor(private readonly deps: EnrolmentDialogDeps) {
    super(ENROLMENT_STEP_DIALOG);
    this.addDialog(
      new WaterfallDialog(ENROLMENT_STEP_WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]),
    );
    this.initialDialogId = ENROLMENT_STEP_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as EnrolmentStepOptions;
    const t = await this.deps.translate(step.context);
    const progress = await this.deps.service.progress(enrollerOf(step.context).tenantId);
    await step.context.sendActivity({
      attachments: [enrolmentStepCard(t, options.step, progress, options.reasons ?? [])],
    });
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as EnrolmentStepOptions;
    const t = await this.deps.translate(step.context);
    const value = submissionOf(step.context);
    if (!value) {
      return await step.replaceDialog(ENROLMENT_STEP_DIALOG, {
        step: options.step,
        reasons: [t('enrolment:hint.useCard')],
      });
    }
    if (value.enrolmentAction === 'back') return await step.endDialog({} satisfies EnrolmentStepResult);
    if (value.enrolmentAction !== 'answer' || value.step !== options.step) {
      // A button of another card (the progress card, an older step card): go where it points.
      const next = typeof value.step === 'string' ? value.step : undefined;
      return await step.endDialog({ next } satisfies EnrolmentStepResult);
    }

    const result = await this.deps.service.answer(enrollerOf(step.context), options.step, value);
    if (result.outcome === 'invalid') {
      return await step.replaceDialog(ENROLMENT_STEP_DIALOG, {
        step: options.step,
        reasons: problemsOf(t, result.problems),
      });
    }
    if (result.outcome === 'refused') {
      return await step.replaceDialog(ENROLMENT_STEP_DIALOG, { step: options.step, reasons: reasonsOf(t, result) });
    }
    return await step.endDialog({} satisfies EnrolmentStepResult);
  }
}
