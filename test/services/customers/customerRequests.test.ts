import { expect } from 'chai';
import type { CustomerDecisions } from '../../../services/customers/customerDecisions';
import type { CustomerDrafts } from '../../../services/customers/customerDrafts';
import type { CustomerLookups } from '../../../services/customers/customerLookups';
import type { NewCustomerInput } from '../../../services/customers/customerRequest';
import type { CustomerRequests } from '../../../services/customers/customerRequests';
import type { OpenRequests } from '../../../services/customers/openRequests';
import type { ApprovalExecution } from '../../../services/customers/approvalExecution';
import { approvalIntent } from '../../../services/customers/approvalExecution';
import { REQUEST_KEYS } from '../../../services/customers/customerRequest';
import { customerServices } from '../../../services/customers/customerServices';
import { createPartnerCenterGateway } from '../../../services/partnerCenter/createGateway';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../../services/partnerships/partnershipService';
import { providerIdOf } from '../../../services/partnerships/providers';
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
import { initialDomainPrefix } from '../../../services/domain/customerDomain';

const admin = { platform: 'slack' as const, userId: 'U0ADMIN', name: 'Anna Kowalska' };
const approver = { platform: 'slack' as const, userId: 'U0APPROVER', name: 'Jan Wiśniewski' };
const approver2 = { platform: 'slack' as const, userId: 'U0APPROVER2', name: 'Maria Nowak' };
const stranger = { platform: 'slack' as const, userId: 'U0STRANGER', name: 'Someone Else' };
const FABRIKAM = DEMO.resellerReady.tenantId;
const piotr = { platform: 'teams' as const, tenantId: FABRIKAM, userId: 'aad-piotr', name: 'Piotr Nowak' };

/** A unique customer domain per test: the sandbox keeps customers by domain across runs on Redis. */
const newDomain = () => `klient-${fresh().slice(0, 8)}.pl`;

function suite(backend: 'sqlite' | 'redis', open: () => Store, skipUnlessAvailable: (ctx: Mocha.Context) => void) {
  describe(`Customer requests on ${backend} (C3, C4, C7-C10, P9)`, () => {
    let store: Store;
    let partners: PartnerDirectory;
    let partnerships: PartnershipService;
    let customers: CustomerRequests;
    let decisions: CustomerDecisions;
    let lookups: CustomerLookups;
    let drafts: CustomerDrafts;
    let openRequests: OpenRequests;
    let approvals: ApprovalExecution;
    let teamId: string;
    let providerId: string;
    let clock: number;
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
      clock = Date.now();
      const now = () => new Date(clock);
      const wiring = createPartnerCenterGateway({
        mode: 'sandbox',
        records: store.records,
        sandboxStepMs: 60_000,
        regionOf: (country) => {
          const found = defaultRegionTable.lookup(country);
          return found.found && found.served ? found.region : undefined;
        },
      });
      const gateway = wiring.gateway;
      sandbox = wiring.sandboxControls as SandboxControls;
      partnerships = new PartnershipService({
        records: store.records,
        partners,
        regions: defaultRegionTable,
        partnerCenter: gateway,
        signer: new InvitationSigner(await invitationSecret(store.records)),
        invitationTtlDays: 30,
        standInPartnerCenterLink: standInLink,
        now,
      });
      ({
        requests: customers,
        decisions,
        lookups,
        drafts,
        open: openRequests,
        approvals,
      } = customerServices({
        records: store.records,
        partners,
        partnerships,
        partnerCenter: gateway,
        regions: defaultRegionTable,
        now: () => new Date(clock++),
      }));
      teamId = freshTeam();
      providerId = providerIdOf(teamId);
      const setup = await partnerships.providers.setUpProvider(
        teamId,
        contosoSetup([approver.userId, approver2.userId]),
        admin,
        true,
      );
      expect(setup.ok).to.equal(true);
      // Set-up leaves the provider's MPA unconfirmed (issue 5); Contoso has signed it (M1).
      await partners.update(providerId, (current) =>
        current ? { ...current, status: { ...current.status, mpaSigned: true } } : current,
      );
      await seedReseller(partners, DEMO.resellerReady);
      const invited = await partnerships.invitations.createInvitation(
        teamId,
        { email: DEMO.resellerReady.primaryContactEmail },
        approver,
      );
      if (!invited.ok) throw new Error('invitation refused');
      const authorised = await partnerships.answers.authorise(invited.value.code, {
        tenantId: FABRIKAM,
        actor: { platform: 'teams', userId: 'aad-piotr' },
      });
      expect(authorised.ok).to.equal(true);
    });

    const request = (overrides: Partial<NewCustomerInput['customer']> = {}): NewCustomerInput => {
      const domain = overrides.domain ?? newDomain();
      return {
        providerId,
        customer: {
          companyName: 'Nowy Klient sp. z o.o.',
          domain,
          country: 'PL',
          adminEmail: `it@${domain}`,
          ...overrides,
        },
        address: { line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-001' },
        subscriptions: [
          { offerId: 'CFQ7TTC0LDPB:0001', offerName: 'Microsoft 365 Business Standard', licences: 10 },
          { offerId: 'CFQ7TTC0LH16:0001', offerName: 'Exchange Online (Plan 1)', licences: 3 },
        ],
        // MCA1: who accepted the Microsoft Customer Agreement for the customer, and when.
        agreement: { firstName: 'Ewa', lastName: 'Lis', email: `it@${domain}`, dateAgreed: '2026-11-30' },
      };
    };

    async function submitted(overrides: Partial<NewCustomerInput['customer']> = {}) {
      const outcome = await customers.submit(piotr, request(overrides));
      if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
      return outcome.value;
    }

    const codesOf = (outcome: { ok: boolean; refusal?: unknown }) =>
      outcome.ok
        ? []
        : ((outcome.refusal as { violations?: Array<{ code: string }> }).violations ?? []).map((v) => v.code);

    it('stores a pending request with the reseller MPN ID on every subscription (P9)', async () => {
      const value = await submitted();
      expect(value.state).to.equal('pending');
      expect(value.resellerId).to.equal(FABRIKAM);
      expect(value.subscriptions.map((s) => s.resellerMpnIdOnRecord)).to.deep.equal([
        DEMO.resellerReady.mpnId,
        DEMO.resellerReady.mpnId,
      ]);
      expect((await customers.get(value.id))?.state).to.equal('pending');
    });

    it('lists a provider’s pending requests oldest first', async () => {
      const first = await submitted();
      const second = await submitted();
      const third = await submitted();
      const rejected = await decisions.reject(teamId, second.id, approver, 'duplicate');
      expect(rejected.ok).to.equal(true);
      expect((await customers.pending(providerId)).requests.map((r) => r.id)).to.deep.equal([first.id, third.id]);
    });

    it('shows the App Home the oldest pending requests and counts the rest, without the approved or rejected', async () => {
      const [first, second, third, fourth] = [
        await submitted(),
        await submitted(),
        await submitted(),
        await submitted(),
      ];
      expect((await decisions.approve(teamId, second.id, approver)).ok).to.equal(true);
      expect((await decisions.reject(teamId, third.id, approver, 'duplicate')).ok).to.equal(true);
      const shown = await customers.pending(providerId, 1);
      expect(shown.requests.map((r) => r.id)).to.deep.equal([first.id]);
      expect(shown.total).to.equal(2);
      expect((await customers.waitingFor(FABRIKAM)).map((r) => r.id)).to.include.members([first.id, fourth.id]);
      expect((await customers.waitingFor(FABRIKAM)).map((r) => r.id)).to.not.include.members([second.id, third.id]);
    });

    it('skips, and forgets, an index entry whose request was decided before the entry was taken out (a crash between)', async () => {
      const kept = await submitted();
      const decided = await submitted();
      expect((await decisions.reject(teamId, decided.id, approver, 'duplicate')).ok).to.equal(true);
      await openRequests.willBePending(decided); // as if the process died after the decision and before the removal
      expect(await customers.pending(providerId)).to.deep.include({ total: 1 });
      expect((await customers.pending(providerId)).requests.map((r) => r.id)).to.deep.equal([kept.id]);
      const left = await store.records.indexRange(`customers:pending:provider:${providerId}`, { limit: 10 });
      expect(left.map((e) => e.member)).to.deep.equal([kept.id]);
    });

    it('finds the requests an older version stored without index entries once the start sweep has run', async () => {
      const current = await submitted();
      // Unit fixture: a pending request as the previous version wrote it, a record and no index entry.
      const older = { ...current, id: `older-${fresh()}`, createdAt: new Date(clock - 60_000).toISOString() };
      await store.records.compareAndSet(REQUEST_KEYS.request(older.id), undefined, older);
      expect((await customers.pending(providerId)).requests.map((r) => r.id)).to.deep.equal([current.id]);
      await openRequests.indexExisting();
      expect((await customers.pending(providerId)).requests.map((r) => r.id)).to.deep.equal([older.id, current.id]);
      expect((await customers.waitingFor(FABRIKAM)).map((r) => r.id)).to.include(older.id);
    });

    it('resumes an approval an older version left under way, once the start sweep has indexed it (issue 13 point 4)', async () => {
      const asked = await submitted();
      // Unit fixture: approved with its intent by the previous version (no index entry), its lease run out.
      const intent = { ...approvalIntent(asked, new Date(clock)), leaseUntil: new Date(clock - 1).toISOString() };
      const approved = {
        ...asked,
        state: 'approved' as const,
        decision: { by: approver, at: new Date(clock).toISOString() },
        intent,
      };
      const current = await store.records.read(REQUEST_KEYS.request(asked.id));
      await store.records.compareAndSet(REQUEST_KEYS.request(asked.id), current?.version, approved);
      const mine = (resumed: Array<{ request: { id: string } }>) => resumed.filter((r) => r.request.id === asked.id);
      expect(mine(await approvals.resumeUnfinished())).to.deep.equal([]);
      await openRequests.indexExisting();
      const resumed = await approvals.resumeUnfinished();
      expect(mine(resumed)).to.have.length(1);
      expect((await customers.get(asked.id))?.result?.customerTenantId).to.be.a('string');
      expect((await openRequests.approvalsUnderWay()).map((r) => r.id)).to.not.include(asked.id);
    });

    it('refuses a customer in another region before submission (C7)', async () => {
      expect(codesOf(await customers.submit(piotr, request({ country: 'BR' })))).to.include('C7.different-region');
    });

    it('refuses the reseller’s own company as its customer (C8)', async () => {
      await partners.update(FABRIKAM, (current) => (current ? { ...current, domains: ['fabrikam-it.pl'] } : current));
      const outcome = await customers.submit(
        piotr,
        request({ domain: 'fabrikam-it.pl', adminEmail: 'it@fabrikam-it.pl' }),
      );
      // The admin email on the reseller's own domain is refused by the customer schema first.
      expect(outcome.ok).to.equal(false);
      const second = await customers.submit(
        piotr,
        request({ domain: 'sklep.fabrikam-it.pl', adminEmail: 'it@gmail.com' }),
      );
      expect(codesOf(second)).to.include('C8.customer-is-partner-itself');
      await partners.update(FABRIKAM, (current) => (current ? { ...current, domains: [] } : current));
    });

    it('refuses another partnered reseller’s CSP tenant as the provider’s customer, with C10’s three options', async () => {
      const otherTenant = fresh();
      await seedReseller(partners, { ...DEMO.resellerReady, name: 'Other reseller' }, { tenantId: otherTenant });
      const domain = `reseller-${otherTenant.slice(0, 8)}.pl`;
      await partners.update(otherTenant, (current) => (current ? { ...current, domains: [domain] } : current));
      await seedSandboxAccount(store.records, { ...DEMO.resellerReady, name: 'Other reseller', tenantId: otherTenant });
      const invited = await partnerships.invitations.createInvitation(teamId, { email: `x@${domain}` }, approver);
      if (!invited.ok) throw new Error('invitation refused');
      const partnered = await partnerThroughPartnerCenter(partnerships, sandbox, invited.value.code, {
        tenantId: otherTenant,
        actor: { platform: 'teams', userId: 'aad-o' },
      });
      expect(partnered.state).to.equal('active');

      const outcome = await customers.submit(piotr, request({ domain, adminEmail: `it@${domain}` }));
      expect(codesOf(outcome)).to.include('C10.reseller-cannot-be-provider-customer');
      const options = outcome.ok
        ? []
        : outcome.refusal.kind === 'rules'
          ? outcome.refusal.options.map((o) => o.code)
          : [];
      expect(options).to.include.members([
        'C10.separate-tenant',
        'C10.end-relationship-via-support-and-use-another-provider',
        'C10.stay-customer-and-resell-through-another-provider',
      ]);
    });

    it('refuses a reseller without an active partnership with the provider (P5)', async () => {
      expect((await partnerships.partnerships.removePartnership(teamId, FABRIKAM, approver)).ok).to.equal(true);
      const outcome = await customers.submit(piotr, request());
      expect(outcome.ok).to.equal(false);
      expect(codesOf(outcome).some((c) => c.startsWith('P5'))).to.equal(true);
    });

    it('lets only approvers decide', async () => {
      const value = await submitted();
      const outcome = await decisions.approve(teamId, value.id, stranger);
      expect(outcome).to.deep.include({ ok: false, refusal: { kind: 'access', code: 'not-approver' } });
      expect((await customers.get(value.id))?.state).to.equal('pending');
    });

    it('creates the customer for the reseller with its subscriptions on approval (C3, C4, P9), credentials returned once', async () => {
      const value = await submitted();
      const outcome = await decisions.approve(teamId, value.id, approver);
      if (!outcome.ok || !outcome.value) throw new Error(`not approved: ${JSON.stringify(outcome)}`);
      expect(outcome.value.adminUserName).to.match(/^admin@klient-/);
      expect(outcome.value.temporaryPassword).to.have.length.greaterThan(7);
      expect(outcome.request.state).to.equal('approved');
      expect(outcome.request.decision?.by.userId).to.equal(approver.userId);
      expect(outcome.request.result?.subscriptionIds).to.have.length(2);
      const stored = JSON.stringify(await store.records.list(''));
      expect(stored).to.not.include(outcome.value.temporaryPassword);
      // The sandbox shows the reseller (P9) on record and the customer associated with the reseller (C4).
      expect(stored).to.include(DEMO.resellerReady.mpnId);
    });

    /** A draft at review, for a new customer with one offer. */
    async function reviewedDraft() {
      const input = request();
      const started = await drafts.startNew(piotr, input);
      if (!started.ok) throw new Error(`refused: ${JSON.stringify(started.refusal)}`);
      const chosen = await drafts.choose(piotr, started.value.id, {
        licences: { 'CFQ7TTC0LDPB:0001': 10 },
        agreement: input.agreement as Record<string, string>,
      });
      if (!chosen.ok) throw new Error(`refused: ${JSON.stringify(chosen.refusal)}`);
      return chosen.value.draft;
    }

    it('records one request for a draft however many Submits race, with the draft id (C3)', async () => {
      const draft = await reviewedDraft();
      const outcomes = await Promise.all([1, 2, 3, 4].map(() => drafts.submit(piotr, draft.id)));
      expect(outcomes.every((o) => o.ok)).to.equal(true);
      expect(outcomes.filter((o) => o.ok && o.created)).to.have.length(1);
      const stored = (await store.records.list<{ id: string }>('customers:request:')).filter(
        (r) => r.value.id === draft.id,
      );
      expect(stored).to.have.length(1);
    });

    it('never records a request for a cancelled draft when Submit and Cancel race (C3)', async () => {
      for (let i = 0; i < 5; i++) {
        const draft = await reviewedDraft();
        const [submitted, cancelled] = await Promise.all([
          drafts.submit(piotr, draft.id),
          drafts.cancel(piotr, draft.id),
        ]);
        const request = await customers.get(draft.id);
        expect(submitted.ok, 'exactly one of Submit and Cancel wins').to.not.equal(cancelled.ok);
        expect(Boolean(request)).to.equal(submitted.ok);
      }
    });

    it('refuses a draft to anyone but the person who started it', async () => {
      const draft = await reviewedDraft();
      const colleague = { ...piotr, userId: 'aad-ewa' };
      const outcome = await drafts.submit(colleague, draft.id);
      expect(outcome).to.deep.include({
        ok: false,
        refusal: { kind: 'input', code: 'draft-unknown', field: undefined },
      });
      expect(await customers.get(draft.id)).to.equal(undefined);
    });

    it('puts the reseller on record for an existing subscription after approval, and re-checks C2 then (C6, P9)', async () => {
      const first = await submitted();
      const approved = await decisions.approve(teamId, first.id, approver);
      if (!approved.ok) throw new Error('not approved');
      const customerTenantId = approved.request.customer.tenantId ?? '';
      const [subscription] = await lookups.existingSubscriptions(providerId, customerTenantId);
      const asked = await customers.submitExisting(piotr, {
        providerId,
        kind: 'reseller-on-record',
        customerTenantId,
        subscriptions: [
          { offerId: subscription.offerId, licences: subscription.quantity, subscriptionId: subscription.id },
        ],
      });
      if (!asked.ok) throw new Error(`refused: ${JSON.stringify(asked.refusal)}`);
      expect(asked.value.subscriptions[0].resellerMpnIdOnRecord).to.equal(DEMO.resellerReady.mpnId);
      const outcome = await decisions.approve(teamId, asked.value.id, approver);
      expect(outcome.ok).to.equal(true);
      expect(outcome.ok && outcome.value).to.equal(undefined);
      const [after] = await lookups.existingSubscriptions(providerId, customerTenantId);
      expect(after.partnerIdOnRecord).to.equal(DEMO.resellerReady.mpnId);

      const unknown = await customers.submitExisting(piotr, {
        providerId,
        kind: 'add-subscription',
        customerTenantId: fresh(),
        subscriptions: [{ offerId: 'CFQ7TTC0LH16:0001', licences: 1 }],
      });
      expect(unknown).to.deep.include({ ok: false, refusal: { kind: 'input', code: 'customer-unknown' } });
    });

    it('gives exactly one decision when two approvers race on Approve and Reject; the others learn who decided', async () => {
      const value = await submitted();
      const outcomes = await Promise.all([
        decisions.approve(teamId, value.id, approver),
        decisions.approve(teamId, value.id, approver2),
        decisions.reject(teamId, value.id, approver2, 'no'),
        decisions.approve(teamId, value.id, approver),
      ]);
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).to.have.length(1);
      const losers = outcomes.filter((o) => !o.ok && 'decided' in o);
      expect(losers).to.have.length(3);
      const final = await customers.get(value.id);
      for (const loser of losers) {
        if ('decided' in loser)
          expect(loser.decided.decision?.by.userId).to.be.oneOf([approver.userId, approver2.userId]);
      }
      const created = (await store.records.list<{ companyName?: string; domain?: string }>('pc:')).filter((r) =>
        String(r.value.domain ?? '').startsWith(initialDomainPrefix(value.customer.domain)),
      );
      expect(created).to.have.length(final?.state === 'approved' ? 1 : 0);
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
