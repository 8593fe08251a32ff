import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type CodedError, type Context, HTTPReceiver, type SlashCommand } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { helpBlocks } from '../../cards/slack/helpBlocks';
import { homeView } from '../../cards/slack/homeView';
import { type Language, SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import { mrkdwnTranslator } from '../../i18n/slackMrkdwn';
import type { AtomicStore } from '../../services/storage/atomicStore';
import type { DeliveryLedger } from '../deliveryLedger';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { describeRequest, requestLogger, slackRequestProperties } from '../observability/requestContext';
import { cachedBotAuthorization } from './botAuthorization';
import type { SlackFeature, SlackSubcommand } from './slackFeature';
import { SlackLanguages } from './slackLanguage';
import { slackLogger } from './slackLogger';
import { guardSlackRequests } from './slackRequestGuard';
import { type SlackTeamCarrier, slackTeamOf } from './slackTeam';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLASH_COMMAND = '/csp';

export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  apiUrl: string;
  apiTimeoutMs: number;
  maxBodyBytes: number;
  records: AtomicStore;
  logger: Logger;
  metrics: Metrics;
  features: SlackFeature[];
  /** Replays and retries are handled once (issue 13 point 5). */
  ledger?: DeliveryLedger;
}

export interface SlackEdge {
  app: App;
  languages: SlackLanguages;
  /** Node request listener for `POST /slack/events`: Bolt verifies the signature and answers. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * The Bolt app, served on our own HTTP server: Bolt's HTTPReceiver does the signature check
 * (missing, forged or stale → 401), the body limit and url_verification; we only hand it the
 * raw request, never a parsed body.
 */
export function createSlackEdge(options: SlackAppOptions): SlackEdge {
  const log = options.logger.child({ component: 'slack' });
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    bodyLimit: options.maxBodyBytes,
    logger: slackLogger(options.logger),
    processBeforeResponse: false,
    // Every listener's context carries its request's log fields (observability/requestContext.ts).
    customPropertiesExtractor: slackRequestProperties,
  });
  const clientOptions = { slackApiUrl: options.apiUrl, timeout: options.apiTimeoutMs };
  const app = new App({
    receiver,
    // auth.test at start-up would make the process depend on Slack being reachable to boot: once, later.
    authorize: cachedBotAuthorization(options.botToken, new WebClient(undefined, clientOptions)),
    logger: slackLogger(options.logger),
    clientOptions,
    // The error handler is given the listener's context too, so its line names the request.
    extendedErrorHandler: true,
  });
  // First of all middleware: every Slack request's log lines name its team and kind, and it is counted.
  app.use(async ({ body, context, next }) => {
    const kind = slackRequestKind(body as SlackBody);
    describeRequest(context.requestFields ?? {}, {
      slackTeam: slackTeamOf(body as SlackBody) || undefined,
      slackType: kind,
    });
    await options.metrics.time(options.metrics.slackRequests, options.metrics.slackSeconds, kind, next);
  });
  const languages = new SlackLanguages(options.records, log);
  const subcommands = new Map<string, SlackSubcommand>();
  for (const sub of builtInSubcommands(languages)) {
    subcommands.set(sub.name, sub);
  }
  const publishHome = async (client: WebClient, teamId: string, userId: string, opened = false) => {
    const t = await languages.translatorFor(client, teamId, userId);
    const sections = [];
    for (const feature of options.features) {
      if (feature.homeBlocks) sections.push(...(await feature.homeBlocks({ teamId, userId, t, opened })));
    }
    await client.views.publish({ user_id: userId, view: homeView(t, sections) });
  };
  for (const feature of options.features) {
    for (const sub of feature.subcommands ?? []) subcommands.set(sub.name, sub);
    feature.register?.(app, { publishHome });
  }

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client, context }) => {
    // Acknowledged before any I/O: Slack's three seconds must not depend on the store or Slack's API.
    await ack();
    const [word = 'help', ...rest] = command.text.trim().split(/\s+/).filter(Boolean);
    const sub = subcommands.get(word.toLowerCase());
    let t = mrkdwnTranslator(translatorFor(undefined));
    try {
      t = await languages.translatorFor(client, command.team_id, command.user_id);
      if (!sub) {
        const subcommand = word.slice(0, 40);
        await respond({ response_type: 'ephemeral', text: t('common:slack.unknownSubcommand', { subcommand }) });
        return;
      }
      if (sub.name === 'help') {
        const lines = visible(subcommands).map((s) => ({ name: s.name, description: t(s.descriptionKey) }));
        await respond({ response_type: 'ephemeral', blocks: helpBlocks(t, lines), text: t('common:slack.help.title') });
        return;
      }
      await sub.run({ command: command as SlashCommand, args: rest.join(' '), t, client, respond });
    } catch (error) {
      requestLogger(log, context.requestFields).error(
        { err: error, subcommand: sub?.name ?? word.slice(0, 40) },
        'slash command failed',
      );
      await respond({ response_type: 'ephemeral', text: t('common:slack.error') }).catch(() => {});
    }
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, (body as { team_id?: string }).team_id ?? '', event.user, true);
  });

  app.error(async ({ error, context }: { error: CodedError; context: Context }) => {
    requestLogger(log, context?.requestFields).error({ err: error }, 'unhandled Slack listener error');
  });

  return {
    app,
    languages,
    handle: guardSlackRequests(
      {
        signingSecret: options.signingSecret,
        maxBodyBytes: options.maxBodyBytes,
        logger: log,
        ledger: options.ledger,
        timed: (phase, seconds) => options.metrics.slackAckPhaseSeconds.observe({ phase }, seconds),
      },
      (req, res) => receiver.requestListener(req, res),
    ),
  };
}

interface SlackBody extends SlackTeamCarrier {
  type?: string;
  command?: string;
  event?: { type?: string };
}

/** `command`, `block_actions`, `view_submission`, `event:app_home_opened`, ...: a short, bounded label. */
function slackRequestKind(body: SlackBody): string {
  if (body.command) return 'command';
  if (body.type === 'event_callback') return `event:${body.event?.type ?? 'unknown'}`;
  return body.type ?? 'unknown';
}

function visible(subcommands: Map<string, SlackSubcommand>): SlackSubcommand[] {
  return [...new Set(subcommands.values())].filter((s) => !s.hidden);
}

function builtInSubcommands(languages: SlackLanguages): SlackSubcommand[] {
  return [
    // Answered in the acknowledgement by the /csp listener; listed here so it shows in its own list.
    { name: 'help', descriptionKey: 'common:slack.commands.help', run: async () => {} },
    {
      name: 'language',
      descriptionKey: 'common:slack.commands.language',
      run: async ({ command, args, t, respond }) => {
        const wanted = args.trim().toLowerCase();
        if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(wanted)) {
          const language = wanted.slice(0, 20) || '-';
          await respond({ response_type: 'ephemeral', text: t('common:language.unsupported', { language }) });
          return;
        }
        await languages.choose(command.team_id, command.user_id, wanted as Language);
        await respond({ response_type: 'ephemeral', text: translatorFor(wanted)('common:language.changed') });
      },
    },
  ];
}
