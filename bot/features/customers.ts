import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Activity } from 'botbuilder';
import {
  HOME_REQUESTS_SHOWN,
  pendingHomeBlocks,
  type RequestView,
  requestBlocks,
} from '../../cards/slack/customers/requestBlocks';
import type { Translate } from '../../i18n/i18n';
import {
  type CustomerRequest,
  customerServices,
  type OneTimeCredentials,
  ResellerCustomers,
} from '../../services/customers';
import { PeriodicPass } from '../../services/polling/periodicPass';
import { IndexSweeps } from '../../services/storage/indexSweeps';
import type { Provider } from '../../services/partnerships/types';
import type { Feature, FeatureDeps } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';
import { slackCustomers } from '../slack/customers';
import { credentialsText } from '../slack/customers/credentialsText';
import { requestView } from '../slack/customers/requestView';
import type { SlackEdgeTools } from '../slack/slackFeature';
import { SlackPeople } from '../slack/slackPeople';
import { SlackLanguages } from '../slack/slackLanguage';
import { teamsCustomers } from '../../dialogs/customers/customerFlow';
import { waitingRequestsCommand } from '../../dialogs/customers/waitingRequestsCommand';
import { testOnlyCrashAt } from '../testOnlyCrash';
import { ApproverHomes } from '../slack/approverHomes';
import { AcceptedApprovals } from '../../services/customers/acceptedApprovals';
import { ApprovalQueue } from '../slack/customers/approvalQueue';
import { approveClick } from '../slack/customers/approveClick';
import type { SlackCustomers } from '../slack/customers';

const REQUEST_NOTICE = 'customers.request';

/**
 * Customer onboarding (C1, C3–C6, P9): the reseller puts a request together in Teams (new customer or
 * existing one, review, Submit or Cancel); the request waits in the durable outbox for the
 * distributor's approvals channel; the distributor approves or rejects in Slack (channel or App Home);
 * Partner Center does what was approved; the reseller hears the outcome in Teams.
 */
export async function customersFeature(deps: FeatureDeps): Promise<Feature> {
  const log = deps.logger.child({ component: 'customers' });
  const partnerships = await partnershipServiceFor(deps);
  const { eligibility, lookups, requests, decisions, approvals, drafts, open } = customerServices({
    records: deps.store.records,
    partners: deps.partners,
    partnerships,
    partnerCenter: deps.partnerCenter,
    regions: deps.regions,
    now: deps.clock,
    atMomentOfDanger: testOnlyCrashAt(deps.config.faults.testOnlyCrashAt),
  });
  const resellerCustomers = new ResellerCustomers({ partnerships, partnerCenter: deps.partnerCenter });
  const languages = new SlackLanguages(deps.store.records, log);

  /** Approve clicks: acked at once, carried out a few at a time, durable in between (issue 18). */
  const approvalQueue = new ApprovalQueue(deps.config.approvalsAtOnce);
  const accepted = new AcceptedApprovals(deps.store.records, deps.clock);
  /** What the Slack listeners are lent, once the edge registers them (the recovery pass reuses it). */
  let slackSide: SlackCustomers | undefined;

  /** The approvers see the App Home as it is now (a new request, a decision). */
  const homes = new ApproverHomes(log);
  const refreshHomes = (client: WebClient | undefined, provider: Provider | undefined) =>
    homes.refresh(client, provider);

  /** Durable: a Slack outage at submission loses nothing, and the same request is posted once. */
  async function sendForApproval(request: CustomerRequest) {
    const provider = await partnerships.getProviderById(request.providerId);
    if (!provider) return;
    const view = await requestView(deps.partners, request);
    await deps.notifier.slackChannel(
      provider.settings.channelId,
      { renderer: REQUEST_NOTICE, params: { ...view } },
      `customers:request:${request.id}`,
    );
    await refreshHomes(deps.slackClient, provider);
  }

  async function updateChannelMessage(client: WebClient, request: CustomerRequest) {
    if (!request.message) return;
    // The language chosen for the channel in /csp setup (several people read it), as the first post was.
    const t = await languages.channelTranslator(request.message.channel);
    const view = await requestView(deps.partners, request);
    await client.chat.update({
      channel: request.message.channel,
      ts: request.message.ts,
      text: t(`customers:slack.request.kind.${request.kind}`),
      blocks: requestBlocks(t, view),
    });
  }

  /** The reseller who asked hears the outcome where they last talked to the assistant. */
  async function tellReseller(request: CustomerRequest) {
    const provider = await partnerships.getProviderById(request.providerId);
    await deps.notifier.teamsUser(
      request.requestedBy.tenantId,
      request.requestedBy.userId,
      {
        renderer: 'customers.decided',
        params: {
          state: request.state,
          kind: request.kind,
          company: request.customer.companyName,
          provider: provider?.partner.legalName ?? request.providerId,
          domain: request.result?.customerDomain ?? request.customer.domain,
          count: request.subscriptions.length,
          reason: request.decision?.reason ?? '-',
        },
      },
      `customers:decided:${request.id}`,
    );
  }

  async function afterDecision(client: WebClient, request: CustomerRequest) {
    await updateChannelMessage(client, request).catch((error) =>
      log.warn({ err: error }, 'could not update the approval message'),
    );
    await tellReseller(request);
    // The App Homes are a view, rebuilt coalesced and best effort: a decision does not wait for the rebuild,
    // so an approval's turn in the queue (issue 18) ends with its own effects.
    void partnerships
      .getProviderById(request.providerId)
      .then((provider) => refreshHomes(client, provider))
      .catch((error) => log.debug({ err: error }, 'could not refresh the App Homes'));
  }

  /** The rep who approved hears, alone, that it was carried out after all, with the credentials or how to reset them. */
  async function tellApprover(client: WebClient, request: CustomerRequest, credentials: OneTimeCredentials) {
    const provider = await partnerships.getProviderById(request.providerId);
    const userId = request.decision?.by.userId;
    const channel = request.message?.channel ?? provider?.settings.channelId;
    if (!provider || !userId || !channel) return;
    const t = await languages.translatorFor(client, provider.settings.teamId, userId);
    const company = request.customer.companyName;
    const text = `${t('customers:slack.resumed', { company })}\n${credentialsText(t, company, credentials)}`;
    await client.chat.postEphemeral({ channel, user: userId, text });
  }

  /**
   * Issue 18: Approve clicks acked by an instance that stopped or crashed before carrying them out (or
   * that has held them past their lease) are carried out here, and the rep who clicked is told in the
   * approvals channel, only them. A click whose request was decided meanwhile needs nothing more.
   */
  async function resumeAcceptedClicks(client: WebClient, s: SlackCustomers) {
    for (const click of await accepted.overdue()) {
      if (approvalQueue.holds(click.requestId)) continue;
      await accepted.takeOver(click);
      const request = await requests.get(click.requestId);
      if (request?.state !== 'pending') {
        await accepted.done(click);
        continue;
      }
      const provider = await partnerships.getProviderById(request.providerId);
      const channel = request.message?.channel ?? provider?.settings.channelId;
      // Held from here to the end of its run (nothing between can throw), as a click is.
      if (!approvalQueue.hold({ ...click, at: new Date() }).taken) continue;
      log.info({ request: click.requestId }, 'carrying out an approval a stopped instance had acked');
      const tell = async (text: string) => {
        if (channel) await client.chat.postEphemeral({ channel, user: click.userId, text });
        else await client.chat.postMessage({ channel: click.userId, text });
      };
      await approvalQueue.run(click, () =>
        approveClick(s, client, click, { tell, channelId: channel, underMessage: true }),
      );
      await accepted.done(click);
    }
  }

  /** Issue 13 point 4: what a crash left between an approval and Partner Center is finished, and both sides told. */
  async function resumeApprovals() {
    // Apart from the approvals under way below: a failure here must not hold those back.
    if (deps.slackClient && slackSide)
      await resumeAcceptedClicks(deps.slackClient, slackSide).catch((error) =>
        log.error({ err: error }, 'the recovery pass for acked approval clicks failed'),
      );
    for (const { request, credentials } of await approvals.resumeUnfinished()) {
      log.info({ request: request.id, state: request.state }, 'finished an approval a crash had interrupted');
      if (!deps.slackClient) {
        await tellReseller(request);
        continue;
      }
      if (credentials) await tellApprover(deps.slackClient, request, credentials);
      await afterDecision(deps.slackClient, request);
    }
  }
  const recovery = new PeriodicPass(resumeApprovals, deps.config.faults.recoveryEveryMs, (error) =>
    log.error({ err: error }, 'the approvals recovery pass failed'),
  );
  const openRequestSweeps = new IndexSweeps('open customer requests', () => open.indexExisting(), log);
  let firstRecovery: Promise<void> | undefined;

  return {
    name: 'customers',
    // At start (in the background: a slow Partner Center must not hold the server back) and periodically.
    // The first recovery pass waits for the first sweep, so an approval stored before the index is resumed too.
    start: () => {
      openRequestSweeps.start();
      firstRecovery = openRequestSweeps
        .sweep()
        .then(resumeApprovals)
        .catch((error) => log.error({ err: error }, 'the approvals recovery pass failed'));
      recovery.start();
    },
    stop: async () => {
      await firstRecovery;
      await recovery.stop();
      // The clicks still waiting are handed over: the next recovery pass, here or anywhere, takes them at once.
      for (const click of await approvalQueue.stop()) {
        await accepted
          .handOver(click)
          .catch((error) => log.warn({ err: error }, 'could not hand over an approval click'));
      }
      await openRequestSweeps.stop();
    },
    teams: {
      commands: teamsCustomers({
        eligibility,
        lookups,
        drafts,
        resellerCustomers,
        partnerships,
        partners: deps.partners,
        logger: log,
        sendForApproval,
      }).concat(waitingRequestsCommand({ requests, partnerships, now: deps.clock })),
    },
    slack: {
      subcommands: [],
      register: (app: App, tools: SlackEdgeTools) => {
        homes.lend(tools);
        slackSide = {
          requests,
          decisions,
          resellerCustomers,
          partnerships,
          languages,
          people: new SlackPeople(log),
          logger: log,
          afterDecision,
          redraw: (client, request) =>
            updateChannelMessage(client, request).catch((error) =>
              log.warn({ err: error }, 'could not redraw the approval message'),
            ),
          approvals: approvalQueue,
          accepted,
          atMomentOfDanger: testOnlyCrashAt(deps.config.faults.testOnlyCrashAt),
        };
        slackCustomers(slackSide).register(app);
      },
      homeBlocks: async ({ teamId, t }) => {
        const provider = await partnerships.getProviderBySlackTeam(teamId);
        if (!provider) return [];
        const pending = await requests.pending(provider.partner.id, HOME_REQUESTS_SHOWN);
        const views = await Promise.all(pending.requests.map((r) => requestView(deps.partners, r)));
        return pendingHomeBlocks(t, views, pending.total);
      },
    },
    slackNotices: {
      [REQUEST_NOTICE]: (t, params) => {
        const view = params as unknown as RequestView;
        return { text: t(`customers:slack.request.kind.${view.kind}`), blocks: requestBlocks(t, view) };
      },
    },
    slackNoticeDelivered: {
      [REQUEST_NOTICE]: async (params, posted) => {
        const id = String(params.id ?? '');
        await requests.attachMessage(id, posted);
        // Decided before its message went out (from the App Home): the message shows the decision at once.
        const request = await requests.get(id);
        if (request && request.state !== 'pending' && deps.slackClient) {
          await updateChannelMessage(deps.slackClient, { ...request, message: posted });
        }
      },
    },
    teamsNotices: {
      'customers.decided': (t: Translate, params): Partial<Activity> => {
        const key =
          params.state === 'approved'
            ? `customers:teams.outcome.approved.${String(params.kind)}`
            : `customers:teams.outcome.${String(params.state)}`;
        return { text: t(key, params) };
      },
    },
  };
}
