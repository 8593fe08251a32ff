import { z } from 'zod';
import { countdownText } from '../../cards/reauthorisationLines';
import { reauthorisationCard } from '../../cards/teams/reauthorisationCard';
import { cardCommand, type TeamsTurn } from '../../dialogs/teamsTurn';
import { verbField, verbOnlyPayload } from '../../dialogs/cardSubmission';
import { COUNTDOWN_RENDERER, ReauthorisationCountdown } from '../../services/reauthorisation/countdown';
import { recordReported } from '../../services/reauthorisation/reauthorisationRecords';
import { type StandingDeps, standingFor } from '../../services/reauthorisation/standing';
import { REPORTED_ITEMS, type ReportedItemId } from '../../services/rules/reauthorisationRules';
import type { FeatureFactory } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';

const toggle = z.enum(['true', 'false']).optional();
/** The card's three toggles (Adaptive Card inputs send strings), nothing else. */
const reportPayload = z.strictObject({
  verb: verbField,
  mfa: toggle,
  'security-contact': toggle,
  endorsement: toggle,
});
type ReportPayload = z.infer<typeof reportPayload>;

/**
 * Staying authorised (A1, A2). In Teams, `reauthorisation` shows the reseller its next review, each item
 * with its source and fix, and lets it tell us the items only it can see (MFA, security contact,
 * endorsement). In the background, the countdown tells the reseller in Teams and its distributor in Slack
 * 90, 60 and 30 days before the anniversary month what is still missing (services/reauthorisation).
 */
export const reauthorisationFeature: FeatureFactory = (deps) => {
  const standingDeps: StandingDeps = {
    records: deps.store.records,
    partners: deps.partners,
    partnerCenter: deps.partnerCenter,
    distributorTenantId: deps.distributorTenantId,
    onGatewayError: (error) => deps.logger.warn({ err: error }, 'revenue not read from Partner Center'),
  };
  const countdown = new ReauthorisationCountdown({
    ...standingDeps,
    notifier: deps.notifier,
    clock: deps.clock,
    everyMs: deps.config.notifications.reauthorisationPollMs,
    logger: deps.logger,
  });

  /** One card per distributor the reseller is actively partnered with (P3): each counts its own revenue. */
  const showStanding = async ({ context, t, identity }: Pick<TeamsTurn, 'context' | 't' | 'identity'>) => {
    const providers = await (await partnershipServiceFor(deps)).listProviders(identity.tenantId);
    const active = providers.filter((row) => row.partnership.state === 'active');
    if (active.length === 0) {
      await context.sendActivity(t('reauthorisation:card.noPartnership'));
      return;
    }
    for (const row of active) {
      const standing = await standingFor(standingDeps, row.partnership, deps.clock());
      const card = reauthorisationCard(t, standing, row.provider?.legalName ?? '');
      await context.sendActivity({ attachments: [card] });
    }
  };

  return {
    name: 'reauthorisation',
    teams: {
      commands: [
        {
          name: 'reauthorisation',
          descriptionKey: 'reauthorisation:teams.commands.reauthorisation',
          wordKey: 'reauthorisation:teams.words.reauthorisation',
          aliases: ['reauthorization'],
          payload: verbOnlyPayload,
          run: showStanding,
        },
        cardCommand<ReportPayload>({
          name: 'reauthorisation-report',
          descriptionKey: 'reauthorisation:teams.commands.reauthorisation',
          hidden: true,
          payload: reportPayload,
          run: async (turn) => {
            const answers: Partial<Record<ReportedItemId, boolean>> = {};
            for (const id of REPORTED_ITEMS) {
              const value = turn.payload?.[id];
              if (value !== undefined) answers[id] = value === 'true';
            }
            // A1: what the reseller told us, with who and when; never taken as Partner Center's word (API1).
            await recordReported(
              deps.store.records,
              turn.identity.tenantId,
              answers,
              turn.identity.aadObjectId,
              deps.clock(),
            );
            await turn.context.sendActivity(turn.t('reauthorisation:card.saved'));
            await showStanding(turn);
          },
        }),
      ],
    },
    teamsNotices: {
      [COUNTDOWN_RENDERER]: (t, params) => ({ type: 'message', text: countdownText(t, params, 'reseller') }),
    },
    slackNotices: {
      [COUNTDOWN_RENDERER]: (t, params) => ({ text: countdownText(t, params, 'distributor') }),
    },
    start: () => countdown.start(),
    stop: () => countdown.stop(),
  };
};
