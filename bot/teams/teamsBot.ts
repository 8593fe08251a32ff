import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type StatePropertyAccessor,
  TeamsActivityHandler,
  TurnContext as Turn,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { type DialogContext, DialogSet, type DialogState, DialogTurnStatus } from '../../dialogs/dialogKit';
import type { ZodType } from 'zod';
import { SUPPORTED_LANGUAGES, type Translate, translatorFor } from '../../i18n/i18n';
import { teamsTranslatorFor } from '../../i18n/teamsMarkdown';
import type { Logger } from '../logger';
import { turnActivityId, turnLogger } from '../../dialogs/turnLog';
import { localeOf } from './activityLocale';
import { isCardSubmission, keepPayload } from '../../dialogs/cardSubmission';
import { commandOf } from './commandText';
import type { ConversationReferenceStore } from './conversationReferences';
import { EARLY_PRESS_CLAIM, type EarlyPressClaim, type RepeatedSubmissions } from './repeatedSubmissions';
import { rememberDialogMemory, shareDialogsRegistration, useSharedDialogMemory } from './dialogMemory';
import { welcomeCard } from '../../cards/teams/foundationCards';
import type { ChosenLanguage } from './chosenLanguage';
import { builtInCommands } from './builtInCommands';
import { identityOf, type TeamsCardAction, type TeamsCommand, type TeamsFeature } from '../../dialogs/teamsTurn';
import { reportedMember } from '../../dialogs/reportedMember';
import { standingOf } from '../../services/rules/memberDomain';
import { setTurnUnit } from '../../dialogs/turnUnit';
import type { KeyvBotStorage } from '../keyvBotStorage';
import { holdReplies, type TurnCommit, turnCommitOf } from './turnCommit';

export interface TeamsBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  /** The person's chosen language, over the two states above. */
  language: ChosenLanguage;
  references: ConversationReferenceStore;
  features: TeamsFeature[];
  logger: Logger;
  /** Drops the same card button pressed twice (a double click). */
  repeatedSubmissions?: RepeatedSubmissions;
  /** The storage under the two states: given, the presses whose command says so commit once (turnCommit.ts). */
  botStorage?: KeyvBotStorage;
}

/**
 * The Teams edge: routes a turn to the active dialog, a command, or a card action, and never
 * leaves a user without an answer. Holds no business rules (those live in services/).
 */
export class CspTeamsBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly commands = new Map<string, TeamsCommand>();
  private readonly listed: TeamsCommand[] = [];
  private readonly cardActions = new Map<string, TeamsCardAction>();

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    shareDialogsRegistration();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    for (const command of builtInCommands(this, this.listed)) this.addCommand(command);
    for (const feature of deps.features) {
      for (const dialog of feature.dialogs ?? []) this.dialogs.add(dialog);
      for (const command of feature.commands ?? []) this.addCommand(command);
      for (const action of feature.cardActions ?? []) this.cardActions.set(action.verb, action);
    }

    this.onMembersAdded(async (context, next) => {
      const t = await this.translator(context);
      // Neither a choice nor the install event says which language: offer the three instead of assuming English.
      const offerLanguages = !(await this.deps.language.get(context)) && !localeOf(context.activity);
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id === context.activity.recipient.id) continue;
        const heard = await this.rememberReference(context);
        await context.sendActivity({ attachments: [welcomeCard(t, this.listed, offerLanguages)] });
        if (heard !== 'known') await this.met(context);
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      const heard = await this.rememberReference(context);
      await this.routeMessage(context);
      // New here, or new to this process (a restart, another instance, a person from before a feature
      // that greets them): what waits for them is told once, the notices' keys keep it from repeating.
      if (heard !== 'known') await this.met(context);
      await next();
    });
  }

  /**
   * Saves dialog and user state after every turn, as botbuilder expects. A card button pressed again
   * while its first press is in flight or just answered is dropped here, at the edge, whatever the
   * button: one press, one effect, one answer.
   */
  override async run(context: TurnContext): Promise<void> {
    const commit = turnCommitOf(context);
    if (commit && this.deps.botStorage) return this.runCommittingOnce(context, commit, this.deps.botStorage);
    const early = context.turnState.get(EARLY_PRESS_CLAIM) as EarlyPressClaim | undefined;
    const claim = await this.deps.repeatedSubmissions?.claim(context.activity, early);
    if (this.deps.repeatedSubmissions && !claim) return this.logDroppedPress(context);
    try {
      await this.runAndSave(context);
    } catch (error) {
      await claim?.failed();
      throw error;
    }
    // Not awaited: the answer is out and the record already drops a repeat (issue 18: one store write
    // fewer before Teams hears back on every card button). It never rejects: a write that failed leaves
    // "in flight", which expires.
    void claim?.handled();
  }

  /**
   * Whether this activity is a card press whose turn commits once (its command's `commitsOnce`), for the
   * endpoint to decide before the turn runs (turnCommit.ts).
   */
  commitsOnce(activity: Activity): boolean {
    if (!isCardSubmission(activity) || !this.deps.botStorage) return false;
    const asked = commandOf(activity);
    const command = asked ? this.commands.get(asked.command) : undefined;
    return command?.commitsOnce?.(activity.value) ?? false;
  }

  /**
   * A turn that commits once (turnCommit.ts): dropped when its press repeats one; otherwise run with its
   * replies held and its saves staged, then its state and its press's claim staged too, and all of it
   * written in one commit before the replies go out. A commit that does not land leaves `runAgain` for the
   * endpoint; a turn that fails drops what it held (the apology goes out at once) and lands nothing.
   */
  private async runCommittingOnce(context: TurnContext, commit: TurnCommit, storage: KeyvBotStorage): Promise<void> {
    const press = await this.deps.repeatedSubmissions?.forCommit(context.activity);
    if (this.deps.repeatedSubmissions && !press) return this.logDroppedPress(context);
    const replies = holdReplies(context);
    setTurnUnit(context, commit.unit);
    try {
      await this.runAndSave(context, () => {
        // Saved only when it changed, as botbuilder decides, but into the commit.
        const state = this.deps.conversationState.get(context) as object | undefined;
        if (state) storage.stageSavesOf(state, commit.unit);
      });
      press?.stage(commit.unit);
      if (!(await commit.land())) {
        replies.discard();
        this.logFor(context).info(
          turnActivityId(context),
          'a record the turn read had moved on before its commit: the turn runs again, the ordinary way',
        );
        return;
      }
    } catch (error) {
      replies.discard();
      throw error;
    }
    await replies.release();
  }

  /**
   * The turn's dialogs and commands, then its two states saved as botbuilder expects (`beforeSave` runs
   * between, once the turn has loaded its state).
   */
  private async runAndSave(context: TurnContext, beforeSave?: () => void): Promise<void> {
    useSharedDialogMemory(context);
    await super.run(context);
    rememberDialogMemory(context);
    beforeSave?.();
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private logDroppedPress(context: TurnContext): void {
    this.logFor(context).info(
      turnActivityId(context),
      'dropped a card press answered already (a double click, or Teams sending it again)',
    );
  }

  /** The language a person chose with `language`, else the one Teams reports for the turn. */
  async translator(context: TurnContext): Promise<Translate> {
    const chosen = await this.deps.language.get(context);
    return teamsTranslatorFor(chosen ?? localeOf(context.activity));
  }

  async setLanguage(context: TurnContext, language: string | undefined): Promise<void> {
    await this.deps.language.set(context, language);
  }

  /**
   * The verbs a card button can carry and still be answered (read-only, for the card tests):
   * Action.Submit verbs route to a command (name or alias), Action.Execute verbs to a card action.
   */
  knownVerbs(): { submit: string[]; execute: string[] } {
    return { submit: [...this.commands.keys()], execute: [...this.cardActions.keys()] };
  }

  /** The zod schema a card's verb is checked against where it is received (read-only, for the card tests). */
  payloadSchemaOf(kind: 'submit' | 'execute', verb: string): ZodType | undefined {
    return kind === 'submit' ? this.commands.get(verb.toLowerCase())?.payload : this.cardActions.get(verb)?.payload;
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const t = await this.translator(context);
    const action = this.cardActions.get(invokeValue.action?.verb ?? '');
    if (!action) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: t('common:errors.unknownCardAction') } as never,
      };
    }
    const parsed = action.payload.safeParse(invokeValue.action.data ?? {});
    if (!parsed.success) {
      this.logMalformed(context, invokeValue.action.verb, parsed.error);
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: t('common:errors.invalidSubmission') } as never,
      };
    }
    const dialogs = await this.dialogs.createContext(context);
    return action.run({ context, dialogs, t, identity: identityOf(context) }, parsed.data);
  }

  /**
   * A command answers to its name, its aliases, and its word in every language (`wordKey`), so the
   * help card can show the word in the reader's language while English keeps working everywhere.
   */
  private addCommand(command: TeamsCommand) {
    const words = [command.name, ...(command.aliases ?? [])];
    if (command.wordKey) words.push(...SUPPORTED_LANGUAGES.map((l) => translatorFor(l)(command.wordKey as string)));
    for (const word of words.map((w) => w.toLowerCase())) {
      const taken = this.commands.get(word);
      if (taken && taken !== command) {
        throw new Error(`the command word "${word}" of "${command.name}" already runs "${taken.name}"`);
      }
      this.commands.set(word, command);
    }
    if (!command.hidden) this.listed.push(command);
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const t = await this.translator(context);
    const asked = commandOf(context.activity);
    const typed = Boolean(context.activity.text);

    let payload: unknown;
    if (isCardSubmission(context.activity)) {
      // Checked before the dialog or the command sees it: what the schema refuses changes nothing.
      const receiver = asked ? this.commands.get(asked.command) : undefined;
      if (!receiver?.payload) {
        // A card from an older version, or a forged payload: say so, change nothing.
        await context.sendActivity(t('common:errors.staleCard'));
        return;
      }
      const parsed = receiver.payload.safeParse(context.activity.value);
      if (!parsed.success) {
        this.logMalformed(context, receiver.name, parsed.error);
        await context.sendActivity(t('common:errors.invalidSubmission'));
        return;
      }
      payload = parsed.data;
      keepPayload(context, payload);
    }

    const dialogs = await this.dialogs.createContext(context);
    const command = asked ? this.commands.get(asked.command) : undefined;
    const run = command && asked ? this.runnable(command, asked.command, typed, payload) : undefined;

    // Commands answer from anywhere: an open dialog receives only its own commands' turns and what is
    // no command at all; it waits through the others, and its card still works afterwards.
    const open = dialogs.activeDialog;
    if (open && !(run && command?.continues !== open.id)) {
      const result = await dialogs.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    if (command && run) {
      await this.runCommand(command, context, dialogs, t, asked?.args ?? '', run.payload);
      return;
    }
    await context.sendActivity(t('common:unknown', { text: (context.activity.text ?? '').slice(0, 60) }));
  }

  /**
   * Whether this turn can run `command`, and with what: a card's submission as its schema parsed it;
   * typed, what the schema makes of the bare word (one that needs a card's fields, such as Authorize
   * or the customer form, is not something a person types).
   */
  private runnable(
    command: TeamsCommand,
    word: string,
    typed: boolean,
    payload: unknown,
  ): { payload: unknown } | undefined {
    if (!typed) return { payload };
    if (!command.payload) return { payload: undefined };
    const bare = command.payload.safeParse({ verb: word });
    return bare.success ? { payload: bare.data } : undefined;
  }

  private async runCommand(
    command: TeamsCommand,
    context: TurnContext,
    dialogs: DialogContext,
    t: Translate,
    args: string,
    payload?: unknown,
  ): Promise<void> {
    await command.run({ context, dialogs, t, identity: identityOf(context), args, payload });
  }

  /** Which fields a refused submission got wrong, never their values (a card may carry personal data). */
  private logMalformed(
    context: TurnContext,
    verb: string,
    error: { issues: Array<{ path: PropertyKey[]; code: string }> },
  ) {
    const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
    this.logFor(context).info({ verb, issues }, 'refused a malformed card submission');
  }

  /** The logger for a line about this turn: it names the turn's request (observability/requestContext.ts). */
  private logFor(context: TurnContext) {
    return turnLogger(this.deps.logger, context);
  }

  /** How new this person is here (see ConversationReferenceStore.remember). */
  private async rememberReference(context: TurnContext): Promise<'new-conversation' | 'first-here' | 'known'> {
    const { tenantId, aadObjectId } = identityOf(context);
    const reference = Turn.getConversationReference(context.activity);
    try {
      return await this.deps.references.remember(tenantId, aadObjectId, reference, context.activity.locale);
    } catch (error) {
      // Not being able to remember where to notify someone must not cost them this answer.
      this.logFor(context).warn({ err: error }, 'could not store the conversation reference');
      return 'known';
    }
  }

  /**
   * Whether the person is one of the organisation's own people or a guest, as Teams says at their first
   * turn (and again after a restart): a notice to the whole organisation is not for a guest (TenantAudience).
   */
  private async noteStanding(context: TurnContext): Promise<void> {
    const { tenantId, aadObjectId } = identityOf(context);
    const member = await reportedMember(context, this.deps.logger);
    if (!member) return;
    await this.deps.references.noteStanding(tenantId, aadObjectId, standingOf(member, tenantId)).catch((error) => {
      // Unknown is asked again when a notice to the organisation is delivered: this answer goes on.
      this.logFor(context).warn({ err: error }, 'could not keep whether the person is a guest');
    });
  }

  /** Each feature hears of a person new to this conversation; one that fails costs neither the answer nor the others. */
  private async met(context: TurnContext): Promise<void> {
    const identity = identityOf(context);
    await this.noteStanding(context);
    for (const feature of this.deps.features) {
      await feature.met?.(context, identity).catch((error: unknown) => {
        this.logFor(context).warn({ err: error }, 'could not tell a person new here what waits for them');
      });
    }
  }
}
