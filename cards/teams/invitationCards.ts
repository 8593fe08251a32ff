import type { Activity, Attachment } from 'botbuilder';
import { countryName, formatDate, languageOf } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { escapeTeamsMarkdown as md, plainTranslator } from '../../i18n/teamsMarkdown';
import type { Invitation, Provider, ProviderRow } from '../../services/partnerships/types';
import { adminAccessSteps, authorisationGrants } from '../../services/rules/partnershipEffects';
import type { RegionTable } from '../../services/rules/regionTable';
import { cardAttachment } from '../renderCard';

/**
 * The reseller's partnership cards in Teams (P2, P3, P4): the invitation, the step left in Partner
 * Center, the card an invitation becomes once decided, and the reseller's providers. Each takes what
 * it shows and nothing else; the Teams commands that send them live in dialogs/invitation/invitationFlow.ts.
 */

/** What the invitation card needs, stored in a notice so it can be rendered later in the reader's language. */
export interface InvitationCardParams extends Record<string, unknown> {
  code: string;
  providerName: string;
  providerMpnId: string;
  providerCountry: string;
  email: string;
  expiresAt: string;
}

export function invitationCardParams(invitation: Invitation, provider: Provider, code: string): InvitationCardParams {
  return {
    code,
    providerName: provider.partner.legalName ?? provider.settings.providerId,
    providerMpnId: provider.partner.mpnId ?? '-',
    providerCountry: provider.partner.country ?? '-',
    email: invitation.email,
    expiresAt: invitation.expiresAt,
  };
}

/** P3, G3: the card naming the provider, what authorising surely grants, what admin access needs (G2), the required box, Authorize and Decline. */
export function invitationCard(t: Translate, params: Record<string, unknown>): Partial<Activity> {
  const p = params as InvitationCardParams;
  const provider = p.providerName;
  return {
    attachments: [
      cardAttachment<InvitationCardData>('invitation', {
        title: t('partnerships:teams.card.title'),
        intro: t('partnerships:teams.card.intro', { provider }),
        facts: [
          { title: t('partnerships:teams.card.provider'), value: md(provider) },
          { title: t('partnerships:teams.card.mpnId'), value: md(p.providerMpnId) },
          { title: t('partnerships:teams.card.country'), value: countryName(languageOf(t), p.providerCountry) },
          { title: t('partnerships:teams.card.sentTo'), value: md(p.email) },
        ],
        grantsTitle: t('partnerships:teams.card.grantsTitle'),
        grants: authorisationGrants().map((g) => ({ text: t(`rules:grant.${g.code}`) })),
        adminTitle: t('partnerships:teams.card.adminTitle'),
        adminSteps: adminAccessSteps().map((s) => ({ text: t(`rules:adminAccess.${s.code}`) })),
        // An Input.Toggle's title shows its text as it is.
        consent: plainTranslator(t)('partnerships:teams.card.consent', { provider }),
        consentLabel: t('partnerships:teams.card.consentLabel'),
        consentRequired: t('partnerships:teams.card.consentRequired'),
        expires: t('partnerships:teams.card.expires', { date: p.expiresAt }),
        authorize: t('partnerships:teams.card.authorize'),
        decline: t('partnerships:teams.card.decline'),
        code: p.code,
      }),
    ],
  };
}

/**
 * P2, P3: accepted here, the partnership waits for Partner Center. The card leads the reseller along:
 * the distributor's Partner Center link, the steps there, and Check now.
 */
export function awaitingPartnerCenterCard(
  t: Translate,
  params: { providerName: string; providerId: string; link?: string },
): Partial<Activity> {
  const provider = params.providerName;
  const steps = t('partnerships:teams.awaiting.steps', { returnObjects: true }) as string[];
  return {
    attachments: [
      cardAttachment<AwaitingPartnerCenterCardData>('partnershipAwaiting', {
        title: t('partnerships:teams.awaiting.title', { provider }),
        intro: t('partnerships:teams.awaiting.intro'),
        stepsTitle: t('partnerships:teams.awaiting.stepsTitle'),
        steps: steps.map((text) => ({ text })),
        noLink: params.link ? '' : t('partnerships:teams.awaiting.noLink', { provider }),
        link: params.link ?? '',
        open: t('partnerships:teams.awaiting.open'),
        check: t('partnerships:teams.awaiting.check'),
        providerId: params.providerId,
      }),
    ],
  };
}

/** Told to the reseller organisation when Partner Center shows the partnership (P3). */
export function confirmedNotice(t: Translate, params: Record<string, unknown>): Partial<Activity> {
  return { text: t('partnerships:teams.confirmed', { provider: params.providerName }) };
}

/** Told to a reseller organisation when its provider removed the partnership and chose to say so. */
export function removalNotice(t: Translate, params: Record<string, unknown>): Partial<Activity> {
  return { text: t('partnerships:teams.removedNotice', { provider: params.providerName }) };
}

interface Fact {
  title: string;
  value: string;
}

/** The invitation card template's data (cards/teams/invitation.json). */
export interface InvitationCardData {
  title: string;
  intro: string;
  facts: Fact[];
  grantsTitle: string;
  grants: Array<{ text: string }>;
  /** G3, G2: what the reseller itself must do for admin access to its customers. */
  adminTitle: string;
  adminSteps: Array<{ text: string }>;
  consent: string;
  consentLabel: string;
  consentRequired: string;
  expires: string;
  authorize: string;
  decline: string;
  code: string;
}

/** The awaiting-Partner-Center card template's data (cards/teams/partnershipAwaiting.json). */
export interface AwaitingPartnerCenterCardData {
  title: string;
  intro: string;
  stepsTitle: string;
  steps: Array<{ text: string }>;
  noLink: string;
  link: string;
  open: string;
  check: string;
  providerId: string;
}

/** What a card an invitation or a check was decided on becomes: the outcome, and no buttons left to press. */
export function invitationDecidedCard(title: string, text: string): Attachment {
  return cardAttachment<{ title: string; text: string }>('invitationDecided', { title, text });
}

/** The providers card template's data (cards/teams/providers.json). */
export interface ProvidersCardData {
  title: string;
  intro: string;
  providers: Array<{ name: string; facts: Fact[]; offers: string }>;
  footer: string;
}

/** The reseller's providers (`providers`): each with its PartnerID, region, contact and since when; `intro` leads. */
export function providersCard(t: Translate, rows: ProviderRow[], regions: RegionTable, intro: string[]): Attachment {
  const providers = rows.map((row) => {
    const country = row.provider?.country;
    const found = regions.lookup(country);
    return {
      name: md(row.provider?.legalName ?? row.partnership.providerId),
      facts: [
        { title: t('partnerships:teams.providers.mpnId'), value: md(row.provider?.mpnId ?? '-') },
        {
          title: t('partnerships:teams.providers.region'),
          value: found.found
            ? `${countryName(languageOf(t), country)} (${t(`rules:region.${found.region}`)})`
            : md(country ?? '-'),
        },
        {
          title: t('partnerships:teams.providers.contact'),
          value: md(row.provider?.primaryContact?.email ?? row.provider?.supportContact?.email ?? '-'),
        },
        {
          title: t('partnerships:teams.providers.since'),
          value: formatDate(languageOf(t), row.partnership.decidedAt ?? '-'),
        },
      ],
      offers: t('partnerships:teams.providers.offers'),
    };
  });
  return cardAttachment<ProvidersCardData>('providers', {
    title: t('partnerships:teams.providers.title'),
    intro: intro.join('\n\n'),
    providers,
    footer: t('partnerships:teams.providers.footer'),
  });
}
