/**
 * The Teams app's words in every language, from the message catalogs (i18n/locales): the app's name and
 * descriptions and the bot's command list. English goes into manifest.json itself (the default
 * language); every other supported language gets a localization file (`pl.json`, `sv.json`) that
 * `localizationInfo` names. Teams shows a user the file of their client's language (`pl-PL` → `pl`)
 * over the manifest's strings, keyed by the JSON path of each manifest field
 * (`bots[0].commandLists[0].commands[0].title`), and falls back to the manifest for what is missing.
 *
 * A command's title is what Teams types into the compose box when the user picks it from the menu, so
 * each language's title is the word the bot itself accepts in that language (`pomoc`, `hjälp`): the
 * same catalog key the bot registers as an alias and shows on its help card.
 */
import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';

/** A command the Teams menu offers, by the catalog keys the bot's feature registers it with. */
export interface ManifestCommand {
  /** The bot's command name (`TeamsCommand.name`), for the tests that compare with the bot. */
  name: string;
  /** `TeamsCommand.wordKey`: the command word in each language. */
  wordKey: string;
  /** `TeamsCommand.descriptionKey`: the line the help card shows next to it. */
  descriptionKey: string;
}

/**
 * The command menu, in its order (issue 7: help, enroll, status, providers, customers, language; issue 15: ready; then requests, gdap and
 * reauthorisation: Teams allows ten). The
 * keys are those the features register (bot/teams/teamsBot.ts, bot/features/enrolment.ts,
 * dialogs/invitation/invitationFlow.ts, bot/features/customers.ts); the tests fail if the bot's help card in
 * any language shows another word or description for one of them.
 */
export const MANIFEST_COMMANDS: readonly ManifestCommand[] = [
  { name: 'help', wordKey: 'common:words.help', descriptionKey: 'common:commands.help' },
  { name: 'enroll', wordKey: 'enrolment:words.enroll', descriptionKey: 'enrolment:commands.enroll' },
  { name: 'status', wordKey: 'enrolment:words.status', descriptionKey: 'enrolment:commands.status' },
  {
    name: 'providers',
    wordKey: 'partnerships:teams.words.providers',
    descriptionKey: 'partnerships:teams.commands.providers',
  },
  {
    name: 'customers',
    wordKey: 'customers:teams.words.customers',
    descriptionKey: 'customers:teams.commands.customers',
  },
  { name: 'ready', wordKey: 'ready:words.ready', descriptionKey: 'ready:commands.ready' },
  {
    name: 'requests',
    wordKey: 'customers:teams.words.requests',
    descriptionKey: 'customers:teams.commands.requests',
  },
  { name: 'gdap', wordKey: 'gdap:teams.words.gdap', descriptionKey: 'gdap:teams.commands.gdap' },
  {
    name: 'reauthorisation',
    wordKey: 'reauthorisation:teams.words.reauthorisation',
    descriptionKey: 'reauthorisation:teams.commands.reauthorisation',
  },
  { name: 'language', wordKey: 'common:words.language', descriptionKey: 'common:commands.language' },
];

/** The app's name and descriptions: localization-file key (the manifest field's path) → catalog key. */
const APP_TEXT: ReadonlyArray<[path: string, key: string]> = [
  ['name.short', 'teamsApp:name.short'],
  ['name.full', 'teamsApp:name.full'],
  ['description.short', 'teamsApp:description.short'],
  ['description.full', 'teamsApp:description.full'],
];

/** Where the command list sits in the manifest: the bot's one list, for personal chat. */
const COMMANDS_PATH = 'bots[0].commandLists[0].commands';

/** The languages that get a localization file: every supported one but the manifest's own. */
export const ADDITIONAL_LANGUAGES: readonly Language[] = SUPPORTED_LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

/** A language's localization file, next to manifest.json and at the zip root. */
export const localizationFileName = (language: Language) => `${language}.json`;

/** Every string of the app in one language, keyed by the JSON path of its manifest field. */
export function manifestStrings(language: Language): Record<string, string> {
  const t = translatorFor(language);
  const strings: Record<string, string> = {};
  for (const [path, key] of APP_TEXT) strings[path] = t(key);
  MANIFEST_COMMANDS.forEach((command, i) => {
    strings[`${COMMANDS_PATH}[${i}].title`] = t(command.wordKey);
    strings[`${COMMANDS_PATH}[${i}].description`] = t(command.descriptionKey);
  });
  return strings;
}

/** The localization schema's address for a manifest version: the file and the manifest must agree. */
export const localizationSchemaUrl = (manifestVersion: string) =>
  `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.Localization.schema.json`;

/** A localization file (MicrosoftTeams.Localization.schema.json) for one additional language. */
export function localizationFile(language: Language, manifestVersion: string): Record<string, string> {
  return { $schema: localizationSchemaUrl(manifestVersion), ...manifestStrings(language) };
}

/**
 * The manifest template with its English strings, its command list and its `localizationInfo` taken
 * from the catalogs; everything else (ids, icons, scopes, placeholders) as the template has it.
 */
export function localizedManifest(template: Record<string, unknown>): Record<string, unknown> {
  const manifest = structuredClone(template);
  // The list is the catalogs' too: a command left out of MANIFEST_COMMANDS leaves the menu.
  const commands: Array<Record<string, string>> = MANIFEST_COMMANDS.map(() => ({}));
  setAt(manifest, COMMANDS_PATH, commands);
  for (const [path, value] of Object.entries(manifestStrings(DEFAULT_LANGUAGE))) setAt(manifest, path, value);
  manifest.localizationInfo = {
    defaultLanguageTag: DEFAULT_LANGUAGE,
    // Language-only tags (`pl`, not `pl-pl`): Teams uses them for every region of the language.
    additionalLanguages: ADDITIONAL_LANGUAGES.map((language) => ({
      languageTag: language,
      file: localizationFileName(language),
    })),
  };
  return manifest;
}

/** `bots[0].commandLists[0].title` → ['bots', 0, 'commandLists', 0, 'title']. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`not a manifest path: ${path}`);
    segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** The value at a manifest path, or undefined where the manifest has nothing. */
export function valueAt(tree: unknown, path: string): unknown {
  let node = tree;
  for (const segment of pathSegments(path)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Sets the value at a manifest path whose parents exist. */
export function setAt(tree: Record<string, unknown>, path: string, value: unknown): void {
  const segments = pathSegments(path);
  const last = segments.pop() as string | number;
  let node: unknown = tree;
  for (const segment of segments) {
    node = (node as Record<string | number, unknown>)[segment];
    if (typeof node !== 'object' || node === null) throw new Error(`manifest has nothing at ${path}`);
  }
  (node as Record<string | number, unknown>)[last] = value;
}
