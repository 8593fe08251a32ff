import type { Actor } from '../domain/identifiers';
import type { Decision } from '../rules/decision';
import { resellerEndsPartnership } from '../rules/partnershipRules';
import type { PartnershipService } from './partnershipService';
import type { ProviderRow } from './types';

/** Only what the answer reads of a provider row, so the rule is checked without a whole record. */
type EndRequestRow = { partnership: Pick<ProviderRow['partnership'], 'providerId' | 'resellerId'> } & {
  provider?: Pick<NonNullable<ProviderRow['provider']>, 'legalName'>;
};

/** What a reseller asking to end its partnerships is told, and whom the audit log records it for (P8). */
export interface EndRequestAnswer {
  decision: Decision;
  /** The providers the reseller is partnered with, by name, so it knows whom to ask instead. */
  providerNames: string[];
  /** One refused end request per provider, so each provider's audit log shows it was asked (P8). */
  auditedProviderIds: string[];
}

/**
 * A reseller cannot end a partnership itself (P8): always refused, with the way to go (Microsoft
 * support), whichever platform asked. Pure, so Teams, Slack and the audit log agree on one answer.
 */
export function answerEndRequest(resellerTenantId: string, rows: readonly EndRequestRow[]): EndRequestAnswer {
  const first = rows[0]?.partnership ?? { providerId: '-', resellerId: resellerTenantId };
  return {
    decision: resellerEndsPartnership(first),
    providerNames: rows.map((r) => r.provider?.legalName ?? r.partnership.providerId),
    auditedProviderIds: rows.map((r) => r.partnership.providerId),
  };
}

/** The end request (P8) decided and put on each provider's audit log; the edge only renders the answer. */
export async function requestPartnershipEnd(
  service: Pick<PartnershipService, 'listProviders' | 'audit'>,
  resellerTenantId: string,
  actor: Actor,
): Promise<EndRequestAnswer> {
  const answer = answerEndRequest(resellerTenantId, await service.listProviders(resellerTenantId));
  for (const providerId of answer.auditedProviderIds) {
    await service.audit.write(providerId, actor, 'partnership.end-request', 'refused', ['P8'], {
      reseller: resellerTenantId,
    });
  }
  return answer;
}
