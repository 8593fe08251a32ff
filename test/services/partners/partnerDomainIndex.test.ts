import { expect } from 'chai';
import type { PartnerDraft } from '../../../services/domain/partner';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import type { Store } from '../../../services/storage/openStore';
import { fresh } from '../../support/fixtures/partnerships';
import { requireRedis, unitStores } from '../../support/drivers/testAssistant';

/** C8–C10 ask whether a customer's domain is a partner's own; the directory answers without listing every partner. */
const backends = unitStores({ withMemory: false });

for (const backend of backends) {
  describe(`Partners by domain (C8–C10): ${backend.name}`, () => {
    let store: Store;
    let partners: PartnerDirectory;
    let id: string;
    let domain: string;

    before(function () {
      if (backend.needsRedis) requireRedis(this);
      store = backend.open();
      partners = new PartnerDirectory(store.records);
    });
    after(async () => store?.close());
    beforeEach(() => {
      id = `reseller-${fresh()}`;
      domain = `${fresh().slice(0, 8)}.pl`;
    });

    const draft = (domains: string[], enrolment = 'submitted'): PartnerDraft =>
      ({
        id,
        kind: 'indirect-reseller',
        legalName: 'Fabrikam IT',
        country: 'PL',
        tenantId: id,
        domains,
        affiliates: [],
        status: {
          enrolment,
          verification: 'None',
          mpaSigned: false,
          onboardedInPartnerCenter: enrolment === 'submitted',
        },
      }) as unknown as PartnerDraft;

    it('counts no domain of a reseller whose checklist was never sent: anyone can type a contact on any domain', async () => {
      await partners.update(id, () => draft([domain], 'in-progress'));
      expect(await partners.ownerOfDomain(domain)).to.equal(undefined);
      await partners.update(id, (current) => current && draft(current.domains, 'submitted'));
      expect((await partners.ownerOfDomain(domain))?.id).to.equal(id);
    });

    it('finds the partner owning a customer’s domain or the domain above it, and forgets a dropped one', async () => {
      await partners.update(id, () => draft([domain]));
      expect((await partners.ownerOfDomain(domain))?.id).to.equal(id);
      expect((await partners.ownerOfDomain(`sklep.${domain}`))?.id).to.equal(id);
      expect(await partners.ownerOfDomain(`inny-${domain}`)).to.equal(undefined);
      await partners.update(id, (current) => current && { ...current, domains: [] });
      expect(await partners.ownerOfDomain(domain)).to.equal(undefined);
    });

    it('finds a partner stored before the index once the start sweep has run', async () => {
      // Unit fixture: the record as an older version wrote it, without index entries.
      await store.records.compareAndSet(`partner:${id}`, undefined, draft([domain]));
      expect(await partners.ownerOfDomain(domain)).to.equal(undefined);
      await partners.indexExisting();
      expect((await partners.ownerOfDomain(domain))?.id).to.equal(id);
    });
  });
}
