import { expect } from 'chai';
import type { PartnershipState } from '../../../services/domain/partnership';
import { milestoneAudience } from '../../../services/partnerships/milestoneAudience';
import type { ProviderSettings } from '../../../services/partnerships/types';

const row = (state: PartnershipState, providerId: string, channelId?: string) => ({
  partnership: { state },
  settings: channelId ? ({ providerId, channelId } as ProviderSettings) : undefined,
});

describe("who hears of a reseller's milestone (E5, M1–M3, P3)", () => {
  const northwind = { tenantId: 'tenant-1', companyName: 'Northwind Konsult AB' };

  it('tells each distributor with an active partnership in its channel that the reseller signed the MPA (M1, M2)', () => {
    const notices = milestoneAudience({ ...northwind, milestone: 'mpa-signed' }, [
      row('active', 'slack:T1', 'C1'),
      row('active', 'slack:T2', 'C2'),
    ]);
    expect(notices).to.deep.equal([
      {
        channelId: 'C1',
        renderer: 'reseller.mpaSigned',
        params: { companyName: 'Northwind Konsult AB' },
        key: 'milestone:tenant-1:mpa-signed:slack:T1',
      },
      {
        channelId: 'C2',
        renderer: 'reseller.mpaSigned',
        params: { companyName: 'Northwind Konsult AB' },
        key: 'milestone:tenant-1:mpa-signed:slack:T2',
      },
    ]);
  });

  it('tells them the reseller is verified with the verification notice (E5, M3)', () => {
    const [notice] = milestoneAudience({ ...northwind, milestone: 'verified' }, [row('active', 'slack:T1', 'C1')]);
    expect(notice.renderer).to.equal('reseller.verified');
    expect(notice.key).to.equal('milestone:tenant-1:verified:slack:T1');
  });

  it('tells nobody whose partnership is not active: awaiting Partner Center, removed or declined (P3, P7)', () => {
    const states: PartnershipState[] = ['invited', 'awaiting-partner-center', 'removed', 'declined'];
    const notices = milestoneAudience(
      { ...northwind, milestone: 'verified' },
      states.map((state, i) => row(state, `slack:T${i}`, `C${i}`)),
    );
    expect(notices).to.deep.equal([]);
  });

  it('skips a provider with no channel set up, and names the reseller by its tenant when it has no name yet', () => {
    const notices = milestoneAudience({ tenantId: 'tenant-9', milestone: 'verified' }, [
      row('active', 'slack:T1'),
      row('active', 'slack:T2', 'C2'),
    ]);
    expect(notices.map((n) => [n.channelId, n.params.companyName])).to.deep.equal([['C2', 'tenant-9']]);
  });

  it('gives the same provider and milestone the same key, so the outbox tells it once', () => {
    const event = { ...northwind, milestone: 'mpa-signed' as const };
    const first = milestoneAudience(event, [row('active', 'slack:T1', 'C1')]);
    const again = milestoneAudience(event, [row('active', 'slack:T1', 'C1')]);
    expect(again[0].key).to.equal(first[0].key);
  });
});
