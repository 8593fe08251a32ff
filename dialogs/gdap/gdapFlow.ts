/**
 * GDAP in Teams for the reseller (G1, G2): a card flow like the invitation's, with no dialog state. `gdap`
 * shows each customer with the reseller's own relationship; Ask for GDAP has its distributor create one for
 * it; Consent / Decline answer one the distributor created; the answer gives the customer's approval link.
 * Every press carries only ids, and who acts is who Teams says the user is.
 */
import { z } from 'zod';
import { gdapCard } from '../../cards/teams/gdapCards';
import type { Translate } from '../../i18n/i18n';
import { GdapError, isGdapRefusal } from '../../services/gdap/gdapErrors';
import { customerApprovalLink } from '../../services/gdap/gdapGateway';
import type { ResellerGdap } from '../../services/gdap/resellerGdap';
import { isPartnerCenterError } from '../../services/partnerCenter/errors';
import { verbField } from '../cardSubmission';
import { redrawPressedCard } from '../pressedCard';
import { cardCommand, type TeamsFeature } from '../teamsTurn';
import { markup } from '../../i18n/teamsMarkdown';

const tenantOrId = z.string().trim().min(1).max(200);
export const askPayload = z.strictObject({ verb: verbField, customer: tenantOrId });
export const consentPayload = z.strictObject({
  verb: verbField,
  relationship: tenantOrId,
  answer: z.enum(['approve', 'reject']),
});

/** What a refused or failed GDAP call means to the reseller; anything else is not ours to explain. */
function failureText(t: Translate, error: unknown): string {
  if (isGdapRefusal(error, 'customerNotFound') || isPartnerCenterError(error, 'not-found'))
    return t('gdap:teams.notYours');
  if (isGdapRefusal(error, 'invalidStatusForAction')) return t('gdap:teams.alreadyAnswered');
  if (error instanceof GdapError && error.code === 'conflict') return t('gdap:teams.pending');
  // The assistant holds the distributor's credentials only (API1): the reseller consents in Partner Center.
  if (isPartnerCenterError(error, 'unauthorized')) return t('gdap:teams.consentElsewhere');
  if (isPartnerCenterError(error) && error.retryable) return t('gdap:teams.failed');
  throw error;
}

export function teamsGdap(service: ResellerGdap, resellerName: (tenantId: string) => Promise<string>): TeamsFeature {
  return {
    commands: [
      {
        name: 'gdap',
        descriptionKey: 'gdap:teams.commands.gdap',
        wordKey: 'gdap:teams.words.gdap',
        run: async ({ context, t, identity }) => {
          await context.sendActivity(gdapCard(t, await service.overview(identity.tenantId)));
        },
      },
      cardCommand({
        name: 'gdap-ask',
        descriptionKey: 'gdap:teams.commands.gdap',
        hidden: true,
        payload: askPayload,
        run: async ({ context, t, identity, payload }) => {
          if (!payload) return;
          try {
            const created = await service.ask(
              identity.tenantId,
              await resellerName(identity.tenantId),
              payload.customer,
            );
            const card = gdapCard(t, await service.overview(identity.tenantId));
            // The redrawn card says the relationship awaits consent, with its buttons: nothing to add below.
            if (await redrawPressedCard(context, card.attachments ?? [])) return;
            const link = await service.link(identity.tenantId, created.id);
            await context.sendActivity(
              t('gdap:teams.asked', { provider: link?.providerName ?? '', customer: link?.customerName ?? '' }),
            );
            await context.sendActivity(card);
          } catch (error) {
            await context.sendActivity(failureText(t, error));
          }
        },
      }),
      cardCommand({
        name: 'gdap-consent',
        descriptionKey: 'gdap:teams.commands.gdap',
        hidden: true,
        payload: consentPayload,
        run: async ({ context, t, identity, payload }) => {
          if (!payload) return;
          try {
            const { relationship, link } = await service.consent(
              identity.tenantId,
              payload.relationship,
              payload.answer,
            );
            // The card no longer offers Consent / Decline; the link goes in a message, to be copied and sent.
            await redrawPressedCard(context, gdapCard(t, await service.overview(identity.tenantId)).attachments ?? []);
            const words = { customer: link.customerName, link: markup(customerApprovalLink(relationship.id)) };
            await context.sendActivity(
              payload.answer === 'approve' ? t('gdap:teams.consented', words) : t('gdap:teams.rejected', words),
            );
          } catch (error) {
            await context.sendActivity(failureText(t, error));
          }
        },
      }),
    ],
  };
}
