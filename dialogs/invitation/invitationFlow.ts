/**
 * A card flow, not a ComponentDialog: accepting an invitation is one card (P3: the provider, what
 * authorising grants, the consent box, Authorize or Decline) whose buttons carry the signed code, so
 * any press on any instance, after any restart, finds all it needs in the store. Dialog state would
 * add a second record of the same progress that a restart or a second colleague could leave stale.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  awaitingPartnerCenterCard,
  invitationCard,
  invitationCardParams,
  invitationDecidedCard,
  providersCard,
} from '../../cards/teams/invitationCards';
import { languageOf } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { oneToReseller, toReseller } from '../resellerWords';
import { decisionMessages, lookupMessage, refusalMessages } from '../../services/partnerships/messages';
import { consentGiven, enrolFirstAnswer } from '../../services/partnerships/authorisationAnswers';
import { requestPartnershipEnd } from '../../services/partnerships/endRequest';
import type { PartnershipService } from '../../services/partnerships/partnershipService';
import type { Provider } from '../../services/partnerships/types';
import type { RegionTable } from '../../services/rules/regionTable';
import type { PartnershipConfirmations } from '../../services/partnerships/partnershipConfirmations';
import type { Logger } from 'pino';
import { turnLogger } from '../turnLog';
import { reportedMember } from '../reportedMember';
import { verbField } from '../cardSubmission';
import { actorOf, cardCommand, type TeamsCommand, type TeamsFeature, type TeamsIdentity } from '../teamsTurn';
import { redrawPressedCard } from '../pressedCard';

/** The invitation code a card button carries (signed; the service tells forged from real, P2). */
const invitationCode = z.string().trim().min(1).max(500);
/** Input.Toggle sends its valueOn/valueOff strings; some clients send a boolean. */
const consent = z.union([z.enum(['true', 'false']), z.boolean()]).optional();

/** Authorize on the invitation card (P3): the code, and the consent box (required, checked in `run`). */
export const authorisePayload = z.strictObject({ verb: verbField, code: invitationCode, consent });
/** Decline sends no inputs (associatedInputs: none); a client that sends the box anyway is not refused. */
export const declinePayload = z.strictObject({ verb: verbField, code: invitationCode, consent });
/** Check now (P3): which distributor's partnership to look for; the reseller is who Teams says the user is. */
export const checkPayload = z.strictObject({ verb: verbField, provider: z.string().trim().min(1).max(200) });

export interface TeamsPartnerships {
  service: PartnershipService;
  confirmations: Pick<PartnershipConfirmations, 'confirm'>;
  regions: RegionTable;
  logger: Logger;
  /** The distributor's Partner Center link as handed to this reseller (P2, P3); undefined when none is known. */
  partnerCenterLinkFor(provider: Provider, resellerTenantId: string, language: string): string | undefined;
  /** The distributor's channel hears of an authorisation or a refusal (Slack notices). */
  tellProvider(
    provider: Provider,
    renderer: 'partnerships.authorised' | 'partnerships.accepted' | 'partnerships.declined',
    params: Record<string, unknown>,
    dedupeKey: string,
  ): Promise<void>;
}

/** Redraws the pressed invitation card with its outcome; false when it could not (then a message says it). */
function updateCard(context: TurnContext, title: string, text: string, logger: Logger): Promise<boolean> {
  return redrawPressedCard(context, [invitationDecidedCard(title, text)], (error) =>
    turnLogger(logger, context).debug({ err: error }, 'could not update the invitation card'),
  );
}

/** The Teams side: `invitation <code>` (listed in help, as a pasted link's code needs it), the card's verbs, `providers` and `end partnership` (P8). */
export function teamsPartnerships(p: TeamsPartnerships): TeamsFeature {
  /**
   * An invitation decided (P3): the card shows the outcome in place (said once: a message repeats it
   * only when the card could not be replaced), and the distributor's channel is told. Telling the
   * channel must not cost the reseller its answer.
   */
  async function settled(
    context: TurnContext,
    t: Translate,
    identity: TeamsIdentity,
    text: string,
    provider: Provider,
    tell: {
      notice: 'partnerships.authorised' | 'partnerships.accepted' | 'partnerships.declined';
      params: Record<string, unknown>;
      dedupeKey: string;
    },
    next?: Partial<Activity>,
  ): Promise<void> {
    if (!(await updateCard(context, t('partnerships:teams.card.title'), text, p.logger))) {
      await context.sendActivity(text);
    }
    if (next) await context.sendActivity(next);
    const reseller = await p.service.partnerships.resellerName(identity.tenantId);
    await p
      .tellProvider(provider, tell.notice, { reseller, ...tell.params }, tell.dedupeKey)
      .catch((error) =>
        turnLogger(p.logger, context).warn({ err: error, notice: tell.notice }, 'could not tell the provider'),
      );
  }

  const commands: TeamsCommand[] = [
    {
      name: 'invitation',
      descriptionKey: 'partnerships:teams.commands.invitation',
      wordKey: 'partnerships:teams.words.invitation',
      run: async ({ context, t, args, identity }) => {
        const lookup = await p.service.invitations.openInvitation(args.trim());
        if (lookup.status !== 'valid') {
          await context.sendActivity(oneToReseller(t, lookupMessage(lookup, identity.tenantId)));
          return;
        }
        const code = p.service.invitations.codeOf(lookup.invitation);
        await context.sendActivity(invitationCard(t, invitationCardParams(lookup.invitation, lookup.provider, code)));
      },
    },
    cardCommand({
      name: 'invitation-authorize',
      descriptionKey: 'partnerships:teams.commands.invitation',
      hidden: true,
      payload: authorisePayload,
      run: async ({ context, t, identity, payload }) => {
        if (!payload || !consentGiven(payload.consent)) {
          await context.sendActivity(t('partnerships:teams.card.consentRequired'));
          return;
        }
        const actor = actorOf(identity);
        // E7: the organisation's domain is the one its member's own Teams account stands for (no primary contact).
        const member = await reportedMember(context, p.logger);
        const outcome = await p.service.answers.authorise(payload.code, { tenantId: identity.tenantId, actor, member });
        if (outcome.ok) {
          const provider = outcome.provider.partner.legalName ?? '';
          const when = outcome.invitation.decidedAt ?? '';
          const who = actor.name ?? actor.userId;
          const tell = { params: { who, when }, dedupeKey: `partnerships:accepted:${outcome.invitation.id}` };
          if (outcome.partnership.state === 'active') {
            const text = t('partnerships:teams.authorised', { provider, who, when });
            await settled(context, t, identity, text, outcome.provider, { ...tell, notice: 'partnerships.authorised' });
            return;
          }
          // P2, P3: Partner Center does not list the relationship yet; the reseller takes the last step there.
          const next = awaitingPartnerCenterCard(t, {
            providerName: provider,
            providerId: outcome.provider.settings.providerId,
            link: p.partnerCenterLinkFor(outcome.provider, identity.tenantId, languageOf(t)),
          });
          const text = t('partnerships:teams.accepted', { provider, who, when });
          await settled(
            context,
            t,
            identity,
            text,
            outcome.provider,
            { ...tell, notice: 'partnerships.accepted' },
            next,
          );
          return;
        }
        if ('lookup' in outcome) {
          await context.sendActivity(oneToReseller(t, lookupMessage(outcome.lookup, identity.tenantId)));
          return;
        }
        // Not enrolled (P1): the service picks the reason and the advice; the card only says them.
        const enrolFirst = enrolFirstAnswer(outcome.decision);
        if (enrolFirst) {
          const reason = toReseller(t, decisionMessages(enrolFirst.reason));
          await context.sendActivity(`${reason}\n\n${t(`partnerships:teams.${enrolFirst.advice}`)}`);
          return;
        }
        await context.sendActivity(toReseller(t, decisionMessages(outcome.decision)));
      },
    }),
    cardCommand({
      name: 'invitation-decline',
      descriptionKey: 'partnerships:teams.commands.invitation',
      hidden: true,
      payload: declinePayload,
      run: async ({ context, t, identity, payload }) => {
        const actor = actorOf(identity);
        // P3: who Teams says this person is; the service lets only their own account's address count (E4, E7).
        const member = await reportedMember(context, p.logger);
        const outcome = await p.service.answers.decline(payload?.code ?? '', {
          tenantId: identity.tenantId,
          actor,
          member,
        });
        if (!outcome.ok) {
          const m =
            'lookup' in outcome
              ? lookupMessage(outcome.lookup, identity.tenantId)
              : refusalMessages(outcome.refusal)[0];
          await context.sendActivity(oneToReseller(t, m));
          return;
        }
        const provider = outcome.provider.partner.legalName ?? '';
        const text = t('partnerships:teams.declined', { provider });
        await settled(context, t, identity, text, outcome.provider, {
          notice: 'partnerships.declined',
          params: { who: actor.name ?? actor.userId, email: outcome.invitation.email },
          dedupeKey: `partnerships:declined:${outcome.invitation.id}`,
        });
      },
    }),
    cardCommand({
      name: 'partnership-check',
      descriptionKey: 'partnerships:teams.commands.invitation',
      hidden: true,
      payload: checkPayload,
      run: async ({ context, t, identity, payload }) => {
        let result: Awaited<ReturnType<TeamsPartnerships['confirmations']['confirm']>>;
        try {
          result = await p.confirmations.confirm(payload?.provider ?? '', identity.tenantId, identity.aadObjectId);
        } catch (error) {
          turnLogger(p.logger, context).warn({ err: error }, 'Partner Center could not be asked about a partnership');
          await context.sendActivity(t('partnerships:teams.awaiting.unavailable'));
          return;
        }
        if (result.state === 'none') {
          await context.sendActivity(t('partnerships:teams.awaiting.none'));
          return;
        }
        const provider = result.provider.partner.legalName ?? '';
        if (result.state === 'awaiting-partner-center') {
          await context.sendActivity(t('partnerships:teams.awaiting.notYet', { provider }));
          return;
        }
        // Confirmed now by this click: the card says so, and the notice goes to the rest of the
        // organisation, not to this person (said once). Confirmed earlier (a pass got there first, and
        // its notice reached everyone): the card says when. A card that cannot be replaced: a message.
        const when = result.partnership.confirmedAt ?? result.partnership.updatedAt ?? '';
        const text = result.confirmedNow
          ? t('partnerships:teams.confirmed', { provider })
          : t('partnerships:teams.alreadyConfirmed', { provider, when });
        const replaced = await updateCard(
          context,
          t('partnerships:teams.awaiting.activeTitle', { provider }),
          text,
          p.logger,
        );
        if (!replaced) await context.sendActivity(text);
      },
    }),
    {
      name: 'providers',
      descriptionKey: 'partnerships:teams.commands.providers',
      // N1: Microsoft says "distributor" now (the word in every language); the words people learnt
      // for "indirect provider" still work, and so do spellings without diacritics.
      wordKey: 'partnerships:teams.words.providers',
      aliases: ['distributorer', 'leverantörer', 'leverantorer', 'dostawcy', 'indirect-providers'],
      run: async ({ context, t, identity }) => {
        const rows = await p.service.listProviders(identity.tenantId);
        // An invitation waiting for this organisation is the way to a first provider: say so, and show it again.
        const waiting = await p.service.invitations.waitingInvitations(
          identity.tenantId,
          await reportedMember(context, p.logger),
        );
        const intro = waiting.map(({ invitation, provider }) =>
          t('partnerships:teams.providers.invitationWaiting', {
            provider: provider.partner.legalName ?? provider.settings.providerId,
            expires: invitation.expiresAt,
          }),
        );
        if (rows.length === 0 && waiting.length === 0) intro.push(t('partnerships:teams.providers.none'));
        await context.sendActivity({ attachments: [providersCard(t, rows, p.regions, intro)] });
        for (const { invitation, provider, code } of waiting) {
          await context.sendActivity(invitationCard(t, invitationCardParams(invitation, provider, code)));
        }
      },
    },
    {
      name: 'end',
      descriptionKey: 'partnerships:teams.commands.end',
      wordKey: 'partnerships:teams.words.end',
      aliases: ['zakoncz'],
      run: async ({ context, t, identity }) => {
        const answer = await requestPartnershipEnd(p.service, identity.tenantId, actorOf(identity));
        const lines = [toReseller(t, decisionMessages(answer.decision))];
        if (answer.providerNames.length > 0) {
          lines.push(t('partnerships:teams.endProviders', { providers: answer.providerNames.join(', ') }));
        }
        await context.sendActivity(lines.join('\n\n'));
      },
    },
  ];
  return { commands };
}
