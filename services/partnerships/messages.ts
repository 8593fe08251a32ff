import type { Decision } from '../rules/decision';
import type { InvalidInvitation, Refusal } from './types';

/** A message an edge shows, as a catalog key and its parameters (the edges translate). */
export interface MessageRef {
  key: string;
  params?: Record<string, unknown>;
}

const OWN_VALIDATION = new Set([
  'validation.approvers-missing',
  'validation.channel-missing',
  'validation.legal-name-missing',
  'validation.partner-center-link-missing',
  'validation.partner-center-link-invalid',
]);

/** Violations as `rules:violation.<code>`, ways forward as `rules:option.<code>`. */
export function decisionMessages(decision: Pick<Decision, 'violations' | 'options'>): MessageRef[] {
  return [
    ...decision.violations.map((v) => ({ key: `rules:violation.${v.code}`, params: v.facts })),
    ...decision.options.map((o) => ({ key: `rules:option.${o.code}` })),
  ];
}

export function refusalMessages(refusal: Refusal): MessageRef[] {
  if (refusal.kind === 'rules') return decisionMessages(refusal);
  if (refusal.kind === 'access') return [{ key: `partnerships:refusal.${refusal.code}` }];
  if (refusal.code.startsWith('validation.')) {
    return [{ key: OWN_VALIDATION.has(refusal.code) ? `partnerships:${refusal.code}` : `rules:${refusal.code}` }];
  }
  return [{ key: `partnerships:refusal.${refusal.code}`, params: refusal.params }];
}

/**
 * Why an invitation code cannot be used: forged, unknown, expired, used (by whom, when), revoked, declined.
 * Who answered it and when is told only to that organisation (`readerTenantId`): a code is a link anyone
 * may hold, and a stranger reusing it must not learn which organisation partnered and when.
 */
export function lookupMessage(lookup: InvalidInvitation, readerTenantId?: string): MessageRef {
  if (!('invitation' in lookup)) return { key: `partnerships:invitation.${lookup.status}` };
  const i = lookup.invitation;
  const answered = lookup.status === 'used' || lookup.status === 'declined';
  if (answered && (!readerTenantId || readerTenantId !== i.resellerId)) {
    return { key: 'partnerships:invitation.closed', params: { provider: lookup.provider?.partner.legalName ?? '-' } };
  }
  return {
    key: `partnerships:invitation.${lookup.status}`,
    params: {
      provider: lookup.provider?.partner.legalName ?? '-',
      who: i.decidedBy?.name ?? i.decidedBy?.userId ?? '-',
      // ISO timestamps: the catalogs format them in the reader's language ({{when, datetime}}).
      when: i.decidedAt ?? i.expiresAt,
      expires: i.expiresAt,
    },
  };
}
