/** The end of a partnership (P7): what removing it does, said in full before the rep confirms. */
import type { ModalView } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import { removalConsequences } from '../../../services/rules/partnershipEffects';
import { mrkdwnTranslator } from '../../../i18n/slackMrkdwn';
import { blockKit } from '../blockKit';
import { CALLBACK, FIELD_ACTION } from './ids';

const { plain, mrkdwn } = blockKit;

/** P7 in full, with an optional "notify the reseller" box; the reseller rides in private_metadata, re-checked on submit. */
export function removeModal(slackT: Translate, reseller: { id: string; name: string }): ModalView {
  const t = mrkdwnTranslator(slackT);
  const consequences = removalConsequences()
    .map((c) => `• ${t(`rules:removal.${c.code}`)}`)
    .join('\n');
  return {
    type: 'modal',
    callback_id: CALLBACK.remove,
    private_metadata: reseller.id,
    title: plain(t('partnerships:slack.remove.title')),
    submit: plain(t('partnerships:slack.remove.submit')),
    close: plain(t('partnerships:slack.cancel')),
    blocks: [
      { type: 'section', text: mrkdwn(t('partnerships:slack.remove.intro', { name: reseller.name })) },
      { type: 'section', text: mrkdwn(consequences) },
      {
        type: 'input',
        block_id: 'notify',
        optional: true,
        label: plain(t('partnerships:slack.remove.notifyLabel')),
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION,
          options: [{ text: plain(t('partnerships:slack.remove.notify')), value: 'notify' }],
        },
      },
    ],
  };
}
