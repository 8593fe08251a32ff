import type { Translate } from '../../i18n/i18n';
import type { RelationshipRequestView } from '../../services/partnerCenter/sandboxGateway';
import { escapeHtml as e, htmlPage } from './html';

/** What the stand-in page shows: the request (with the form), its outcome, or why it cannot be used. */
export type StandInPage =
  | { kind: 'request'; view: RelationshipRequestView; action: string; tenant: string; consentMissing?: boolean }
  | { kind: 'outcome'; view: RelationshipRequestView }
  | { kind: 'unusable'; reason: 'notFound' | 'noTenant' };

/**
 * The sandbox's stand-in for Partner Center's relationship-request page (P2, P3): the request, a box
 * to tick and Authorize distributor; then what Partner Center would answer. Sandbox mode only.
 */
export function partnerCenterStandInPage(t: Translate, language: string, page: StandInPage): string {
  const banner = `<p style="background: #fff4ce; padding: .5em">${e(t('partnerships:standIn.banner'))}</p>`;
  return htmlPage(language, t('partnerships:standIn.htmlTitle'), `${banner}\n${bodyOf(t, page)}`);
}

function bodyOf(t: Translate, page: StandInPage): string {
  if (page.kind === 'unusable') return `<p>${e(t(`partnerships:standIn.${page.reason}`))}</p>`;
  const provider = page.view.providerName;
  const lines = [
    `<h1>${e(t('partnerships:standIn.title', { provider }))}</h1>`,
    `<p>${e(t('partnerships:standIn.signedInAs', { reseller: page.view.resellerName ?? '-' }))}</p>`,
  ];
  if (page.view.refusal) {
    lines.push(`<p role="alert">${e(t(`partnerships:standIn.refusal.${page.view.refusal}`, { provider }))}</p>`);
    return lines.join('\n');
  }
  if (page.view.active) {
    lines.push(`<p role="status">${e(t('partnerships:standIn.done', { provider }))}</p>`);
    return lines.join('\n');
  }
  if (page.kind === 'outcome') return lines.join('\n');
  if (page.consentMissing) lines.push(`<p role="alert">${e(t('partnerships:standIn.consentMissing'))}</p>`);
  lines.push(
    `<form method="post" action="${e(page.action)}">`,
    `<input type="hidden" name="tenant" value="${e(page.tenant)}">`,
    `<p><label><input type="checkbox" name="consent" value="yes"> ${e(t('partnerships:standIn.consent', { provider }))}</label></p>`,
    `<p><button type="submit">${e(t('partnerships:standIn.authorize'))}</button></p>`,
    '</form>',
  );
  return lines.join('\n');
}
