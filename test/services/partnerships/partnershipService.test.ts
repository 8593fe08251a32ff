import { defaultRoleTemplate, ENTRA_ROLES, LEAST_PRIVILEGE_TEMPLATE } from '../../../services/gdap/roleTemplates';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../services/rules/gdapRules';
import { expect } from 'chai';
import { createPartnerCenterGateway } from '../../../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../../services/partnerships/partnershipService';
import { defaultRegionTable } from '../../../services/rules/regionTable';
import { openStore, type Store } from '../../../services/storage/openStore';
import { UNIT_REDIS_URL, requireRedis, tempDataDir } from '../../support/drivers/testAssistant';
import type { SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import {
  contosoSetup,
  DEMO,
  fresh,
  freshTeam,
  partnerThroughPartnerCenter,
  seedReseller,
  seedSandboxAccount,
  standInLink,
} from '../../support/fixtures/partnerships';

const admin = { platform: 'slack' as const, userId: 'U0ADMIN', name: 'Anna Kowalska' };
const approver = { platform: 'slack' as const, userId: 'U0APPROVER', name: 'Jan Wiśniewski' };
const stranger = { platform: 'slack' as const, userId: 'U0STRANGER', name: 'Someone Else' };
const teamsUser = (i: number) => ({ platform: 'teams' as const, userId: `aad-${i}`, name: `Colleague ${i}` });

function suite(backend: 'sqlite' | 'redis', open: () => Store, skipUnlessAvailable: (ctx: Mocha.Context) => void) {
  describe(`Partnerships service on ${backend}`, () => {
    let store: Store;
    let partners: PartnerDirectory;
    let clock: Date;
    let service: PartnershipService;
    let teamId: string;
    let sandbox: SandboxControls;

    before(async function () {
      skipUnlessAvailable(this);
      store = open();
      partners = new PartnerDirectory(store.records);
    });
    after(async () => {
      await store?.close();
    });

    beforeEach(async () => {
      clock = new Date();
      const gateway = createPartnerCenterGateway({
        mode: 'sandbox',
        records: store.records,
        sandboxStepMs: 60_000,
        regionOf: (country) => {
          const found = defaultRegionTable.lookup(country);
          return found.found && found.served ? found.region : undefined;
        },
      });
      sandbox = gateway.sandboxControls as SandboxControls;
      service = new PartnershipService({
        records: store.records,
        partners,
        regions: defaultRegionTable,
        partnerCenter: gateway.gateway,
        signer: new InvitationSigner(await invitationSecret(store.records)),
        invitationTtlDays: 30,
        standInPartnerCenterLink: standInLink,
        now: () => clock,
      });
      teamId = freshTeam();
      const setup = await service.providers.setUpProvider(teamId, contosoSetup([approver.userId]), admin, true);
      expect(setup.ok).to.equal(true);
    });

    /** A reseller as the E7 step leaves it: it told us it is in CSP, with its PartnerID and country. */
    async function toldUsAlreadyEnrolled(tenantId: string, mpnId: string) {
      await partners.update(tenantId, () => ({
        id: tenantId,
        kind: 'indirect-reseller',
        tenantId,
        mpnId,
        country: 'PL',
        affiliates: [],
        domains: [],
        status: {
          enrolment: 'in-progress',
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: false,
          cspEnrolled: true,
        },
      }));
    }

    async function invite(email: string, extra: { mpnId?: string; companyName?: string } = {}) {
      const outcome = await service.invitations.createInvitation(teamId, { email, ...extra }, approver);
      if (!outcome.ok) throw new Error(`invitation refused: ${JSON.stringify(outcome.refusal)}`);
      return outcome.value;
    }

    it('registers the workspace as an indirect provider, found by its Slack team', async () => {
      const provider = await service.getProviderBySlackTeam(teamId);
      expect(provider?.partner).to.include({ id: `slack:${teamId}`, kind: 'indirect-provider', mpnId: '1234567' });
      expect(provider?.settings.approverUserIds).to.deep.equal([approver.userId]);
      expect(await service.isApprover(teamId, approver.userId)).to.equal(true);
      expect(await service.isApprover(teamId, stranger.userId)).to.equal(false);
    });

    it('records the MPA and verification Partner Center reports for the provider, so it may transact (M1)', async () => {
      const provider = await service.getProviderBySlackTeam(teamId);
      expect(provider?.partner.status).to.include({ mpaSigned: true, verification: 'Authorized' });
    });

    it('lets neither a non-admin nor a non-approver change the set-up', async () => {
      const outcome = await service.providers.setUpProvider(teamId, contosoSetup([stranger.userId]), stranger, false);
      expect(outcome).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-admin' } });
      expect((await service.getProviderBySlackTeam(teamId))?.settings.approverUserIds).to.deep.equal([approver.userId]);
    });

    it('keeps least privilege as the GDAP role template until the set-up chooses roles, and refuses Global Administrator (G1)', async () => {
      expect((await service.getProviderBySlackTeam(teamId))?.settings.gdapRoles).to.equal(undefined);
      const roles = [ENTRA_ROLES.directoryReaders, ENTRA_ROLES.licenseAdministrator];
      const chosen = await service.providers.setUpProvider(
        teamId,
        { ...contosoSetup([approver.userId]), gdapRoles: roles },
        admin,
        true,
      );
      expect(chosen.ok).to.equal(true);
      const settings = (await service.getProviderBySlackTeam(teamId))?.settings;
      expect(defaultRoleTemplate(settings ?? {}).roles).to.deep.equal(roles);
      const withGa = await service.providers.setUpProvider(
        teamId,
        { ...contosoSetup([approver.userId]), gdapRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID] },
        admin,
        true,
      );
      expect(withGa.ok).to.equal(false);
      expect(defaultRoleTemplate({}).roles).to.deep.equal(LEAST_PRIVILEGE_TEMPLATE.roles);
    });

    it('refuses a provider country outside the region table (P6)', async () => {
      const outcome = await service.providers.setUpProvider(
        freshTeam(),
        { ...contosoSetup(['U1']), country: 'XX' },
        admin,
        true,
      );
      expect(outcome.ok).to.equal(false);
      expect(JSON.stringify(outcome)).to.include('P6.unknown-country');
    });

    it('refuses an invitation from someone who is not an approver, and logs it', async () => {
      const outcome = await service.invitations.createInvitation(teamId, { email: 'x@fabrikam-it.pl' }, stranger);
      expect(outcome).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
      const [latest] = await service.audit.latest(`slack:${teamId}`, 1);
      expect(latest).to.include({ action: 'invitation.create', outcome: 'refused' });
      expect(latest.actor.userId).to.equal(stranger.userId);
    });

    it('refuses at once a reseller Partner Center places in another region (2201 → P6)', async () => {
      const outcome = await service.invitations.createInvitation(
        teamId,
        { email: 'someone@adventureworks.example', mpnId: DEMO.resellerOtherRegion.mpnId },
        approver,
      );
      expect(outcome.ok).to.equal(false);
      expect(JSON.stringify(outcome)).to.include('P6.different-region').and.include('"resellerCountry":"BR"');
    });

    it('refuses at once a reseller the directory knows in another region (P6)', async () => {
      const tenantId = fresh();
      await seedReseller(
        partners,
        { ...DEMO.resellerOtherRegion, primaryContactEmail: `joao-${tenantId}@aw.example` },
        { tenantId },
      );
      const outcome = await service.invitations.createInvitation(
        teamId,
        { email: `JOAO-${tenantId}@aw.example` },
        approver,
      );
      expect(JSON.stringify(outcome)).to.include('P6.different-region');
    });

    it('refuses a forged code and a code with one character changed', async () => {
      const { code } = await invite('piotr@fabrikam.example');
      expect((await service.invitations.openInvitation('abcdefghijklmnop.' + 'A'.repeat(43))).status).to.equal(
        'forged',
      );
      const last = code.at(-1) === 'A' ? 'B' : 'A';
      expect((await service.invitations.openInvitation(code.slice(0, -1) + last)).status).to.equal('forged');
      const otherId = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
      expect((await service.invitations.openInvitation(otherId)).status).to.equal('forged');
      expect((await service.invitations.openInvitation(code)).status).to.equal('valid');
    });

    it('gives exactly one partnership when twenty colleagues authorise at once (P3)', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerReady, { tenantId });
      const { code } = await invite(DEMO.resellerReady.primaryContactEmail);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => service.answers.authorise(code, { tenantId, actor: teamsUser(i) })),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).to.have.length(1);
      const winner = winners[0] as Extract<(typeof outcomes)[number], { ok: true }>;
      for (const loser of outcomes.filter((o) => !o.ok)) {
        expect(loser).to.have.nested.property('lookup.status', 'used');
        expect(loser).to.have.nested.property('lookup.invitation.decidedBy.name', winner.partnership.decidedBy?.name);
      }
      expect(winner.partnership.state).to.equal('awaiting-partner-center');
      const resellers = await service.listResellers(`slack:${teamId}`);
      expect(resellers.map((r) => r.partnership.resellerId)).to.deep.equal([tenantId]);
      expect(await service.listProviders(tenantId), 'not active before Partner Center has it').to.have.length(0);
      await seedSandboxAccount(store.records, { ...DEMO.resellerReady, tenantId });
      await sandbox.acceptRelationship(DEMO.provider.tenantId, tenantId);
      expect((await service.partnerships.confirmWithPartnerCenter(`slack:${teamId}`, tenantId)).confirmedNow).to.equal(
        true,
      );
      const providers = await service.listProviders(tenantId);
      expect(providers.map((p) => p.provider?.legalName)).to.deep.equal([DEMO.provider.name]);
    });

    it('keeps an accepted partnership waiting until Partner Center lists the reseller, then confirms it once (P2, P3)', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerReady, { tenantId });
      await seedSandboxAccount(store.records, { ...DEMO.resellerReady, tenantId });
      const { code } = await invite(DEMO.resellerReady.primaryContactEmail);
      const authorised = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(authorised.ok && authorised.partnership.state).to.equal('awaiting-partner-center');
      const early = await service.partnerships.confirmWithPartnerCenter(`slack:${teamId}`, tenantId);
      expect(early).to.include({ confirmedNow: false });
      expect(early.partnership?.state).to.equal('awaiting-partner-center');
      await sandbox.acceptRelationship(DEMO.provider.tenantId, tenantId);
      const told: string[] = [];
      const both = await Promise.all(
        [1, 2].map(() =>
          service.partnerships.confirmWithPartnerCenter(`slack:${teamId}`, tenantId, async (p) => {
            told.push(p.resellerId);
          }),
        ),
      );
      expect(both.filter((c) => c.confirmedNow)).to.have.length(1);
      expect((await service.getPartnership(`slack:${teamId}`, tenantId))?.state).to.equal('active');
      expect(told.length, 'each confirmer tells (the outbox keeps one by its key)').to.be.within(1, 2);
    });

    it('takes an already-enrolled reseller as enrolled when Partner Center knows its PartnerID, and records it (E7, P1)', async () => {
      const tenantId = fresh();
      await toldUsAlreadyEnrolled(tenantId, DEMO.resellerReady.mpnId);
      const { code } = await invite(DEMO.resellerReady.primaryContactEmail);
      const authorised = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(authorised.ok, JSON.stringify(authorised)).to.equal(true);
      expect((await partners.get(tenantId))?.status).to.include({
        enrolment: 'enrolled',
        onboardedInPartnerCenter: true,
        mpaSigned: true,
      });
    });

    const refusedByPartnerCenter: Array<[string, string, string]> = [
      ['an MPN ID not in Partner Center (2200, M5)', DEMO.mpnOnly.mpnId, 'M5.not-enrolled-in-csp'],
      ['a direct-bill partner (2204, P1)', DEMO.directBill.mpnId, 'P1.not-indirect-reseller-account'],
      ['a reseller in another region (2201, P6)', DEMO.resellerOtherRegion.mpnId, 'P6.different-region'],
    ];
    for (const [name, mpnId, code] of refusedByPartnerCenter) {
      it(`refuses, as Partner Center tells the distributor, ${name}`, async () => {
        const tenantId = fresh();
        await toldUsAlreadyEnrolled(tenantId, mpnId);
        const { code: invitationCode } = await invite('someone@reseller.example');
        const outcome = await service.answers.authorise(invitationCode, { tenantId, actor: teamsUser(1) });
        expect(outcome.ok).to.equal(false);
        expect(!outcome.ok && 'decision' in outcome && outcome.decision.violations.map((v) => v.code)).to.deep.equal([
          code,
        ]);
      });
    }

    it('refuses an authorisation from a reseller that is not enrolled (P1)', async () => {
      const tenantId = fresh();
      const { code } = await invite('new@tailspin.example');
      const outcome = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(outcome.ok).to.equal(false);
      expect(JSON.stringify(outcome)).to.include('P1.reseller-not-enrolled');
      expect((await service.invitations.openInvitation(code)).status).to.equal('valid');
    });

    it('refuses an authorisation from a reseller in another region (P6)', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerOtherRegion, { tenantId });
      const { code } = await invite('ops@adventureworks.example');
      const outcome = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(JSON.stringify(outcome)).to.include('P6.different-region');
    });

    it('refuses an expired invitation', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerReady, { tenantId });
      const { code } = await invite('late@fabrikam.example');
      clock = new Date(clock.getTime() + 31 * 86_400_000);
      const outcome = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(outcome).to.have.nested.property('lookup.status', 'expired');
      expect((await service.invitations.openInvitations(`slack:${teamId}`))[0]).to.include({ expired: true });
    });

    it('refuses a revoked invitation; only an approver revokes', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerReady, { tenantId });
      const { code, invitation } = await invite('revoked@fabrikam.example');
      expect((await service.invitations.revokeInvitation(teamId, invitation.id, stranger)).ok).to.equal(false);
      expect((await service.invitations.revokeInvitation(teamId, invitation.id, approver)).ok).to.equal(true);
      const outcome = await service.answers.authorise(code, { tenantId, actor: teamsUser(1) });
      expect(outcome).to.have.nested.property('lookup.status', 'revoked');
    });

    it('removes a partnership for an approver only (P7), and logs both attempts', async () => {
      const tenantId = fresh();
      await seedReseller(partners, DEMO.resellerReady, { tenantId });
      await seedSandboxAccount(store.records, { ...DEMO.resellerReady, tenantId });
      const { code } = await invite('remove@fabrikam.example');
      const partnership = await partnerThroughPartnerCenter(service, sandbox, code, { tenantId, actor: teamsUser(1) });
      expect(partnership.state).to.equal('active');
      expect((await service.partnerships.removePartnership(teamId, tenantId, stranger)).ok).to.equal(false);
      expect((await service.partnerships.removePartnership(teamId, tenantId, approver)).ok).to.equal(true);
      expect(await service.listResellers(`slack:${teamId}`)).to.have.length(0);
      expect(await service.listProviders(tenantId)).to.have.length(0);
      const audit = await service.audit.latest(`slack:${teamId}`, 3);
      expect(audit.map((a) => `${a.action}:${a.outcome}`)).to.include.members([
        'partnership.remove:done',
        'partnership.remove:refused',
      ]);
      expect(audit.find((a) => a.outcome === 'done')?.rules).to.deep.equal(['P7']);
    });
  });
}

suite(
  'sqlite',
  () => openStore({ backend: 'sqlite', dataDir: tempDataDir() }),
  () => {},
);
suite(
  'redis',
  () => openStore({ backend: 'redis', redisUrl: UNIT_REDIS_URL }),
  (ctx) => requireRedis(ctx),
);
