import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogEvent,
  DialogEvents,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from '../dialogKit';
import { enrolmentProgressCard, enrolmentSubmittedCard } from '../../cards/teams/enrolmentCards';
import { type AnswerStep, isAnswerStep } from '../../services/enrolment/enrolmentAnswers';
import { isStaleAnswer } from '../../services/enrolment/staleAnswers';
import {
  type EnrolmentDialogDeps,
  enrollerOf,
  reasonsOf,
  staleCardNotice,
  submissionOf,
  turnProgress,
} from './enrolmentDialogDeps';
import {
  ENROLMENT_STEP_DIALOG,
  EnrolmentStepDialog,
  type EnrolmentStepOptions,
  type EnrolmentStepResult,
} from './enrolmentStepDialog';
import { liftLegacyStep } from './legacyStepStack';
import { markup } from '../../i18n/teamsMarkdown';

export const ENROLMENT_DIALOG = 'enrolmentDialog';
/**
 * The checklist starts over by replacing its own waterfall, never by replacing itself with
 * ENROLMENT_DIALOG: from inside the component that begins a new checklist within the old one, and
 * the dialog stack (stored with the conversation, walked on every turn) grew by one level a save.
 */
const ENROLMENT_WATERFALL = 'enrolmentWaterfall';
const SUBMIT = 'submit';

export interface EnrolmentOptions {
  /** Go straight to a step (a progress card button pressed when no dialog was running). */
  step?: string;
  /** Lines to show above the checklist (why a submission was refused, a hint). */
  notices?: string[];
}

/**
 * The reseller's enrolment checklist (E2–E7, M1–M5): shows the progress stored for the organisation,
 * lets the person pick any step, and submits when the rules allow. Progress lives in the store, not
 * in this dialog, so anyone of the tenant can pick it up later.
 */
export class EnrolmentDialog extends ComponentDialog {
  constructor(private readonly deps: EnrolmentDialogDeps) {
    super(ENROLMENT_DIALOG);
    this.addDialog(new EnrolmentStepDialog(deps));
    this.addDialog(
      new WaterfallDialog(ENROLMENT_WATERFALL, [
        this.showProgressStep.bind(this),
        this.chooseStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.initialDialogId = ENROLMENT_WATERFALL;
  }

  /**
   * botbuilder tells a component whose dialogs changed since its instance was stored (a new version of the
   * assistant): the one change so far is the step's own component level gone (legacyStepStack.ts), lifted
   * here before the stored stack is continued.
   */
  protected override async onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    if (event.name !== DialogEvents.versionChanged || event.value !== this.id) return false;
    liftLegacyStep(dc.activeDialog);
    return true;
  }

  private async showProgressStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as EnrolmentOptions;
    if (options.step) return await step.next(options.step);
    const t = await this.deps.translate(step.context);
    const progress = await turnProgress(this.deps, step.context);
    await step.context.sendActivity({ attachments: [enrolmentProgressCard(t, progress, options.notices ?? [])] });
    return Dialog.EndOfTurn;
  }

  private async chooseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = await this.deps.translate(step.context);
    const submitted = submissionOf(step.context);
    if (submitted?.enrolmentAction === 'answer' && isAnswerStep(submitted.step)) {
      return await this.answerFromCard(step, submitted.step, submitted.asked);
    }
    if (submitted?.enrolmentAction === 'back') return await step.replaceDialog(ENROLMENT_WATERFALL, {});
    const chosen = typeof step.result === 'string' ? step.result : submitted?.step;
    if (chosen === SUBMIT) return await this.submit(step);
    if (isAnswerStep(chosen)) return await step.beginDialog(ENROLMENT_STEP_DIALOG, { step: chosen });
    return await step.replaceDialog(ENROLMENT_WATERFALL, {
      notices: [t('enrolment:hint.pickStep')],
    } satisfies EnrolmentOptions);
  }

  /**
   * A step card's answer arriving while the checklist is shown (its step was left with Back, or the
   * checklist was opened again): a current card is answered as if its step were open; an out-of-date
   * one changes nothing, says why, and shows the checklist as it stands.
   */
  private async answerFromCard(
    step: WaterfallStepContext,
    answered: AnswerStep,
    asked: string | undefined,
  ): Promise<DialogTurnResult> {
    const progress = await turnProgress(this.deps, step.context);
    if (isStaleAnswer(progress, answered, asked)) {
      const t = await this.deps.translate(step.context);
      const notices = [staleCardNotice(t, progress, answered)];
      return await step.replaceDialog(ENROLMENT_WATERFALL, { notices } satisfies EnrolmentOptions);
    }
    return await step.beginDialog(ENROLMENT_STEP_DIALOG, {
      step: answered,
      answerNow: true,
    } satisfies EnrolmentStepOptions);
  }

  private async loopStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = (step.result ?? {}) as EnrolmentStepResult;
    return await step.replaceDialog(ENROLMENT_WATERFALL, { step: result.next } satisfies EnrolmentOptions);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const t = await this.deps.translate(step.context);
    const result = await this.deps.service.submit(enrollerOf(step.context));
    if (result.outcome === 'submitted') {
      await step.context.sendActivity({ attachments: [enrolmentSubmittedCard(t, result.primaryContactEmail)] });
      return await step.endDialog();
    }
    if (result.outcome === 'complete-in-portal') {
      await step.context.sendActivity(t('enrolment:submitted.portal', { url: markup(result.url) }));
      return await step.endDialog();
    }
    return await step.replaceDialog(ENROLMENT_WATERFALL, { notices: reasonsOf(t, result) } satisfies EnrolmentOptions);
  }
}
