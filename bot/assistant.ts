import { readFileSync } from 'node:fs';
import { WebClient } from '@slack/web-api';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type TurnContext,
  UserState,
} from 'botbuilder';
import { translatorFor } from '../i18n/i18n';
import { createPartnerCenterGateway } from '../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../services/partners/partnerDirectory';
import { defaultRegionTable, loadRegionTable } from '../services/rules/regionTable';
import { defaultWebmailList, loadWebmailList } from '../services/rules/webmail';
import { openStore, type Store } from '../services/storage/openStore';
import type { AppConfig } from './config';
import type { Feature, FeatureDeps, FeatureFactory } from './feature';
import { FEATURES } from './features';
import { createHttpServer } from './httpServer';
import { KeyvBotStorage } from './keyvBotStorage';
import { createLogger, type Logger } from './logger';
import { DurableNotifier } from './proactive/durableNotifier';
import { NoticeRenderers } from './proactive/noticeRenderers';
import { createSlackEdge, type SlackEdge } from './slack/slackApp';
import { SlackLanguages } from './slack/slackLanguage';
import { ConversationReferenceStore } from './teams/conversationReferences';
import { RepeatedSubmissions } from './teams/repeatedSubmissions';
import { CspTeamsBot } from './teams/teamsBot';

export interface Assistant {
  port: number;
  url: string;
  config: AppConfig;
  logger: Logger;
  store: Store;
  adapter: CloudAdapter;
  bot: CspTeamsBot;
  slack?: SlackEdge;
  features: Feature[];
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Replaces the product's feature list (tests that exercise the bare foundation). */
  features?: FeatureFactory[];
  /** The time the features see (FeatureDeps.clock); tests move it instead of sleeping. */
  clock?: () => Date;
  /** Overrides Slack's pace per channel for outgoing notices (the bench only: see bench/run.ts). */
  slackChannelPace?: { perSecond: number; burst: number };
}

/** Builds the whole assistant from a configuration and starts listening. */
export async function startAssistant(config: AppConfig, options: StartOptions = {}): Promise<Assistant> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = openStore({
    ...config.store,
    onError: (error) => logger.error({ err: error }, 'store error'),
  });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  const botStorage = new KeyvBotStorage(store.records);
  const conversationState = new ConversationState(botStorage);
  const userState = new UserState(botStorage);
  const references = new ConversationReferenceStore(store.records);
  const slackClient = config.slack
    ? new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, timeout: config.slack.apiTimeoutMs })
    : undefined;

  // An operator's file (REGION_TABLE_FILE) patches the table from DOMAIN.md without a code change.
  const regions = config.regionTableFile
    ? loadRegionTable(readFileSync(config.regionTableFile, 'utf8'))
    : defaultRegionTable;
  const webmail = config.webmailDomainsFile
    ? loadWebmailList(readFileSync(config.webmailDomainsFile, 'utf8'))
    : defaultWebmailList;
  const partnerCenter = createPartnerCenterGateway({
    mode: config.partnerCenter.mode,
    records: store.records,
    sandboxStepMs: config.partnerCenter.sandboxStepMs,
    regionOf: (country) => {
      const found = regions.lookup(country);
      return found.found && found.served ? found.region : undefined;
    },
    restBaseUrl: config.partnerCenter.baseUrl,
    getAccessToken: config.partnerCenter.token ? async () => config.partnerCenter.token as string : undefined,
  });

  const renderers = new NoticeRenderers();
  const notifier = new DurableNotifier({
    adapter,
    appId: config.bot.appId ?? '',
    references,
    renderers,
    records: store.records,
    slack: config.slack,
    slackLanguages: new SlackLanguages(store.records, logger),
    logger,
    outbox: config.notifications.outbox,
    slackChannelPace: options.slackChannelPace,
  });

  const deps: FeatureDeps = {
    config,
    logger,
    store,
    adapter,
    conversationState,
    userState,
    references,
    slackClient,
    partnerCenter: partnerCenter.gateway,
    sandboxControls: partnerCenter.sandboxControls,
    regions,
    webmail,
    partners: new PartnerDirectory(store.records),
    notifier,
    clock: options.clock ?? (() => new Date()),
  };
  const features: Feature[] = [];
  for (const factory of options.features ?? FEATURES) features.push(await factory(deps));
  for (const feature of features)
    renderers.add(feature.teamsNotices, feature.slackNotices, feature.slackNoticeDelivered);

  const bot = new CspTeamsBot({
    conversationState,
    userState,
    references,
    features: features.flatMap((f) => (f.teams ? [f.teams] : [])),
    logger,
    repeatedSubmissions: new RepeatedSubmissions({ records: store.records, clock: deps.clock }),
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityId: context.activity.id, type: context.activity.type }, 'turn failed');
    try {
      const t = await bot.translator(context).catch(() => translatorFor(context.activity.locale));
      if (context.activity.type === 'message') await context.sendActivity(t('common:errors.turn'));
      // A dialog that threw would throw again on the next turn: start that conversation afresh.
      await conversationState.delete(context);
    } catch (secondary) {
      logger.error({ err: secondary }, 'could not tell the user about a failed turn');
    }
  };

  let slack: SlackEdge | undefined;
  if (config.slack) {
    slack = createSlackEdge({
      ...config.slack,
      maxBodyBytes: config.maxBodyBytes,
      records: store.records,
      logger,
      features: features.flatMap((f) => (f.slack ? [f.slack] : [])),
    });
  } else {
    logger.info('Slack is off: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not both set');
  }

  const http = createHttpServer({
    adapter,
    botLogic: (context) => bot.run(context),
    slack: slack?.handle,
    routes: features.flatMap((f) => f.routes ?? []),
    ready: () => store.records.ping(),
    logger,
    maxBodyBytes: config.maxBodyBytes,
  });
  const port = await http.listen(config.port, config.host);
  for (const feature of features) await feature.start?.();
  notifier.start();
  logger.info(
    { port, store: store.records.backend, partnerCenter: config.partnerCenter.mode, slack: Boolean(slack) },
    'CSP Partner Assistant listening',
  );

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config,
    logger,
    store,
    adapter,
    bot,
    slack,
    features,
    close: () => {
      closing ??= (async () => {
        await http.drain();
        await notifier.stop();
        for (const feature of [...features].reverse()) await feature.stop?.();
        await store.close();
      })();
      return closing;
    },
  };
}
