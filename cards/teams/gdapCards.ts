import type { Activity } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { escapeTeamsMarkdown as md } from '../../i18n/teamsMarkdown';
import type { ResellerGdapRow } from '../../services/gdap/resellerGdap';
import { roleName } from '../../services/gdap/roleTemplates';
import { cardAttachment } from '../renderCard';

/** One customer's line on the GDAP card; empty strings leave an element out (`$when`). */
interface GdapRowData {
  customer: string;
  state: string;
  detail: string;
  customerId: string;
  relationshipId: string;
  ask: string;
  approve: string;
  reject: string;
  link: string;
  linkTitle: string;
}

/** The GDAP card template's data (cards/teams/gdap.json). */
export interface GdapCardData {
  title: string;
  intro: string;
  empty: string;
  rows: GdapRowData[];
}

/** The state of a row in the reader's words: the stage (G1) or none (G2), with its date or days. */
function stateText(t: Translate, row: ResellerGdapRow): string {
  const stage = row.view?.stage ?? 'none';
  const params = { provider: row.providerName, end: row.relationship?.endDateTime ?? '', count: row.approvalDaysLeft };
  return t(`gdap:teams.stage.${stage}`, params);
}

function rowData(t: Translate, row: ResellerGdapRow): GdapRowData {
  const r = row.relationship;
  const stage = row.view?.stage;
  const consent = stage === 'awaiting-reseller-consent';
  return {
    customer: `${md(row.customerName)} (${md(row.providerName)})`,
    state: stateText(t, row),
    detail:
      r && consent
        ? t('gdap:teams.card.roles', { roles: r.roles.map(roleName).join(', '), days: r.duration.replace(/\D/g, '') })
        : '',
    customerId: row.customerTenantId,
    relationshipId: r?.id ?? '',
    ask: row.needsOwnGdap ? t('gdap:teams.card.ask') : '',
    approve: consent ? t('gdap:teams.card.approve') : '',
    reject: consent ? t('gdap:teams.card.reject') : '',
    link: row.approvalLink ?? '',
    linkTitle: row.approvalLink ? t('gdap:teams.card.link') : '',
  };
}

/** `gdap` in Teams (G1, G2): each customer of the reseller with its own relationship, and the one next step. */
export function gdapCard(t: Translate, rows: ResellerGdapRow[]): Partial<Activity> {
  return {
    attachments: [
      cardAttachment<GdapCardData>('gdap', {
        title: t('gdap:teams.card.title'),
        intro: t('gdap:teams.card.intro'),
        empty: rows.length === 0 ? t('gdap:teams.card.empty') : '',
        rows: rows.map((row) => rowData(t, row)),
      }),
    ],
  };
}
