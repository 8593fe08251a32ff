import { readinessBlocks } from '../../cards/slack/readiness/readinessBlocks';
import { readyCard } from '../../cards/teams/readyCard';
import { providerIdOf } from '../../services/partnerships/providers';
import { ReadyToTransact } from '../../services/readiness/readyToTransact';
import { refusedText } from '../slack/distributorWords';
import { enrolmentServiceFor } from './enrolmentServiceFor';
import type { FeatureFactory } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';
import { matchReseller } from './readinessReseller';

/**
 * Ready to transact, at a glance (issue 15 item 6): `ready` in Teams for the reseller asking (its
 * tenant), `/csp ready <reseller>` in Slack for the distributor, one assessment behind both
 * (services/readiness), each condition with its state, its source (API1) and the fix.
 */
export const readinessFeature: FeatureFactory = async (deps) => {
  const partnerships = await partnershipServiceFor(deps);
  const enrolment = enrolmentServiceFor(deps);
  const readiness = new ReadyToTransact({
    partners: deps.partners,
    partnerships,
    partnerCenter: deps.partnerCenter,
    regions: deps.regions,
    distributorTenantId: deps.distributorTenantId,
    answers: async (tenantId) => (await enrolment.progress(tenantId)).answers,
  });

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
            await respond({
              response_type: 'ephemeral',
              blocks: readinessBlocks(t, report),
              text: t('ready:slack.title', { reseller: report.reseller.name }),
            });
          },
        },
      ],
    },
  };
};
