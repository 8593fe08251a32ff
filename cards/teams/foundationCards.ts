import type { Attachment } from 'botbuilder';
import { type Language, SUPPORTED_LANGUAGES, type Translate, translatorFor } from '../../i18n/i18n';
import { cardAttachment } from '../renderCard';

/**
 * What the welcome and help cards show of a command: its word and its description. The bot's
 * ListedCommand has these fields; taking only them keeps cards/ below dialogs/ (issue 14).
 */
export interface ListedCommand {
  name: string;
  descriptionKey: string;
  wordKey?: string;
}

export interface WelcomeCardData {
  title: string;
  intro: string;
  abilities: string[];
  hint: string;
  actions: Array<{ title: string; verb: string }>;
  /** Without a known language: a line asking for one, and a button per language, named in itself. */
  chooseLanguage: string;
  languages: Array<{ title: string; language: Language }>;
}

export interface HelpCardData {
  title: string;
  intro: string;
  commands: Array<{ name: string; description: string }>;
  footer: string;
}

/**
 * The welcome and help cards depend only on the language and on the command list, which is fixed once
 * the bot is built; expanding a template re-parses every expression, so each is expanded once per
 * language (`npm run bench -- --profile` showed the expansion at an eighth of a `help` turn's CPU).
 */
const expanded = new WeakMap<ListedCommand[], Map<string, string>>();

function once(kind: string, t: Translate, commands: ListedCommand[], build: () => Attachment): Attachment {
  let byLanguage = expanded.get(commands);
  if (!byLanguage) {
    byLanguage = new Map();
    expanded.set(commands, byLanguage);
  }
  const key = `${kind}:${(t as Translate & { lng?: string }).lng ?? ''}`;
  let card = byLanguage.get(key);
  if (!card) {
    card = JSON.stringify(build());
    byLanguage.set(key, card);
  }
  // A copy, so a caller that changes its attachment cannot change the next person's. Kept as JSON text:
  // parsing it is several times cheaper than structuredClone of the object (1.2 % of a `help` turn, issue 18).
  return JSON.parse(card) as Attachment;
}

/** The card a person sees when they install the app: what the assistant does, and where to start. */
export function welcomeCard(t: Translate, commands: ListedCommand[], offerLanguages = false): Attachment {
  const kind = offerLanguages ? 'welcome-languages' : 'welcome';
  return once(kind, t, commands, () => buildWelcomeCard(t, commands, offerLanguages));
}

/** Every command that works now, with its description: the help card never promises more. */
export function helpCard(t: Translate, commands: ListedCommand[]): Attachment {
  return once('help', t, commands, () => buildHelpCard(t, commands));
}

function buildWelcomeCard(t: Translate, commands: ListedCommand[], offerLanguages: boolean): Attachment {
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
    chooseLanguage: offerLanguages ? t('common:welcome.chooseLanguage') : '',
    languages: offerLanguages
      ? SUPPORTED_LANGUAGES.map((language) => ({ title: translatorFor(language)('common:language.name'), language }))
      : [],
  };
  return cardAttachment('welcome', data);
}

function buildHelpCard(t: Translate, commands: ListedCommand[]): Attachment {
  const data: HelpCardData = {
    title: t('common:help.title'),
    intro: t('common:help.intro'),
    // The word in the reader's language (pomoc, hjälp); every language's word works, and so does English.
    commands: commands.map((c) => ({ name: c.wordKey ? t(c.wordKey) : c.name, description: t(c.descriptionKey) })),
    footer: t('common:help.footer'),
  };
  return cardAttachment('help', data);
}
