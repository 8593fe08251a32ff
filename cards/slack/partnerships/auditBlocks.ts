/** `/csp audit`: the provider's latest partnership actions, who did them and which rules applied. */
import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../../i18n/i18n';
import type { AuditEntry } from '../../../services/partnerships/types';
import { mrkdwnTranslator } from '../../../i18n/slackMrkdwn';
import { blockKit } from '../blockKit';

const { plain, mrkdwn } = blockKit;

export function auditBlocks(slackT: Translate, entries: AuditEntry[]): KnownBlock[] {
  const t = mrkdwnTranslator(slackT);
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(t('partnerships:slack.audit.title')) }];
  if (entries.length === 0) blocks.push({ type: 'section', text: mrkdwn(t('partnerships:slack.audit.none')) });
  const lines = entries.map((e) =>
    t('partnerships:slack.audit.row', {
      at: e.at,
      who: e.actor.name ?? e.actor.userId,
      platform: e.actor.platform,
      action: t(`partnerships:audit.${e.action}`),
      outcome: t(`partnerships:audit.outcome.${e.outcome}`),
      rules: e.rules.join(', ') || '-',
    }),
  );
  for (let i = 0; i < lines.length; i += 10)
    blocks.push({ type: 'section', text: mrkdwn(lines.slice(i, i + 10).join('\n')) });
  return blocks;
}
