import { expect } from 'chai';
import { createLogger } from '../../bot/logger';
import { createPartnerCenterGateway } from '../../services/partnerCenter/createGateway';
import type { SandboxControls } from '../../services/partnerCenter/sandboxGateway';
import { PartnerDirectory } from '../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../services/partnerships/invitationCodes';
import {
  PartnershipConfirmations,
  type PartnershipNotifier,
} from '../../services/partnerships/partnershipConfirmations';
import { PartnershipService } from '../../services/partnerships/partnershipService';
import { defaultRegionTable } from '../../services/rules/regionTable';
import { MemoryAtomicStore } from '../../services/storage/memoryAtomicStore';
import { contosoSetup, DEMO, fresh, freshTeam, seedReseller, seedSandboxAccount, standInLink } from './fixtures';

type Told = { where: 'teams' | 'slack'; to: string; renderer: string; key: string; params: Record<string, unknown> };

/** Records what would be enqueued, keeping one job per dedupe key as the outbox does. */
class OutboxRecorder implements PartnershipNotifier {
  readonly told = new Map<string, Told>();
  async teamsTenant(tenantId: string, notice: { renderer: string; params: Record<string, unknown> }, key: string) {
    if (!this.told.has(key)) this.told.set(key, { where: 'teams', to: tenantId, key, ...notice });
  }
  async slackChannel(channel: string, notice: { renderer: string; params: Record<string, unknown> }, key: string) {
    if (!this.told.has(key)) this.told.set(key, { where: 'slack', to: channel, key, ...notice });
  }
}

describe('confirming partnerships with Partner Center (P2, P3)', () => {
  let records: MemoryAtomicStore;
  let service: PartnershipService;
  let sandbox: SandboxControls;
  let outbox: OutboxRecorder;
  let teamId: string;
  const approver = { platform: 'slack' as const, userId: 'U0APPROVER' };

  beforeEach(async () => {
    records = new MemoryAtomicStore();
    const wiring = createPartnerCenterGateway({
      mode: 'sandbox',
      records,
      regionOf: (country) => {
        const found = defaultRegionTable.lookup(country);
        return found.found && found.served ? found.region : undefined;
      },
    });
    sandbox = wiring.sandboxControls as SandboxControls;
    service = new PartnershipService({
      records,
      partners: new PartnerDirectory(records),
      regions: defaultRegionTable,
      partnerCenter: wiring.gateway,
      signer: new InvitationSigner(await invitationSecret(records)),
      invitationTtlDays: 30,
      standInPartnerCenterLink: standInLink,
    });
    outbox = new OutboxRecorder();
    teamId = freshTeam();
    expect(
      (await service.providers.setUpProvider(teamId, contosoSetup([approver.userId]), approver, true)).ok,
    ).to.equal(true);
  });

  const confirmations = (pollMs = 60_000) =>
    new PartnershipConfirmations({ service, notifier: outbox, logger: createLogger('silent'), pollMs });

  async function accepted(): Promise<string> {
    const tenantId = fresh();
    await seedReseller(new PartnerDirectory(records), DEMO.resellerReady, { tenantId });
    await seedSandboxAccount(records, { ...DEMO.resellerReady, name: `Reseller ${tenantId.slice(0, 4)}`, tenantId });
    const invited = await service.invitations.createInvitation(
      teamId,
      { email: `it@${tenantId.slice(0, 8)}.pl` },
      approver,
    );
    if (!invited.ok) throw new Error('invitation refused');
    const authorised = await service.answers.authorise(invited.value.code, {
      tenantId,
      actor: { platform: 'teams', userId: 'a' },
    });
    expect(authorised.ok && authorised.partnership.state).to.equal('awaiting-partner-center');
    return tenantId;
  }

  it('leaves a partnership waiting, and tells no one, while Partner Center does not list the reseller', async () => {
    const tenantId = await accepted();
    await confirmations().confirmAll();
    expect((await service.getPartnership(`slack:${teamId}`, tenantId))?.state).to.equal('awaiting-partner-center');
    expect(outbox.told.size).to.equal(0);
  });

  it('makes it active once Partner Center lists the reseller, and tells the reseller in Teams and the channel in Slack once, whatever the number of passes (P3)', async () => {
    const tenantId = await accepted();
    await sandbox.acceptRelationship(DEMO.provider.tenantId, tenantId);
    await Promise.all([confirmations().confirmAll(), confirmations().confirmAll()]);
    await confirmations().confirmAll();
    expect((await service.getPartnership(`slack:${teamId}`, tenantId))?.state).to.equal('active');
    const told = [...outbox.told.values()];
    expect(told.map((t) => `${t.where}:${t.to}:${t.renderer}`)).to.have.members([
      `teams:${tenantId}:partnerships.confirmed`,
      'slack:C0APPROVALS:partnerships.confirmed',
    ]);
    expect(told.find((t) => t.where === 'teams')?.params).to.deep.equal({ providerName: DEMO.provider.name });
  });

  it('answers Check now with the state Partner Center shows, and "none" for a distributor with no partnership waiting', async () => {
    const tenantId = await accepted();
    expect((await confirmations().confirm(`slack:${teamId}`, tenantId)).state).to.equal('awaiting-partner-center');
    await sandbox.acceptRelationship(DEMO.provider.tenantId, tenantId);
    const now = await confirmations().confirm(`slack:${teamId}`, tenantId);
    expect(now).to.include({ state: 'confirmed', confirmedNow: true });
    const again = await confirmations().confirm(`slack:${teamId}`, tenantId);
    expect(again).to.include({ state: 'confirmed', confirmedNow: false });
    expect((await confirmations().confirm('slack:T0NOBODY', tenantId)).state).to.equal('none');
  });
});
