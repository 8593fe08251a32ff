import type { KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/i18n';

export interface SlackCommandLine {
  name: string;
  description: string;
}

/** `/csp help`: what the assistant does for distributor reps, and every subcommand that works. */
export function helpBlocks(t: Translate, commands: SlackCommandLine[]): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: t('common:slack.help.title') } },
    { type: 'section', text: { type: 'mrkdwn', text: t('common:slack.help.intro') } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${t('common:slack.help.commandsTitle')}*\n${commands
          .map((c) => `• \`/csp ${c.name}\`: ${c.description}`)
          .join('\n')}`,
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t('common:slack.help.footer') }] },
  ];
}
