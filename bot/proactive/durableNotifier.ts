import type { WebClient } from '@slack/web-api';
import type { CloudAdapter } from 'botbuilder';
import { DEFAULT_LANGUAGE, translatorFor } from '../../i18n/i18n';
import { mrkdwnTranslator } from '../../i18n/slackMrkdwn';
import { teamsTranslatorFor } from '../../i18n/teamsMarkdown';
import type { OutboxOptions } from '../../services/outbox/outbox';
import type { DeliveryOutcome } from '../../services/outbox/outboxJobs';
import { Outbox } from '../../services/outbox/outbox';
import type { Lane } from '../../services/outbox/rateLimiter';
import type { AtomicStore } from '../../services/storage/atomicStore';
import type { Logger } from '../logger';
import { SlackInstallation } from '../slack/slackInstallation';
import type { SlackLanguages } from '../slack/slackLanguage';
import type { ConversationReferenceStore } from '../teams/conversationReferences';
import type { NoticeRenderers } from './noticeRenderers';
import { TenantAudience } from './tenantAudience';
import type { Notice, Notifier } from './notifier';

/**
 * Teams' documented bot limits are about 1 message a second per conversation (small bursts) and 25 a
 * second per tenant. We pace a little under them: our clock and the service's differ by the network's
 * jitter, and a message sent exactly on the limit can arrive just past it.
 */
export const TEAMS_LIMITS = { perConversation: { perSecond: 0.9, burst: 2 }, perTenant: { perSecond: 22, burst: 20 } };
/** Slack's chat.postMessage: about 1 message a second per channel. */
export const SLACK_LIMITS = { perChannel: { perSecond: 1, burst: 3 } };

interface TeamsJob {
  tenantId: string;
  aadObjectId: string;
  notice: Notice;
  /** A notice to the whole organisation: for its own people, never a guest (TenantAudience). */
  membersOnly?: boolean;
}
interface SlackJob {
  channel: string;
  notice: Notice;
  /** Set for a direct message: whose language to write in (a channel has its own). */
  user?: { teamId: string; userId: string };
}

export interface DurableNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  references: ConversationReferenceStore;
  renderers: NoticeRenderers;
  records: AtomicStore;
  logger: Logger;
  /** Slack's side (off when undefined): a client of our own, so the outbox alone decides on retries. */
  slack?: { botToken: string; apiUrl: string; apiTimeoutMs: number };
  /** Whose language a Slack notice is written in: the channel's, or the user's for a direct message. */
  slackLanguages?: SlackLanguages;
  outbox?: Partial<Omit<OutboxOptions, 'records' | 'logger' | 'handlers'>>;
  /** Slack's pace per channel (SLACK_LIMITS); the bench lifts it to build many pending requests in seconds. */
  slackChannelPace?: { perSecond: number; burst: number };
}

/**
 * The Notifier behind every feature: each call records one outbox job per recipient (dedupe key
 * `<dedupeKey>:<tenantId>:<aadObjectId>` for Teams, `<dedupeKey>:<channel>` for Slack, where one bot
 * token means one workspace, so a channel or user id names one recipient) and returns; workers render
 * the notice in the recipient's stored language and deliver it within Teams' and Slack's limits.
 */
export class DurableNotifier implements Notifier {
  readonly outbox: Outbox;
  private readonly slackClient?: WebClient;
  /** Ended by Slack's app_uninstalled / tokens_revoked: nothing more is posted with this token. */
  private readonly slackInstallation?: SlackInstallation;
  private readonly audience: TenantAudience;

  constructor(private readonly deps: DurableNotifierDeps) {
    this.slackClient = deps.slack
      ? // Loaded only with Slack configured (see slackModules in assistant.ts).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        new (require('@slack/web-api') as typeof import('@slack/web-api')).WebClient(deps.slack.botToken, {
          slackApiUrl: deps.slack.apiUrl,
          timeout: deps.slack.apiTimeoutMs,
          // The outbox owns retries: a rate-limited call comes back at once with its Retry-After.
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        })
      : undefined;
    this.audience = new TenantAudience(deps.references);
    this.slackInstallation = deps.slack ? new SlackInstallation(deps.records, deps.slack.botToken) : undefined;
    this.outbox = new Outbox({
      ...deps.outbox,
      records: deps.records,
      logger: deps.logger,
      handlers: {
        teams: (job: TeamsJob) => this.deliverTeams(job),
        slack: (job: SlackJob) => this.deliverSlack(job),
      },
    });
  }

  start() {
    this.outbox.start();
  }

  stop() {
    return this.outbox.stop();
  }

  async teamsTenant(tenantId: string, notice: Notice, dedupeKey: string, options?: { except?: string }): Promise<void> {
    const people = (await this.audience.of(tenantId)).filter((person) => person.aadObjectId !== options?.except);
    await Promise.all(people.map((person) => this.enqueueTeams(person, notice, dedupeKey, true)));
  }

  async teamsUser(tenantId: string, aadObjectId: string, notice: Notice, dedupeKey: string): Promise<void> {
    const person = await this.deps.references.get(tenantId, aadObjectId);
    if (person) await this.enqueueTeams(person, notice, dedupeKey);
  }

  async slackChannel(channel: string, notice: Notice, dedupeKey: string): Promise<void> {
    await this.enqueueSlack({ channel, notice }, dedupeKey);
  }

  async slackUser(teamId: string, userId: string, notice: Notice, dedupeKey: string): Promise<void> {
    // A bot's message to a user id lands in its direct message with them (chat.postMessage).
    await this.enqueueSlack({ channel: userId, notice, user: { teamId, userId } }, dedupeKey);
  }

  private async enqueueSlack(job: SlackJob, dedupeKey: string) {
    if (!this.slackClient || (await this.slackInstallation?.isRevoked())) return;
    const lanes: Lane[] = [{ key: `slack:${job.channel}`, ...(this.deps.slackChannelPace ?? SLACK_LIMITS.perChannel) }];
    await this.outbox.enqueue<SlackJob>({
      kind: 'slack',
      dedupeKey: `${dedupeKey}:${job.channel}`,
      payload: job,
      lanes,
    });
  }

  private async enqueueTeams(
    person: { tenantId: string; aadObjectId: string; reference: { conversation?: { id?: string } } },
    notice: Notice,
    dedupeKey: string,
    membersOnly?: true,
  ) {
    const conversation = person.reference.conversation?.id ?? `${person.tenantId}:${person.aadObjectId}`;
    const lanes: Lane[] = [
      { key: `teams:conv:${conversation}`, ...TEAMS_LIMITS.perConversation },
      { key: `teams:tenant:${person.tenantId}`, ...TEAMS_LIMITS.perTenant },
    ];
    await this.outbox.enqueue<TeamsJob>({
      kind: 'teams',
      // Scoped by tenant: a recipient is a person in a tenant, whatever their object id.
      dedupeKey: `${dedupeKey}:${person.tenantId}:${person.aadObjectId}`,
      // Versions before the tenant scope: a notice they recorded is not sent again after an upgrade (their
      // markers last the outbox's doneTtlMs, 30 days: this line can go a release after that).
      formerDedupeKeys: [`${dedupeKey}:${person.aadObjectId}`],
      payload: { tenantId: person.tenantId, aadObjectId: person.aadObjectId, notice, membersOnly },
      lanes,
    });
  }

  private async deliverTeams(job: TeamsJob): Promise<DeliveryOutcome> {
    // Read at delivery time: the person may have moved conversations, changed language or been forgotten.
    const person = await this.deps.references.get(job.tenantId, job.aadObjectId);
    if (!person) return { kind: 'gone', reason: 'no conversation reference (forgotten or never stored)' };
    if (job.membersOnly && person.standing === 'guest') return NOT_FOR_A_GUEST;
    let activity: ReturnType<ReturnType<NoticeRenderers['teamsRenderer']>>;
    try {
      activity = this.deps.renderers.teamsRenderer(job.notice.renderer)(
        teamsTranslatorFor(person.locale),
        job.notice.params,
      );
    } catch (error) {
      return { kind: 'failed', reason: `render: ${(error as Error).message}` };
    }
    let guest = false;
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, person.reference, async (context) => {
        withoutConnectorRetries(context.turnState.get(this.deps.adapter.ConnectorClientKey));
        guest = Boolean(job.membersOnly) && (await this.audience.isGuest(context, person, teamsCannotSay));
        if (!guest) await context.sendActivity(activity);
      });
      return guest ? NOT_FOR_A_GUEST : { kind: 'delivered' };
    } catch (error) {
      const outcome = teamsOutcome(error);
      if (outcome.kind === 'gone') await this.deps.references.forget(job.tenantId, job.aadObjectId);
      return outcome;
    }
  }

  private async deliverSlack(job: SlackJob): Promise<DeliveryOutcome> {
    if (!this.slackClient) return { kind: 'failed', reason: 'Slack is off on this instance' };
    if (await this.slackInstallation?.isRevoked()) return { kind: 'gone', reason: 'the app was removed from Slack' };
    let message: ReturnType<ReturnType<NoticeRenderers['slackRenderer']>>;
    // Read at delivery time, like a Teams reader's language: a channel's or a person's may have changed.
    const language = await this.slackLanguageOf(job);
    try {
      message = this.deps.renderers.slackRenderer(job.notice.renderer)(
        mrkdwnTranslator(translatorFor(language)),
        job.notice.params,
      );
    } catch (error) {
      return { kind: 'failed', reason: `render: ${(error as Error).message}` };
    }
    let posted: { channel?: string; ts?: string };
    try {
      posted = await this.slackClient.chat.postMessage({ channel: job.channel, ...message });
    } catch (error) {
      return slackOutcome(error);
    }
    const delivered = this.deps.renderers.slackDelivered.get(job.notice.renderer);
    if (delivered && posted.ts) {
      // The message is out: failing to note where must not post it a second time.
      await delivered(job.notice.params, { channel: posted.channel ?? job.channel, ts: posted.ts }).catch((error) =>
        this.deps.logger.warn({ err: error, renderer: job.notice.renderer }, 'after posting a Slack notice'),
      );
    }
    return { kind: 'delivered' };
  }

  private async slackLanguageOf(job: SlackJob): Promise<string> {
    const languages = this.deps.slackLanguages;
    if (!languages || !this.slackClient) return DEFAULT_LANGUAGE;
    return job.user
      ? languages.languageOf(this.slackClient, job.user.teamId, job.user.userId)
      : languages.channelLanguage(job.channel);
  }
}

/** Ends an organisation's notice to a guest without sending it: nothing to retry, nobody to forget. */
const NOT_FOR_A_GUEST: DeliveryOutcome = { kind: 'gone', reason: 'a guest of the organisation: not its notice' };

/** A Teams answer that no retry changes (404, 400): Teams cannot say, as opposed to cannot now (teamsOutcome). */
const teamsCannotSay = (error: unknown) => teamsOutcome(error).kind === 'failed';

/**
 * The Bot Framework connector client retries 429 and 5xx by itself (Azure's default retry policy,
 * honouring Retry-After, holding the worker meanwhile). The outbox retries durably and paces the lane,
 * so the client's own policy is taken out to avoid retries multiplied by retries.
 */
function withoutConnectorRetries(client: unknown) {
  const pipeline = (client as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } } | undefined)
    ?.client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

/** Retry-After in seconds or an HTTP date, as ms. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What the connector's error means for the job (botbuilder throws a RestError with `statusCode`). */
export function teamsOutcome(error: unknown): DeliveryOutcome {
  const e = error as { statusCode?: number; message?: string; response?: { headers?: { get?(n: string): string } } };
  const status = e.statusCode;
  const reason = `Teams ${status ?? 'network'}: ${e.message ?? String(error)}`.slice(0, 300);
  if (status === 429)
    return { kind: 'retry', reason, retryAfterMs: retryAfterMs(e.response?.headers?.get?.('retry-after')) };
  if (status === 403) return { kind: 'gone', reason };
  if (status === undefined || status >= 500 || status === 408 || status === 401) return { kind: 'retry', reason };
  return { kind: 'failed', reason };
}

/** What a Slack Web API error means for the job. */
export function slackOutcome(error: unknown): DeliveryOutcome {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const reason = `Slack ${e.code ?? 'error'}: ${e.data?.error ?? e.statusCode ?? (error as Error).message}`.slice(
    0,
    300,
  );
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { kind: 'retry', reason, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  }
  if (e.code === 'slack_webapi_http_error' && (e.statusCode ?? 500) >= 500) return { kind: 'retry', reason };
  if (e.code === 'slack_webapi_request_error') return { kind: 'retry', reason };
  // channel_not_found, not_in_channel, is_archived, invalid_auth: retrying changes nothing.
  return { kind: 'failed', reason };
}
