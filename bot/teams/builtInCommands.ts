import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { helpCard } from '../../cards/teams/foundationCards';
import { verbField, verbOnlyPayload } from '../../dialogs/cardSubmission';
import type { TeamsCommand } from '../../dialogs/teamsTurn';
import { SUPPORTED_LANGUAGES, type Translate } from '../../i18n/i18n';
import { teamsTranslatorFor } from '../../i18n/teamsMarkdown';

/**
 * The commands every Teams chat has whatever the features: `help` (the card of the commands listed),
 * `language` (a person's choice, kept in user state) and `cancel` (whatever dialog is open). Apart from
 * the bot's routing (teamsBot.ts) so that file keeps one job.
 */

/** What the built-in commands need of the bot: the turn's translator and the person's language. */
export interface LanguageOf {
  translator(context: TurnContext): Promise<Translate>;
  setLanguage(context: TurnContext, language: string | undefined): Promise<void>;
}

/** `listed`: the commands the help card shows, filled as the bot adds them (read when help runs). */
export function builtInCommands(bot: LanguageOf, listed: TeamsCommand[]): TeamsCommand[] {
  return [
    {
      name: 'help',
      descriptionKey: 'common:commands.help',
      wordKey: 'common:words.help',
      aliases: ['?', 'hjalp'],
      payload: verbOnlyPayload,
      run: async ({ context }) => {
        const t = await bot.translator(context);
        await context.sendActivity({ attachments: [helpCard(t, listed)] });
      },
    },
    {
      name: 'language',
      descriptionKey: 'common:commands.language',
      wordKey: 'common:words.language',
      aliases: ['jezyk', 'sprak'],
      // The welcome card's language buttons send the language; typed, it follows the word.
      payload: z.strictObject({ verb: verbField, language: z.enum(SUPPORTED_LANGUAGES).optional() }),
      run: async ({ context, args, payload }) => {
        const wanted = ((payload as { language?: string } | undefined)?.language ?? args).trim().toLowerCase();
        if (!wanted) {
          await context.sendActivity((await bot.translator(context))('common:language.current'));
          return;
        }
        if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(wanted)) {
          const t = await bot.translator(context);
          await context.sendActivity(t('common:language.unsupported', { language: wanted.slice(0, 20) }));
          return;
        }
        await bot.setLanguage(context, wanted);
        await context.sendActivity(teamsTranslatorFor(wanted)('common:language.changed'));
      },
    },
    {
      name: 'cancel',
      descriptionKey: 'common:commands.cancel',
      wordKey: 'common:words.cancel',
      run: async ({ context, dialogs, t }) => {
        if (dialogs.activeDialog) {
          await dialogs.cancelAllDialogs();
          await context.sendActivity(t('common:cancelled'));
        } else {
          await context.sendActivity(t('common:nothingToCancel'));
        }
      },
    },
  ];
}
