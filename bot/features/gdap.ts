import type { Activity } from 'botbuilder';
import type { Translate } from '../../i18n/i18n';
import { markup } from '../../i18n/teamsMarkdown';
import { teamsGdap } from '../../dialogs/gdap/gdapFlow';
import { distributorGdapList } from '../../services/gdap/distributorGdap';
import { GdapLinkIndexes } from '../../services/gdap/gdapLinkIndexes';
import { GdapReminders } from '../../services/gdap/gdapReminders';
import { providerIdOf } from '../../services/partnerships/providers';
import { ResellerGdap } from '../../services/gdap/resellerGdap';
import { ResellerCustomers } from '../../services/customers/resellerCustomers';
import { PeriodicPass } from '../../services/polling/periodicPass';
import { partnerOfRecordDecision } from '../../services/rules/partnerOfRecordRules';
import { IndexSweeps } from '../../services/storage/indexSweeps';
import type { Feature, FeatureDeps } from './feature';
import { partnershipServiceFor } from './partnershipServiceFor';

/** A reminder's words: its key names the message; ending-30/7/1 share one, counted. */
function reminderText(t: Translate, scope: 'reminder' | 'slack', params: Record<string, unknown>): string {
  const key = String(params.key);
  const message = key.startsWith('ending-') ? 'ending' : key;
  // The approval link is ours, and a link in Teams' markdown reads as a link only unescaped.
  const link = scope === 'reminder' && typeof params.link === 'string' ? { link: markup(params.link) } : {};
  return t(`gdap:${scope}.${message}`, { ...params, ...link, count: params.daysLeft });
}

/**
 * GDAP relationships (G1, G2, G4): `gdap` and its card flow for the reseller in Teams, and the reminders
 * pass that tells the reseller in Teams and its distributor in Slack, each once.
 */
export async function gdapFeature(deps: FeatureDeps): Promise<Feature> {
  const log = deps.logger.child({ component: 'gdap' });
  const partnerships = await partnershipServiceFor(deps);
  const service = new ResellerGdap({
    records: deps.store.records,
    gdap: deps.gdap,
    customers: new ResellerCustomers({ partnerships, partnerCenter: deps.partnerCenter }),
    now: deps.clock,
  });
  const reminders = new GdapReminders({
    records: deps.store.records,
    resellerGdap: service,
    now: deps.clock,
    targets: {
      teamsTenant: (tenantId, notice, key) => deps.notifier.teamsTenant(tenantId, notice, key),
      distributor: async (providerId, notice, key) => {
        const provider = await partnerships.getProviderById(providerId);
        if (provider) await deps.notifier.slackChannel(provider.settings.channelId, notice, key);
      },
    },
    // G4 as the distributor sees it: Partner Center refuses the reseller as partner of record, suspended (R2).
    isSuspended: async (resellerTenantId, providerTenantId) => {
      const mpnId = (await deps.partners.get(resellerTenantId))?.mpnId;
      if (!mpnId) return false;
      const [result] = await deps.partnerCenter.as(providerTenantId).validateResellers([mpnId]);
      return partnerOfRecordDecision(mpnId, result).violations.some((v) => v.code === 'R2.reseller-suspended');
    },
  });
  // Links stored before their indexes (or by an older instance) are indexed.
  const links = new GdapLinkIndexes(deps.store.records, deps.clock);
  const linkSweeps = new IndexSweeps('GDAP links', () => links.indexExisting(), deps.logger);
  const pass = new PeriodicPass(
    () => reminders.pass(),
    deps.config.notifications.gdapReminderPollMs,
    (error) => log.warn({ err: error }, 'GDAP reminder pass failed'),
  );
  const text = (scope: 'reminder' | 'slack') => (t: Translate, params: Record<string, unknown>) =>
    reminderText(t, scope, params);
  return {
    name: 'gdap',
    teams: teamsGdap(service, async (tenantId) => (await deps.partners.get(tenantId))?.legalName ?? tenantId),
    slack: {
      subcommands: [
        {
          name: 'gdap',
          descriptionKey: 'gdap:slack.commands.gdap',
          run: async ({ command, t, respond }) => {
            const rows = await distributorGdapList(
              { records: deps.store.records, gdap: deps.gdap, now: deps.clock },
              providerIdOf(command.team_id),
            );
            const lines = await Promise.all(
              rows.map(async (row) =>
                t(`gdap:slack.list.${row.stage}`, {
                  reseller: (await deps.partners.get(row.resellerTenantId))?.legalName ?? row.resellerTenantId,
                  customer: row.customerName,
                  count: row.days,
                  end: row.endDateTime ?? '',
                }),
              ),
            );
            const text = [t('gdap:slack.list.title'), ...(lines.length ? lines : [t('gdap:slack.list.empty')])];
            await respond({ response_type: 'ephemeral', text: text.join('\n') });
          },
        },
      ],
    },
    teamsNotices: {
      'gdap.reminder': (t, params): Partial<Activity> => ({ text: text('reminder')(t, params) }),
      'gdap.suspended': (t, params): Partial<Activity> => ({ text: t('gdap:reminder.suspended', params) }),
    },
    slackNotices: {
      'gdap.distributorReminder': (t, params) => ({ text: text('slack')(t, params) }),
      'gdap.distributorSuspended': (t, params) => ({ text: t('gdap:slack.suspended', params) }),
    },
    start: () => {
      linkSweeps.start();
      pass.start();
    },
    stop: async () => {
      await pass.stop();
      await linkSweeps.stop();
    },
    /** The reminders' one pass, for tests and demos that move the clock. */
    gdapReminders: reminders,
  } as Feature;
}
