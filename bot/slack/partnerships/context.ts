import type { WebClient } from '@slack/web-api';
import { draftEmail } from '../../../cards/slack/partnerships/invitationModals';
import { type Translate, translatorFor } from '../../../i18n/i18n';
import type { PartnershipService } from '../../../services/partnerships/partnershipService';
import type { Invitation, Provider } from '../../../services/partnerships/types';
import type { Logger } from '../../logger';
import { LRUCache } from 'lru-cache';
import type { SlackLanguages } from '../slackLanguage';
import type { SlackPeople } from '../slackPeople';

/** What the Slack side of partnerships needs, built once by bot/features/partnerships.ts. */
export interface SlackPartnerships {
  service: PartnershipService;
  languages: SlackLanguages;
  /** Real names of the reps who act, for the audit and what the channel reads. */
  people: SlackPeople;
  logger: Logger;
  /** `<publicUrl>/invitations/<code>` */
  invitationLink(code: string): string;
  /** After an invitation is created: the reseller's Teams colleagues get the card, when we know them. */
  deliverInvitationToTeams(invitationId: string, code: string): Promise<void>;
  /** Tells a reseller organisation (Teams) that a provider removed the partnership. */
  notifyResellerOfRemoval(resellerTenantId: string, providerName: string, key: string): Promise<void>;
  isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean>;
  /** Sandbox mode: the set-up's Partner Center link may be left empty (the stand-in page serves). */
  partnerCenterLinkOptional?: boolean;
  /** How many customers each reseller has with the provider in Partner Center; a reseller left out is unknown. */
  customerCounts?(providerId: string, resellerIds: string[]): Promise<Map<string, number>>;
  /** After a partnership was removed here: the views that list the distributor's resellers are drawn again. */
  partnershipChanged?(provider: Provider): void;
}

/** The link and the email the rep copies for an invitation just made or sent again (P2). */
export function invitationDraft(
  p: SlackPartnerships,
  t: Translate,
  issued: { invitation: Invitation; code: string; provider: Provider },
): { link: string; draft: string } {
  const link = p.invitationLink(issued.code);
  // The email is the reseller's to read: in the language the rep chose for it; the modal around it in the rep's.
  const emailT = issued.invitation.emailLanguage ? translatorFor(issued.invitation.emailLanguage) : t;
  const draft = draftEmail(emailT, {
    providerName: issued.provider.partner.legalName ?? '',
    companyName: issued.invitation.companyName,
    link,
    expiresAt: issued.invitation.expiresAt,
  });
  return { link, draft };
}

const ADMIN_TTL_MS = 5 * 60 * 1000;

/** Workspace admins and owners from users.info, cached for five minutes. */
export function adminChecker(logger: Logger) {
  // 10,000 people at most (a flag and a time each, ~150 B).
  const cache = new LRUCache<string, { admin: boolean; until: number }>({ max: 10_000 });
  return async (client: WebClient, userId: string): Promise<boolean> => {
    const cached = cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.admin;
    try {
      const answer = await client.users.info({ user: userId });
      const admin = Boolean(answer.user?.is_admin || answer.user?.is_owner || answer.user?.is_primary_owner);
      cache.set(userId, { admin, until: Date.now() + ADMIN_TTL_MS });
      return admin;
    } catch (error) {
      logger.warn({ err: error }, 'users.info failed: treating the user as not an admin');
      return false;
    }
  };
}
