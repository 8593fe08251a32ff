import { WebClient } from '@slack/web-api';
import { expect } from 'chai';
import { SlackUserGroups } from '../../bot/slack/partnerships/userGroups';
import { createLogger } from '../../bot/logger';
import { createPartnerCenterGateway } from '../../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import type { ProviderSetupInput } from '../../services/partnerships/types';
import { defaultRegionTable } from '../../services/rules/regionTable';
import { openStore, type Store } from '../../services/storage/openStore';
import { SlackApiStub } from '../fakes/slackApiStub';
import { REDIS_URL, requireRedis, tempDataDir } from '../helpers/testAssistant';
import { contosoSetup, freshTeam, standInLink } from './fixtures';

export const admin = { platform: 'slack' as const, userId: 'U0ADMIN', name: 'Anna Kowalska' };
export const approver = { platform: 'slack' as const, userId: 'U0APPROVER', name: 'Jan Wiśniewski' };
export const stranger = { platform: 'slack' as const, userId: 'U0STRANGER', name: 'Someone Else' };
export const teamsUser = (i: number) => ({ platform: 'teams' as const, userId: `aad-${i}`, name: `Colleague ${i}` });

export const DAY_MS = 86_400_000;

/** One service per test, on a fresh Slack team, with a clock the test moves and Slack at a local stub. */
export interface Harness {
  store: Store;
  partners: PartnerDirectory;
  service: PartnershipService;
  slackApi: SlackApiStub;
  teamId: string;
  providerId: string;
  now(): Date;
  advance(ms: number): void;
  /** Set up again with other approvers (named users and/or a group), as a workspace admin. */
  setUp(change: Partial<ProviderSetupInput>): Promise<void>;
  invite(email: string, extra?: { mpnId?: string; companyName?: string }): ReturnType<typeof inviteAs>;
}

async function inviteAs(service: PartnershipService, teamId: string, email: string, extra = {}) {
  const outcome = await service.invitations.createInvitation(teamId, { email, ...extra }, approver);
  if (!outcome.ok) throw new Error(`invitation refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome.value;
}

/**
 * Registers `body` once per storage backend (SQLite; Redis when REDIS_URL is set): every test gets a
 * provider set up with `approver` as its one named approver.
 */
export function onEveryBackend(title: string, body: (h: () => Harness) => void) {
  const backends: Array<[string, () => Store, (ctx: Mocha.Context) => void]> = [
    ['sqlite', () => openStore({ backend: 'sqlite', dataDir: tempDataDir() }), () => {}],
    ['redis', () => openStore({ backend: 'redis', redisUrl: REDIS_URL }), (ctx) => requireRedis(ctx)],
  ];
  for (const [backend, open, skipUnlessAvailable] of backends) {
    describe(`${title} (${backend})`, () => {
      let store: Store;
      let slackApi: SlackApiStub;
      let harness: Harness;

      before(async function () {
        skipUnlessAvailable(this);
        store = open();
        slackApi = await new SlackApiStub().start();
      });
      after(async () => {
        await store?.close();
        await slackApi?.stop();
      });

      beforeEach(async () => {
        let clock = new Date();
        const partners = new PartnerDirectory(store.records);
        const gateway = createPartnerCenterGateway({
          mode: 'sandbox',
          records: store.records,
          sandboxStepMs: 60_000,
          regionOf: (country) => {
            const found = defaultRegionTable.lookup(country);
            return found.found && found.served ? found.region : undefined;
          },
        });
        const slack = new WebClient('xoxb-test-token', { slackApiUrl: slackApi.url, retryConfig: { retries: 0 } });
        const service = new PartnershipService({
          records: store.records,
          partners,
          regions: defaultRegionTable,
          partnerCenter: gateway.gateway,
          signer: new InvitationSigner(await invitationSecret(store.records)),
          invitationTtlDays: 30,
          standInPartnerCenterLink: standInLink,
          userGroups: new SlackUserGroups(slack, createLogger('silent'), () => clock.getTime()),
          now: () => clock,
        });
        const teamId = freshTeam();
        const setUp = async (change: Partial<ProviderSetupInput>) => {
          const outcome = await service.providers.setUpProvider(
            teamId,
            { ...contosoSetup([approver.userId]), ...change },
            admin,
            true,
          );
          expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
        };
        await setUp({});
        harness = {
          store,
          partners,
          service,
          slackApi,
          teamId,
          providerId: `slack:${teamId}`,
          now: () => clock,
          advance: (ms) => {
            clock = new Date(clock.getTime() + ms);
          },
          setUp,
          invite: (email, extra) => inviteAs(service, teamId, email, extra),
        };
      });

      body(() => harness);
    });
  }
}
