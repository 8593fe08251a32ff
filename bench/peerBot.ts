/**
 * The peer (issue 18 item 1): the bot a team would write from the BotBuilder samples ("multi-turn prompt",
 * "prompt validations"), to say what the obvious alternative costs, which the echo bot does not. A
 * `ComponentDialog` with a waterfall and a `TextPrompt`, run through a `DialogSet` on `ConversationState`,
 * a profile in `UserState`, both on the assistant's own storage adapter (`KeyvBotStorage`) over the same
 * store (SQLite or Redis, the assistant's defaults), one card per reply, on CloudAdapter and restify,
 * authentication off like the echo bot. It answers the enrolment load's card submissions: the first asks
 * for the primary contact (the prompt, a card), the second saves it to the profile and shows a card.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MessageFactory,
  type StatePropertyAccessor,
  type TurnContext,
  UserState,
} from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import restify from 'restify';
import { KeyvBotStorage } from '../bot/keyvBotStorage';
import { openStore } from '../services/storage/openStore';

interface Profile {
  contactName?: string;
  contactEmail?: string;
  saved?: number;
}

const CONTACT_PROMPT = 'contactPrompt';

/** A card as the samples build them: a plain Adaptive Card object, made on every reply. */
const card = (title: string, lines: string[]) =>
  MessageFactory.attachment(
    CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
        ...lines.map((text) => ({ type: 'TextBlock', text, wrap: true })),
        { type: 'Input.Text', id: 'contactName', label: 'Name' },
        { type: 'Input.Text', id: 'contactEmail', label: 'Email', style: 'Email' },
      ],
      actions: [{ type: 'Action.Submit', title: 'Save', data: { verb: 'continue' } }],
    }),
  );

class PrimaryContactDialog extends ComponentDialog {
  constructor(private readonly profile: StatePropertyAccessor<Profile>) {
    super('primaryContact');
    // A card's Save carries no text: the validator takes the card's values, as the samples' validators do.
    this.addDialog(
      new TextPrompt(CONTACT_PROMPT, async (prompt) =>
        Boolean(prompt.recognized.succeeded || prompt.context.activity.value?.contactName),
      ),
    );
    this.addDialog(new WaterfallDialog('steps', [(step) => this.ask(step), (step) => this.save(step)]));
    this.initialDialogId = 'steps';
  }

  private async ask(step: WaterfallStepContext) {
    return step.prompt(CONTACT_PROMPT, { prompt: card('Primary contact', ['Who is your primary contact?']) });
  }

  private async save(step: WaterfallStepContext) {
    const value = (step.context.activity.value ?? {}) as Profile;
    const profile = await this.profile.get(step.context, {});
    profile.contactName = value.contactName ?? String(step.result);
    profile.contactEmail = value.contactEmail;
    profile.saved = (profile.saved ?? 0) + 1;
    await step.context.sendActivity(
      card('Your enrolment', [`Primary contact: ${profile.contactName} <${profile.contactEmail ?? ''}>`]),
    );
    return step.endDialog();
  }
}

/** The samples' DialogBot: continue the dialog or begin it, then save both states. */
class PeerBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
  ) {
    super();
    const dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(new PrimaryContactDialog(userState.createProperty<Profile>('profile')));
    this.onMessage(async (context, next) => {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('primaryContact');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

export interface PeerOptions {
  store: 'sqlite' | 'redis';
  redisUrl?: string;
  port?: number;
  host?: string;
}

export async function startPeerBot(options: PeerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const dataDir = options.store === 'sqlite' ? mkdtempSync(path.join(os.tmpdir(), 'csp-bench-peer-')) : undefined;
  // The assistant's store as its configuration opens it by default (2 s bound, synchronous=full).
  const store = openStore({ backend: options.store, dataDir, redisUrl: options.redisUrl, timeoutMs: 2000 });
  const storage = new KeyvBotStorage(store.records);
  const bot = new PeerBot(new ConversationState(storage), new UserState(storage));
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

  const server = restify.createServer({ name: 'peer-bot' });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  // Turns still running when the load stops finish before the store closes (as the assistant drains).
  let running = 0;
  server.post('/api/messages', async (req, res) => {
    running += 1;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } finally {
      running -= 1;
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      server.close();
      while (running > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await store.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
