import type { TurnContext } from 'botbuilder';
import { payloadOf } from '../cardSubmission';
import type { Translate } from '../../i18n/i18n';
import { keysFor } from '../../i18n/readers';
import type { AnswerStep } from '../../services/enrolment/enrolmentAnswers';
import type { Enroller, EnrolmentProgress, EnrolmentService, Refusal } from '../../services/enrolment/enrolmentService';
import { identityOf, requesterOf } from '../teamsTurn';
import type { ReportedMember } from '../../services/rules/memberDomain';
import type { EnrolmentPayload } from './enrolmentSubmission';

/** What the enrolment dialogs need: the service that decides, and the person's language. */
export interface EnrolmentDialogDeps {
  service: EnrolmentService;
  translate(context: TurnContext): Promise<Translate>;
  /** What Teams reports of the person's account (TeamsInfo.getMember); undefined when it does not say. */
  memberOf?(context: TurnContext): Promise<ReportedMember | undefined>;
}

/**
 * The organisation's progress as this turn last read or saved it. A turn passes through several steps that
 * each show or check the progress (the step's answer, then the checklist shown again): read once, and
 * after a save the saved progress, not a second and third read of the same records (issue 18). Kept in
 * the turn's own state, so nothing outlives the turn.
 */
export async function turnProgress(deps: EnrolmentDialogDeps, context: TurnContext): Promise<EnrolmentProgress> {
  const { tenantId } = enrollerOf(context);
  const kept = context.turnState.get(TURN_PROGRESS) as EnrolmentProgress | undefined;
  if (kept?.tenantId === tenantId) return kept;
  const progress = await deps.service.progress(tenantId);
  context.turnState.set(TURN_PROGRESS, progress);
  return progress;
}

/** What a save this turn answered with: what the rest of the turn shows. */
export function keepTurnProgress(context: TurnContext, progress: EnrolmentProgress): void {
  context.turnState.set(TURN_PROGRESS, progress);
}

const TURN_PROGRESS = Symbol('enrolment progress of this turn');

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
