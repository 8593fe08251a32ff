import { expect } from 'chai';
import { newDraft, progressOf } from '../../../services/enrolment/enrolmentProgress';
import { EnrolmentService } from '../../../services/enrolment/enrolmentService';
import { VerificationStatusService } from '../../../services/enrolment/verificationStatus';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { defaultWebmailList } from '../../../services/rules/webmail';
import { MemoryAtomicStore } from '../../../services/storage/memoryAtomicStore';
import { regionOf } from '../partnerCenter/testRegions';

const TENANT = '88888888-8888-4888-8888-888888888881';
const anna = { tenantId: TENANT, userId: 'aad-anna', name: 'Anna Nowak' };
const piotr = { tenantId: TENANT, userId: 'aad-piotr', name: 'Piotr Wiśniewski' };

const answers = {
  'work-account': { hasWorkAccount: 'true', globalAdmin: 'true' },
  'mpn-id': { mpnId: DEMO.mpnOnly.mpnId },
  'legal-business-profile': {
    legalName: DEMO.mpnOnly.partnerName,
    line1: 'ul. Marszałkowska 1',
    city: 'Warszawa',
    postalCode: '00-001',
    country: 'pl',
  },
  'primary-contact': { contactName: 'Anna Nowak', contactEmail: 'anna.nowak@tailspintoys.pl' },
  'support-contact': { supportEmail: 'pomoc@tailspintoys.pl' },
} as const;

describe('enrolment service (E2–E7)', () => {
  let records: MemoryAtomicStore;
  let partners: PartnerDirectory;
  let gateway: SandboxGateway;
  let service: EnrolmentService;

  beforeEach(() => {
    records = new MemoryAtomicStore();
    partners = new PartnerDirectory(records);
    gateway = new SandboxGateway({ records, clock: { stepMs: 24 * 60 * 60 * 1000 }, regionOf });
    service = new EnrolmentService({ partners, partnerCenter: gateway, webmail: defaultWebmailList, records });
  });

  async function answerAll() {
    for (const [step, value] of Object.entries(answers)) {
      const result = await service.answer(anna, step as keyof typeof answers, value);
      expect(result.outcome, step).to.equal('saved');
    }
  }

  it('keeps the organisation as an indirect reseller keyed by its tenant, with who answered what', async () => {
    await service.answer(anna, 'mpn-id', answers['mpn-id']);
    const draft = await partners.get(TENANT);
    expect(draft).to.include({ id: TENANT, kind: 'indirect-reseller', tenantId: TENANT, mpnId: '6789012' });
    expect(draft?.mpnProfile).to.deep.equal({ country: 'PL', active: true });
    expect(draft?.status.enrolment).to.equal('in-progress');
    const progress = await service.progress(TENANT);
    expect(progress.answers['mpn-id']).to.include({ by: 'aad-anna', name: 'Anna Nowak' });
  });

  it('saves an answer and who gave it in one write to the organisation’s draft (issue 18)', async () => {
    await service.answer(anna, 'mpn-id', answers['mpn-id']);
    let writes = 0;
    const counting = Object.assign(Object.create(records) as MemoryAtomicStore, {
      compareAndSet: (...args: Parameters<MemoryAtomicStore['compareAndSet']>) => {
        writes += 1;
        return records.compareAndSet(...args);
      },
    });
    const counted = new EnrolmentService({
      partners: new PartnerDirectory(counting),
      partnerCenter: gateway,
      webmail: defaultWebmailList,
      records: counting,
    });
    const seen = await counted.progress(TENANT);
    await counted.answer(piotr, 'work-account', answers['work-account'], seen);
    expect(writes).to.equal(1);
    expect((await service.progress(TENANT)).answers).to.include.keys('mpn-id', 'work-account');
  });

  it('works the readiness out when the progress is first shown, once, not when a save only reads it (issue 18)', () => {
    // A draft that counts how often the rules read its primary contact (E4).
    let reads = 0;
    const draft = new Proxy(newDraft(TENANT), {
      get(target, key, receiver) {
        if (key === 'primaryContact') reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const progress = progressOf(draft, {}, defaultWebmailList);
    expect(progress.submitted).to.equal(false);
    expect(reads, 'the rules before anything asked for them').to.equal(0);

    expect(progress.canSubmit).to.equal(false);
    const onceShown = reads;
    expect(onceShown).to.be.greaterThan(0);
    expect(progress.readiness.steps.find((s) => s.id === 'primary-contact')?.status).to.equal('missing');
    expect(progress.alreadyEnrolledDone).to.equal(false);
    expect({ ...progress }.readiness, 'a copy carries it').to.equal(progress.readiness);
    expect(reads, 'the rules again').to.equal(onceShown);
  });

  it('shows who answered a draft saved before the answers moved into it, and moves them in at the next save', async () => {
    // Unit fixture: a draft and its answer log as an older version stored them, apart.
    await service.answer(anna, 'mpn-id', answers['mpn-id']);
    const stored = await partners.read(TENANT);
    const { answeredBy, ...older } = stored!.value;
    await records.compareAndSet(`partner:${TENANT}`, stored!.version, older);
    await records.compareAndSet(`enrolment:progress:${TENANT}`, undefined, { answers: answeredBy });
    expect((await service.progress(TENANT)).answers['mpn-id']).to.include({ by: 'aad-anna' });

    await service.answer(piotr, 'work-account', answers['work-account'], await service.progress(TENANT));
    const draft = await partners.get(TENANT);
    expect(draft?.answeredBy?.['mpn-id']).to.include({ by: 'aad-anna' });
    expect(draft?.answeredBy?.['work-account']).to.include({ by: 'aad-piotr' });
    expect(await records.read(`enrolment:progress:${TENANT}`)).to.equal(undefined);
  });

  it('submits a complete enrolment through the gateway and records the verification it returns (E5)', async () => {
    await answerAll();
    expect((await service.progress(TENANT)).canSubmit).to.equal(true);
    const result = await service.submit(anna);
    expect(result.outcome).to.equal('submitted');
    const draft = await partners.get(TENANT);
    expect(draft?.status).to.include({ enrolment: 'submitted', verification: 'Pending' });
    expect(draft?.status.verificationSubStatus).to.equal('EmailOwnership');
    // The sandbox's stand-in for the portal the reseller sees (API1: no API caller reads it).
    const profile = await gateway.verificationOf(TENANT);
    expect(profile).to.include({
      companyName: DEMO.mpnOnly.partnerName,
      primaryContactEmail: 'anna.nowak@tailspintoys.pl',
    });
  });

  it('refuses to submit before everything is gathered, saying what is missing (E2)', async () => {
    await service.answer(anna, 'mpn-id', answers['mpn-id']);
    const result = await service.submit(anna);
    expect(result.outcome).to.equal('refused');
    const codes = result.outcome === 'refused' ? result.violations.map((v) => v.code) : [];
    expect(codes).to.include.members([
      'E2.global-admin-required',
      'E2.legal-name-missing',
      'E2.primary-contact-missing',
    ]);
  });

  it('refuses a primary contact on gmail.com and saves nothing (E4)', async () => {
    const result = await service.answer(anna, 'primary-contact', {
      contactName: 'Anna',
      contactEmail: 'anna@gmail.com',
    });
    expect(result.outcome).to.equal('refused');
    expect(result.outcome === 'refused' && result.violations[0]).to.include({
      rule: 'E4',
      code: 'E4.webmail-primary-contact',
    });
    expect((await partners.get(TENANT))?.primaryContact).to.equal(undefined);
  });

  it('refuses a legal business country other than the MPN profile country (E3)', async () => {
    await service.answer(anna, 'mpn-id', answers['mpn-id']);
    const result = await service.answer(anna, 'legal-business-profile', {
      ...answers['legal-business-profile'],
      country: 'SE',
    });
    expect(result.outcome === 'refused' && result.violations.map((v) => v.code)).to.deep.equal([
      'E3.mpn-country-mismatch',
    ]);
    expect((await partners.get(TENANT))?.country).to.equal(undefined);
  });

  it('refuses an MPN ID Microsoft does not know, with a clear reason', async () => {
    const result = await service.answer(anna, 'mpn-id', { mpnId: DEMO.unknownMpnId });
    expect(result.outcome === 'refused' && result.notices[0].key).to.equal('enrolment:refusal.mpn-not-found');
    expect(await partners.get(TENANT)).to.equal(undefined);
  });

  it('offers to create a work account to someone who has none (E2)', async () => {
    const result = await service.answer(anna, 'work-account', { hasWorkAccount: 'false', globalAdmin: 'false' });
    expect(result.outcome === 'refused' && result.options.map((o) => o.code)).to.deep.equal(['E2.create-work-account']);
  });

  it('saves nothing from a malformed submission', async () => {
    const result = await service.answer(anna, 'mpn-id', { mpnId: 'MPN-12' });
    expect(result).to.deep.equal({
      outcome: 'invalid',
      problems: [{ field: 'mpnId', key: 'rules:validation.mpn-id-invalid' }],
      violations: [],
    });
    expect(await partners.get(TENANT)).to.equal(undefined);
    expect(await records.read(`enrolment:progress:${TENANT}`)).to.equal(undefined);
  });

  it('says what the rules make of the well-formed fields of a malformed submission, all at once (E4)', async () => {
    const result = await service.answer(anna, 'primary-contact', { contactName: ' ', contactEmail: 'anna@gmail.com' });
    expect(result.outcome).to.equal('invalid');
    if (result.outcome !== 'invalid') return;
    expect(result.problems.map((p) => p.field)).to.deep.equal(['contactName']);
    expect(result.violations.map((v) => v.code)).to.deep.equal(['E4.webmail-primary-contact']);
  });

  it('refuses a work account without its Global admin as the Global admin missing, not the account (E2)', async () => {
    const result = await service.answer(anna, 'work-account', { hasWorkAccount: 'true', globalAdmin: 'false' });
    expect(result.outcome).to.equal('refused');
    if (result.outcome !== 'refused') return;
    expect(result.violations.map((v) => v.code)).to.deep.equal(['E2.global-admin-required']);
  });

  it('keeps both answers when two colleagues answer different steps at the same time', async () => {
    await Promise.all([
      service.answer(anna, 'primary-contact', answers['primary-contact']),
      service.answer(piotr, 'support-contact', answers['support-contact']),
      service.answer(anna, 'legal-business-profile', answers['legal-business-profile']),
    ]);
    const draft = await partners.get(TENANT);
    expect(draft?.primaryContact?.email).to.equal('anna.nowak@tailspintoys.pl');
    expect(draft?.supportContact?.email).to.equal('pomoc@tailspintoys.pl');
    expect(draft?.legalName).to.equal(DEMO.mpnOnly.partnerName);
    const progress = await service.progress(TENANT);
    expect(progress.answers['support-contact']?.by).to.equal('aad-piotr');
    expect(progress.answers['primary-contact']?.by).to.equal('aad-anna');
  });

  it("keeps a colleague's answer saved between reading the progress and saving from it", async () => {
    const annaSaw = await service.progress(TENANT);
    const piotrSaw = await service.progress(TENANT);
    expect(await service.answer(piotr, 'support-contact', answers['support-contact'], piotrSaw)).to.include({
      outcome: 'saved',
    });
    const saved = await service.answer(anna, 'primary-contact', answers['primary-contact'], annaSaw);
    expect(saved.outcome).to.equal('saved');
    const draft = await partners.get(TENANT);
    expect(draft?.supportContact?.email).to.equal('pomoc@tailspintoys.pl');
    expect(draft?.primaryContact?.email).to.equal('anna.nowak@tailspintoys.pl');
    const progress = await service.progress(TENANT);
    expect(progress.answers['support-contact']?.by).to.equal('aad-piotr');
    expect(progress.answers['primary-contact']?.by).to.equal('aad-anna');
  });

  it('refuses a submitted field saved from a progress read before the enrolment was submitted', async () => {
    await answerAll();
    const before = await service.progress(TENANT);
    await service.submit(anna);
    const late = await service.answer(anna, 'primary-contact', answers['primary-contact'], before);
    expect(late).to.deep.include({ outcome: 'refused' });
    expect((await service.progress(TENANT)).submitted).to.equal(true);
  });

  it('asks a partner already enrolled in CSP for its PartnerID, country and support contact, and records them (E7)', async () => {
    const result = await service.answer(anna, 'already-enrolled', {
      mpnId: DEMO.resellerReady.mpnId,
      country: 'pl',
      supportPhone: '+48 22 123 45 67',
    });
    expect(result.outcome).to.equal('saved');
    const progress = await service.progress(TENANT);
    expect(progress.alreadyEnrolledDone).to.equal(true);
    expect(progress.readiness.steps.filter((s) => s.status !== 'not-needed').map((s) => s.id)).to.deep.equal([
      'support-contact',
    ]);
    const draft = await partners.get(TENANT);
    expect(draft).to.include({ mpnId: DEMO.resellerReady.mpnId, country: 'PL' });
    expect(draft?.mpnProfile).to.deep.equal({ country: 'PL', active: true });
    expect(draft?.status.cspEnrolled).to.equal(true);
  });

  it('refuses an already-enrolled PartnerID whose profile Partner Center places in another country (E7, E3)', async () => {
    const result = await service.answer(anna, 'already-enrolled', {
      mpnId: DEMO.resellerReady.mpnId,
      country: 'SE',
      supportPhone: '+48 22 123 45 67',
    });
    expect(result.outcome === 'refused' && result.violations.map((v) => v.code)).to.deep.equal([
      'E3.mpn-country-mismatch',
    ]);
    expect(await partners.get(TENANT)).to.equal(undefined);
  });

  it('refuses an already-enrolled PartnerID that Partner Center does not know (E7)', async () => {
    const result = await service.answer(anna, 'already-enrolled', {
      mpnId: DEMO.unknownMpnId,
      country: 'PL',
      supportPhone: '+48 22 123 45 67',
    });
    expect(result.outcome === 'refused' && result.notices[0].key).to.equal('enrolment:refusal.mpn-not-found');
  });

  it('records a ticked MPA as what the reseller told us, never as signed (M4)', async () => {
    expect((await service.answer(anna, 'mpa', { mpaSigned: 'true' })).outcome).to.equal('saved');
    const draft = await partners.get(TENANT);
    expect(draft?.status).to.include({ mpaSigned: false, mpaReportedSigned: true });
    expect((await service.progress(TENANT)).mpa).to.equal('reported');
  });

  it('freezes the submitted answers but still records the MPA and Admin agent confirmations', async () => {
    await answerAll();
    await service.submit(anna);
    const changed = await service.answer(anna, 'mpn-id', answers['mpn-id']);
    expect(changed.outcome === 'refused' && changed.notices[0].key).to.equal('enrolment:refusal.already-submitted');
    expect((await service.answer(anna, 'mpa', { mpaSigned: 'true' })).outcome).to.equal('saved');
  });

  const statusService = () =>
    new VerificationStatusService({
      partnerCenter: gateway,
      partners,
      distributorTenantId: DEMO.provider.tenantId,
      answers: async (tenantId) => (await service.progress(tenantId)).answers,
    });

  it('keeps what Partner Center says apart from what the reseller told us, while verification runs (API1, E5, M3)', async () => {
    await answerAll();
    await service.submit(anna);
    const report = await statusService().report(TENANT);
    if (!report.enrolled) throw new Error('expected an enrolled report');
    // Partner Center, through the distributor: the PartnerID is not yet authorised, the MPA not signed.
    expect(report.partnerCenter.partnerId).to.include({ mpnId: DEMO.mpnOnly.mpnId, valid: false, authorised: false });
    expect(report.partnerCenter.mpaSigned).to.equal(false);
    expect(report.partnerCenter.partnered).to.equal(false);
    // The verification step shown is the last notice, labelled as such, never Partner Center's word.
    expect(report).to.include({
      vettingStatus: 'Pending',
      vettingSubStatus: 'EmailOwnership',
      vettingSource: 'notice',
    });
    expect(report.advice).to.equal('confirm-email');
    // What the reseller told us: each step with who and when, and the submission E5's timings count from.
    expect(report.reported.steps.map((s) => s.step)).to.include('mpn-id');
    expect(report.reported.submittedAt).to.be.a('string');
    expect(report.blockedBy.map((v) => v.code)).to.include('M3.mpa-not-signed');
  });

  it('says verified from Partner Center once the PartnerID is authorised, the MPA still unsigned (API1, E5, M2)', async () => {
    await answerAll();
    await service.submit(anna);
    await gateway.setVerification(TENANT, 'Authorized', 'None');
    const report = await statusService().report(TENANT);
    expect(report).to.include({ enrolled: true, vettingStatus: 'Authorized', vettingSource: 'partner-center' });
    expect(report.enrolled && report.advice).to.equal('sign-mpa');
    expect(report.enrolled && report.mpaSigned).to.equal(false);
  });

  it('reports a tenant without a Partner Center account as not enrolled, an MPN membership being no CSP enrolment (M5)', async () => {
    const report = await statusService().report(TENANT);
    expect(report.enrolled).to.equal(false);
    expect(!report.enrolled && report.blockedBy.map((v) => v.code)).to.deep.equal(['M5.not-enrolled-in-csp']);
  });
});
