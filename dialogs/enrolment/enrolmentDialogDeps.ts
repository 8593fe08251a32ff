import type { TurnContext } from 'botbuilder';
import { payloadOf } from '../cardSubmission';
import type { Translate } from '../../i18n/i18n';
import { keysFor } from '../../i18n/readers';
import type { AnswerStep } from '../../services/enrolment/enrolmentAnswers';
import type { Enroller, EnrolmentProgress, EnrolmentService, Refusal } from '../../services/enrolment/enrolmentService';
import { identityOf, requesterOf } from '../teamsTurn';
import type { EnrolmentPayload } from './enrolmentSubmission';

/** What the enrolment dialogs need: the service that decides, and the person's language. */
export interface EnrolmentDialogDeps {
  service: EnrolmentService;
  translate(context: TurnContext): Promise<Translate>;
}

/** The person answering, as the platform reports them (never from a card payload): the Teams requester. */
export function enrollerOf(context: TurnContext): Enroller {
  return requesterOf(identityOf(context));
}

/** A refusal in words: each violation with its rule id, the rule's ways forward, the service's notices. */
export function reasonsOf(t: Translate, refusal: Refusal): string[] {
  return [
    ...refusal.violations.map((v) => t(keysFor(`rules:violation.${v.code}`, 'reseller'), v.facts)),
    ...refusal.options.map((o) => t(keysFor(`rules:option.${o.code}`, 'reseller'))),
    ...refusal.notices.map((n) => t(n.key, n.params)),
  ];
}

/** Why a step card changed nothing: the step was answered again after the card was shown, by whom and when. */
export function staleCardNotice(t: Translate, progress: EnrolmentProgress, step: AnswerStep): string {
  const record = progress.answers[step];
  return t('enrolment:feedback.stale', {
    step: t(`enrolment:choice.${step}`),
    name: record?.name ?? t('enrolment:progress.someone'),
    date: record?.at ?? '',
  });
}

/** The card submission of this turn as the bot's edge schema accepted it (enrolmentPayload), if this turn is one. */
export function submissionOf(context: TurnContext): EnrolmentPayload | undefined {
  return payloadOf<EnrolmentPayload>(context);
}
