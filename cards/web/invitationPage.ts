import type { Translate } from '../../i18n/i18n';
import { escapeHtml } from './html';

/** What the invitation link page shows: the provider's invitation, or why the link no longer works. */
export interface InvitationPageData {
  valid: boolean;
  /** The provider's legal name (valid links only). */
  provider: string;
  /** Why the link does not work, in the reader's words (invalid links only). */
  problem: string;
  code: string;
  /** A Teams deep link that opens the chat with the code typed in, when the bot's app id is known. */
  chatUrl?: string;
}

/**
 * The page behind an invitation link (P2): it cannot accept anything itself (acceptance needs the
 * signed-in Teams user, P3), so it names the provider and leads to the chat with the code.
 */
export function invitationPage(t: Translate, page: InvitationPageData): string {
  const e = escapeHtml;
  const body = page.valid
    ? [
        `<h1>${e(t('partnerships:page.title', { provider: page.provider }))}</h1>`,
        `<p>${e(t('partnerships:page.intro', { provider: page.provider }))}</p>`,
        page.chatUrl ? `<p><a href="${e(page.chatUrl)}">${e(t('partnerships:page.open'))}</a></p>` : '',
        `<p>${e(t('partnerships:page.paste'))}</p>`,
        `<pre>invitation ${e(page.code)}</pre>`,
      ].join('\n')
    : `<h1>${e(t('partnerships:page.invalidTitle'))}</h1>\n<p>${e(page.problem)}</p>`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(
    t('partnerships:page.htmlTitle'),
  )}</title></head>\n<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">\n${body}\n</body></html>\n`;
}
