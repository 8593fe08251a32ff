/**
 * `/csp invite` and what it gives the rep (P2): the invitation modal, then the draft email with the
 * link to copy, shown again on Resend with a note of what the resend did.
 */
import type { ModalView } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/languages';
import { mrkdwnTranslator, plainTranslator } from '../../../i18n/slackMrkdwn';
import { blockKit } from '../blockKit';
import { CALLBACK } from './ids';

const { plain, mrkdwn, textInput, languageSelect } = blockKit;

/** The block of the invite modal where the rep picks the draft email's language. */
export const EMAIL_LANGUAGE_BLOCK = 'emailLanguage';

/**
 * `/csp invite`: who to ask to partner (P2), and the language of the draft email: the reseller reads it,
 * so it is offered in the language of the distributor's country (most resellers are in its region, P6),
 * whatever language the rep reads Slack in.
 */
export function inviteModal(t: Translate, emailLanguage: Language): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.invite,
    title: plain(t('partnerships:slack.invite.title')),
    submit: plain(t('partnerships:slack.invite.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.invite.intro')) },
      textInput('email', t('partnerships:slack.invite.email')),
      textInput('companyName', t('partnerships:slack.invite.companyName'), { optional: true }),
      textInput('mpnId', t('partnerships:slack.invite.mpnId'), {
        optional: true,
        hint: t('partnerships:slack.invite.mpnIdHint'),
      }),
      languageSelect(t, EMAIL_LANGUAGE_BLOCK, t('partnerships:slack.invite.emailLanguage'), emailLanguage),
    ],
  };
}

/** The draft email for the rep to copy (P2: editable, but the link must stay): plain text, as the email is. */
export function draftEmail(
  slackT: Translate,
  input: { providerName: string; companyName?: string; link: string; expiresAt: string },
) {
  const t = plainTranslator(slackT);
  return t('partnerships:slack.invite.draftEmail', {
    provider: input.providerName,
    company: input.companyName || t('partnerships:slack.invite.draftGreetingFallback'),
    link: input.link,
    expires: input.expiresAt,
  });
}

/** `note`: what a resend did (the same link again, or a new one that replaces the expired link). */
export function draftModal(slackT: Translate, draft: string, link: string, note?: string): ModalView {
  const t = mrkdwnTranslator(slackT);
  return {
    type: 'modal',
    callback_id: CALLBACK.draft,
    title: plain(t('partnerships:slack.invite.draftTitle')),
    close: plain(t('partnerships:slack.close')),
    blocks: [
      ...(note ? [{ type: 'section' as const, text: mrkdwn(note) }] : []),
      { type: 'section', text: mrkdwn(t('partnerships:slack.invite.draftIntro')) },
      textInput('draft', t('partnerships:slack.invite.draftLabel'), { initial: draft, multiline: true }),
      { type: 'context', elements: [mrkdwn(t('partnerships:slack.invite.keepLink', { link }))] },
    ],
  };
}
