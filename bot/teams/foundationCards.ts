import type { Attachment } from 'botbuilder';
import { cardAttachment } from '../../cards/renderCard';
import type { Translate } from '../../i18n/i18n';
import type { TeamsCommand } from './teamsFeature';

export interface WelcomeCardData {
  title: string;
  intro: string;
  abilities: string[];
  hint: string;
  actions: Array<{ title: string; verb: string }>;
}

export interface HelpCardData {
  title: string;
  intro: string;
  commands: Array<{ name: string; description: string }>;
  footer: string;
}

/** The card a person sees when they install the app: what the assistant does, and where to start. */
export function welcomeCard(t: Translate, commands: TeamsCommand[]): Attachment {
  const names = new Set(commands.map((c) => c.name));
  const actions = (['enroll', 'status', 'help'] as const)
    .filter((verb) => names.has(verb))
    .map((verb) => ({ verb, title: t(`common:welcome.action.${verb}`) }));
  const data: WelcomeCardData = {
    title: t('common:welcome.title'),
    intro: t('common:welcome.intro'),
    abilities: t('common:welcome.abilities', { returnObjects: true }) as string[],
    hint: t('common:welcome.hint'),
    actions,
  };
  return cardAttachment('welcome', data);
}

/** Every command that works now, with its description: the help card never promises more. */
export function helpCard(t: Translate, commands: TeamsCommand[]): Attachment {
  const data: HelpCardData = {
    title: t('common:help.title'),
    intro: t('common:help.intro'),
    commands: commands.map((c) => ({ name: c.name, description: t(c.descriptionKey) })),
    footer: t('common:help.footer'),
  };
  return cardAttachment('help', data);
}
