import type { HomeView, KnownBlock } from '@slack/types';
import type { Translate } from '../../i18n/i18n';

/** The App Home tab: a short introduction, then what each feature has for this user. */
export function homeView(t: Translate, sections: KnownBlock[]): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: t('common:slack.home.title') } },
      { type: 'section', text: { type: 'mrkdwn', text: t('common:slack.home.intro') } },
      ...sections,
      { type: 'context', elements: [{ type: 'mrkdwn', text: t('common:slack.home.gettingStarted') }] },
    ],
  };
}
