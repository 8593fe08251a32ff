import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { READINESS_ACTION } from '../../cards/slack/readiness/ids';
import { readinessBlocks } from '../../cards/slack/readiness/readinessBlocks';
import { readinessHomeBlocks } from '../../cards/slack/readiness/readinessHomeBlocks';
import type { Translate } from '../../i18n/i18n';
import { readyCard } from '../../cards/teams/readyCard';
import { providerIdOf } from '../../services/partnerships/providers';
import { type ReadinessReport, ReadyToTransact } from '../../services/readiness/readyToTransact';
import { reauthorisationStanding } from '../../services/reauthorisation/standing';
import { LRUCache } from 'lru-cache';
import { CoalescedRefresh } from '../slack/coalescedRefresh';
import { refusedText, tellClicker } from '../slack/distributorWords';
import { SlackLanguages } from '../slack/slackLanguage';
import { slackTeamOf } from '../slack/slackTeam';
import { enrolmentServiceFor } from './enrolmentServiceFor';
import type { FeatureFactory } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';
import { ReadinessHome } from './readinessHome';
import { matchReseller } from './readinessReseller';

/**
 * Ready to transact, at a glance (issue 15 item 6): `ready` in Teams for the reseller asking (its
 * tenant), `/csp ready <reseller>` in Slack for the distributor, one assessment behind both
 * (services/readiness), each condition with its state, its source (API1) and the fix; and in the
 * distributor's App Home, each of its resellers ready or what blocks it, Details giving `/csp ready`'s answer.
 */
/** The distributor's view of one reseller, ephemeral: only the rep who asked reads it. */
function readinessAnswer(t: Translate, report: ReadinessReport) {
  return {
    response_type: 'ephemeral' as const,
    blocks: readinessBlocks(t, report),
    text: t('ready:slack.title', { reseller: report.reseller.name }),
  };
}

/** Previous / Next carry the page they lead to; a value that is not one shows the first page. */
const PAGE = z.coerce.number().int().min(1).max(100_000);

export const readinessFeature: FeatureFactory = async (deps) => {
  const log = deps.logger.child({ component: 'readiness' });
  const languages = new SlackLanguages(deps.store.records, log);
  const partnerships = await partnershipServiceFor(deps);
  const enrolment = enrolmentServiceFor(deps);
  const readiness = new ReadyToTransact({
    partners: deps.partners,
    partnerships,
    partnerCenter: deps.partnerCenter,
    regions: deps.regions,
    distributorTenantId: deps.distributorTenantId,
    answers: async (tenantId) => (await enrolment.progress(tenantId)).answers,
    // A1/A2: the yearly review beside today's conditions, from the same standing the countdown uses.
    reauthorisation: reauthorisationStanding({
      records: deps.store.records,
      partners: deps.partners,
      partnerCenter: deps.partnerCenter,
      distributorTenantId: deps.distributorTenantId,
      onGatewayError: (error) => log.warn({ err: error }, 'revenue not read from Partner Center'),
    }),
    now: deps.clock,
  });
  const home = new ReadinessHome({ partnerships, readiness });
  const perPage = deps.config.homeResellersPerPage;
  /**
   * The page each rep last turned to, by `team:user`, so a redraw (the tab opened again, a decision) keeps
   * it. In memory: a restart, or a redraw on another instance, shows page 1; the buttons carry their page,
   * so a turn works on any instance.
   */
  const pages = new LRUCache<string, number>({ max: 1000 });
  const turns = new CoalescedRefresh((error) => log.error({ err: error }, 'could not turn an App Home page'));

  return {
    name: 'readiness',
    teams: {
      commands: [
        {
          name: 'ready',
          descriptionKey: 'ready:commands.ready',
          wordKey: 'ready:words.ready',
          // Typed without Polish letters; the Swedish and English words are plain already.
          aliases: ['gotowosc'],
          run: async ({ context, t, identity, args }) => {
            const reports = await readiness.forReseller(identity.tenantId, args.trim() || undefined);
            for (const report of reports) await context.sendActivity({ attachments: [readyCard(t, report)] });
          },
        },
      ],
    },
    slack: {
      register(app, edge) {
        app.action<BlockButtonAction>(READINESS_ACTION.reseller, async ({ ack, body, action, client, respond }) => {
          await ack();
          try {
            const teamId = slackTeamOf(body);
            const t = await languages.translatorFor(client, teamId, body.user.id);
            const provider = await partnerships.getProviderBySlackTeam(teamId);
            if (!provider) {
              await tellClicker(body, client, respond, refusedText(t, 'not-set-up'));
              return;
            }
            // Only the distributor's own resellers, whatever id the button carries.
            const resellerId = action.value ?? '';
            const listed = await partnerships.listResellers(provider.partner.id);
            if (!listed.some((r) => r.partnership.resellerId === resellerId)) {
              await tellClicker(body, client, respond, refusedText(t, 'no-active-partnership'));
              return;
            }
            const report = await readiness.forDistributor(provider.partner.id, resellerId);
            const answer = readinessAnswer(t, report);
            // From the App Home there is no message to answer under: the rep reads it in the app's messages.
            if (body.response_url) await respond({ ...answer, replace_original: false });
            else await client.chat.postMessage({ channel: body.user.id, blocks: answer.blocks, text: answer.text });
          } catch (error) {
            log.error({ err: error }, 'could not show a reseller’s readiness');
          }
        });
        for (const actionId of [READINESS_ACTION.previousPage, READINESS_ACTION.nextPage]) {
          app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
            await ack();
            // Only the clicker's own App Home is drawn, from their own workspace's resellers: no rights needed.
            const teamId = slackTeamOf(body);
            const rep = `${teamId}:${body.user.id}`;
            const wanted = PAGE.safeParse(action.value);
            pages.set(rep, wanted.success ? wanted.data : 1);
            // One redraw at a time per rep, the last after the last click: quick clicks end on the last page asked.
            await turns.request(rep, () => edge.publishHome(client, teamId, body.user.id));
          });
        }
      },
      // The rep’s resellers, ready to order or what blocks each, with Details for the whole answer; the page they turned to.
      homeBlocks: async ({ teamId, userId, t, opened }) => {
        const provider = await partnerships.getProviderBySlackTeam(teamId);
        if (!provider) return [];
        const page = await home.page(provider.partner.id, opened, pages.get(`${teamId}:${userId}`) ?? 1, perPage);
        return readinessHomeBlocks(t, page);
      },
      subcommands: [
        {
          name: 'ready',
          descriptionKey: 'ready:commands.slack',
          run: async ({ command, args, t, respond }) => {
            const providerId = providerIdOf(command.team_id);
            if (!(await partnerships.getProviderBySlackTeam(command.team_id))) {
              await respond({ response_type: 'ephemeral', text: refusedText(t, 'not-set-up') });
              return;
            }
            const found = matchReseller(await partnerships.listResellers(providerId), args);
            if (!found) {
              await respond({ response_type: 'ephemeral', text: t('ready:slack.usage') });
              return;
            }
            const report = await readiness.forDistributor(providerId, found.resellerId, found.customerDomain);
            await respond(readinessAnswer(t, report));
          },
        },
      ],
    },
  };
};
