import { readFileSync } from 'node:fs';
import type { WebClient } from '@slack/web-api';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  type TurnContext,
  UserState,
} from 'botbuilder';
import { teamsTranslatorFor } from '../i18n/teamsMarkdown';
import { createPartnerCenterGateway } from '../services/partnerCenter/createGateway';
import type { RefreshingTokenProvider } from '../services/partnerCenter/tokenProvider';
import { createGdapGateway } from '../services/gdap/createGdapGateway';
import { PartnerDirectory } from '../services/partners/partnerDirectory';
import { defaultRegionTable, loadRegionTable } from '../services/rules/regionTable';
import { defaultWebmailList, loadWebmailList } from '../services/rules/webmail';
import { IndexSweeps } from '../services/storage/indexSweeps';
import { sandboxListings } from '../services/gdap/sandboxListings';
import { openStore, type Store } from '../services/storage/openStore';
import { ReadAheadStore } from '../services/storage/readAheadStore';
import type { AppConfig } from './config';
import type { Feature, FeatureDeps, FeatureFactory } from './features/feature';
import { FEATURES } from './features';
import { DeliveryLedger } from './deliveryLedger';
import { createHttpServer } from './httpServer';
import { KeyvBotStorage } from './keyvBotStorage';
import { firstReads } from './teams/firstReads';
import { TurnCommit } from './teams/turnCommit';
import { createLogger, type Logger } from './logger';
import { instrumentGateway } from './observability/instrumentedGateway';
import { InstrumentedStore } from './observability/instrumentedStore';
import { Metrics } from './observability/metrics';
import { noticeObserver } from './observability/noticeObserver';
import { turnActivityId, turnLogger } from '../dialogs/turnLog';
import { DurableNotifier } from './proactive/durableNotifier';
import { NoticeRenderers } from './proactive/noticeRenderers';
import type { SlackEdge } from './slack/slackApp';
import { SlackLanguages } from './slack/slackLanguage';
import { ChosenLanguage } from './teams/chosenLanguage';
import { ConversationReferenceStore } from './teams/conversationReferences';
import { RepeatedSubmissions } from './teams/repeatedSubmissions';
import { activityEndpoint } from './teams/activityEndpoint';
import { TeamsAdapter } from './teams/teamsAdapter';
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
  metrics: Metrics;
  /** Shutdown begins: /readyz answers 503 from now on, while requests are still served. */
  stopAccepting(): void;
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
  const metrics = new Metrics();
  const opened = openStore({
    ...config.store,
    timeoutMs: config.faults.storeTimeoutMs,
    onError: (error) => logger.error({ err: error }, 'store error'),
  });
  // Outermost, so every reader and writer goes through it: its rule (a write forgets the key's early read)
  // holds only for writes it sees.
  const records = new ReadAheadStore(new InstrumentedStore(opened.records, metrics));
  const store: Store = { ...opened, records };

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
    ...(config.faults.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: config.faults.openIdMetadataUrl } : {}),
  });
  const adapter = new TeamsAdapter(auth);
  const botStorage = new KeyvBotStorage(store.records);
  const conversationState = new ConversationState(botStorage);
  const userState = new UserState(botStorage);
  const language = new ChosenLanguage(conversationState, userState);
  const references = new ConversationReferenceStore(store.records);
  const slackClient = config.slack
    ? new (slackModules().WebClient)(config.slack.botToken, {
        slackApiUrl: config.slack.apiUrl,
        timeout: config.slack.apiTimeoutMs,
      })
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
    getAccessToken: partnerCenterTokens(config.partnerCenter),
    distributorTenantId: config.partnerCenter.tenantId,
  });
  const clock = options.clock ?? (() => new Date());
  const gdap = createGdapGateway({
    mode: config.partnerCenter.mode,
    records: store.records,
    now: () => clock().getTime(),
    graphBaseUrl: config.partnerCenter.graph.baseUrl,
    getDistributorToken: graphTokens(config.partnerCenter),
    distributorTenantId: config.partnerCenter.tenantId,
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
    outbox: {
      ...config.notifications.outbox,
      observer: noticeObserver(metrics),
      // Instances sharing Redis share each lane's budget; alone (SQLite), the in-process buckets do.
      limiter: store.redisClient ? sharedLaneLimiter(store.redisClient, config.store.redisKeyPrefix) : undefined,
    },
    slackChannelPace: options.slackChannelPace,
  });
  metrics.watchBacklog(notifier.outbox);

  const deps: FeatureDeps = {
    config,
    logger,
    store,
    adapter,
    conversationState,
    userState,
    language,
    references,
    slackClient,
    partnerCenter: instrumentGateway(partnerCenter.gateway, metrics),
    sandboxControls: partnerCenter.sandboxControls,
    gdap: gdap.gateway,
    gdapControls: gdap.sandboxControls,
    distributorTenantId: partnerCenter.distributorTenantId,
    regions,
    webmail,
    partners: new PartnerDirectory(store.records),
    notifier,
    clock,
  };
  const features: Feature[] = [];
  for (const factory of options.features ?? FEATURES) features.push(await factory(deps));
  for (const feature of features)
    renderers.add(feature.teamsNotices, feature.slackNotices, feature.slackNoticeDelivered);

  // A delivery whose instance stopped mid-turn is run again by the retry (its outbox worker no longer beats).
  const liveness = { self: notifier.outbox.instanceId, live: () => notifier.outbox.liveInstances() };
  // A card press's claim stands for its delivery too (the ledger claims the rest).
  const repeatedSubmissions = new RepeatedSubmissions({ records: store.records, clock: deps.clock, liveness });
  const bot = new CspTeamsBot({
    conversationState,
    userState,
    language,
    references,
    features: features.flatMap((f) => (f.teams ? [f.teams] : [])),
    logger,
    repeatedSubmissions,
    botStorage,
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const log = turnLogger(logger, context);
    log.error({ err: error, ...turnActivityId(context), type: context.activity.type }, 'turn failed');
    try {
      const t = await bot.translator(context).catch(() => teamsTranslatorFor(context.activity.locale));
      if (context.activity.type === 'message') await context.sendActivity(t('common:errors.turn'));
      // A dialog that threw would throw again on the next turn: start that conversation afresh.
      await conversationState.delete(context);
    } catch (secondary) {
      log.error({ err: secondary }, 'could not tell the user about a failed turn');
    }
  };

  const ledger = new DeliveryLedger(store.records, logger, liveness);
  const firstReadsOf = firstReads(conversationState, botStorage);
  let slack: SlackEdge | undefined;
  if (config.slack) {
    slack = slackModules().createSlackEdge({
      ...config.slack,
      maxBodyBytes: config.maxBodyBytes,
      records: store.records,
      logger,
      metrics,
      features: features.flatMap((f) => (f.slack ? [f.slack] : [])),
      ledger,
    });
  } else {
    logger.info('Slack is off: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not both set');
  }

  const http = createHttpServer({
    messages: activityEndpoint({
      adapter,
      botLogic: (context) =>
        metrics.time(metrics.turns, metrics.turnSeconds, turnKind(context.activity.type), () => bot.run(context)),
      ledger,
      logger,
      submissions: repeatedSubmissions,
      prefetch: (activity, commitsOnce) => {
        const keys = firstReadsOf(activity, commitsOnce);
        return keys.length > 0 ? records.readAhead(keys) : undefined;
      },
      turnCommit: (activity) => (bot.commitsOnce(activity) ? new TurnCommit(records) : undefined),
    }),
    slack: slack?.handle,
    routes: features.flatMap((f) => f.routes ?? []),
    ready: () => store.records.ping(),
    logger,
    maxBodyBytes: config.maxBodyBytes,
    metrics,
    metricsToken: config.metricsToken,
  });
  const port = await http.listen(config.port, config.host);
  for (const feature of features) await feature.start?.();
  notifier.start();
  const referenceSweeps = new IndexSweeps('Teams references', () => references.indexExisting(), logger);
  referenceSweeps.start();
  const partnerSweeps = new IndexSweeps('partners and domains', () => deps.partners.indexExisting(), logger);
  partnerSweeps.start();
  // The sandboxes' own state (Partner Center's and Graph's), listed from indexes since this version.
  const sandboxSweeps =
    config.partnerCenter.mode === 'sandbox'
      ? new IndexSweeps('sandbox listings', () => sandboxListings(store.records).indexExisting(), logger)
      : undefined;
  sandboxSweeps?.start();
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
    metrics,
    stopAccepting: () => http.stopAccepting(),
    close: () => {
      closing ??= (async () => {
        await http.drain();
        await notifier.stop();
        await referenceSweeps.stop();
        await partnerSweeps.stop();
        await sandboxSweeps?.stop();
        for (const feature of [...features].reverse()) await feature.stop?.();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Loaded only with Partner Center's App+User credentials: the sandbox and a fixed token never refresh. */
function tokenProvider(): typeof RefreshingTokenProvider {
  type Module = typeof import('../services/partnerCenter/tokenProvider');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../services/partnerCenter/tokenProvider') as Module).RefreshingTokenProvider;
}

/** Partner Center's access tokens: refreshed by the assistant (App+User), or one fixed token. */
function partnerCenterTokens(partnerCenter: AppConfig['partnerCenter']): (() => Promise<string>) | undefined {
  if (partnerCenter.refresh) {
    const provider = new (tokenProvider())(partnerCenter.refresh);
    return () => provider.accessToken();
  }
  const token = partnerCenter.token;
  return token ? async () => token : undefined;
}

/** Microsoft Graph's tokens for GDAP (G1): the distributor's App+User refresh token for Graph, or one fixed token. */
function graphTokens(partnerCenter: AppConfig['partnerCenter']): (() => Promise<string>) | undefined {
  if (partnerCenter.refresh) {
    const provider = new (tokenProvider())({ ...partnerCenter.refresh, resource: 'https://graph.microsoft.com' });
    return () => provider.accessToken();
  }
  const token = partnerCenter.graph.token;
  return token ? async () => token : undefined;
}

/**
 * Slack's SDK, loaded only when Slack is configured: Bolt and the Web API client are a fifth of the
 * start-up time, which an instance serving Teams alone need not pay.
 */
function slackModules(): {
  WebClient: typeof WebClient;
  createSlackEdge: typeof import('./slack/slackApp').createSlackEdge;
} {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { WebClient: client } = require('@slack/web-api') as typeof import('@slack/web-api');
  const { createSlackEdge } = require('./slack/slackApp') as typeof import('./slack/slackApp');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { WebClient: client, createSlackEdge };
}

/** Loaded only with Redis, like the Redis client itself. */
function sharedLaneLimiter(client: () => Promise<unknown>, keyPrefix: string) {
  type Module = typeof import('../services/outbox/sharedLaneLimiter');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SharedLaneLimiter } = require('../services/outbox/sharedLaneLimiter') as Module;
  return new SharedLaneLimiter({ client, keyPrefix });
}

/** The Bot Framework's activity types; anything else is counted as `other`, so a caller cannot invent labels. */
const TURN_KINDS = new Set<string>(Object.values(ActivityTypes));

function turnKind(type: string): string {
  return TURN_KINDS.has(type) ? type : 'other';
}
