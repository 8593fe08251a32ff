import { expect } from 'chai';
import type { GdapRelationship } from '../../../services/gdap/gdapGateway';
import { approvalDaysLeft, daysToEnd, dueReminder, gdapStage } from '../../../services/gdap/gdapStages';
import { lostBySuspension, resellerAdminAccess } from '../../../services/gdap/resellerAdminAccess';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-03T09:00:00Z');
const CUSTOMER = 'c0000000-0000-4000-8000-000000000001';
const OTHER = 'c0000000-0000-4000-8000-000000000002';

const relationship = (overrides: Partial<GdapRelationship> = {}): GdapRelationship => ({
  id: 'r1',
  displayName: 'Fabrikam - Piekarnia',
  duration: 'P730D',
  autoExtendDuration: 'PT0S',
  status: 'active',
  customer: { tenantId: CUSTOMER, displayName: 'Piekarnia' },
  roles: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
  createdDateTime: '2026-01-01T00:00:00Z',
  activatedDateTime: '2026-01-02T00:00:00Z',
  endDateTime: new Date(NOW.getTime() + 100 * DAY).toISOString(),
  lastModifiedDateTime: '2026-01-02T00:00:00Z',
  reseller: { indirectProviderTenantId: '11111111-1111-4111-8111-111111111111', isPartnerConsentPending: false },
  ...overrides,
});

describe('what a GDAP status means for the reseller (G1)', () => {
  const rows: Array<[string, Partial<GdapRelationship>, string, boolean, string]> = [
    [
      'waits for the reseller itself when its consent is pending (G2)',
      { status: 'created', reseller: { indirectProviderTenantId: 'd', isPartnerConsentPending: true } },
      'awaiting-reseller-consent',
      false,
      'consent',
    ],
    [
      'asks the reseller to send the approval link while the customer has not approved',
      { status: 'approvalPending' },
      'awaiting-customer',
      false,
      'send-approval-link',
    ],
    [
      'gives admin access once active, usable with security groups assigned',
      { status: 'active' },
      'active',
      true,
      'assign-security-groups',
    ],
    ['still gives access while expiring, and asks to renew', { status: 'expiring' }, 'ending-soon', true, 'renew'],
    ['gives nothing once expired: ask for a new one', { status: 'expired' }, 'expired', false, 'ask-again'],
    ['gives nothing once terminated', { status: 'terminated' }, 'ended', false, 'ask-again'],
  ];
  for (const [name, overrides, stage, access, next] of rows) {
    it(`${name} (G1)`, () => {
      expect(gdapStage(relationship(overrides))).to.deep.equal({ stage, adminAccess: access, nextStep: next });
    });
  }

  it('counts the days left of the 90 a request waits for the customer (G1)', () => {
    const locked = new Date(NOW.getTime() - 80 * DAY).toISOString();
    expect(approvalDaysLeft(relationship({ status: 'approvalPending', lastModifiedDateTime: locked }), NOW)).to.equal(
      10,
    );
    expect(approvalDaysLeft(relationship({ status: 'active' }), NOW)).to.equal(undefined);
  });

  it('counts the days to the end of an active relationship (G1)', () => {
    expect(daysToEnd(relationship(), NOW)).to.equal(100);
  });
});

describe('GDAP reminders, each said once (G1)', () => {
  const ending = (days: number) => relationship({ endDateTime: new Date(NOW.getTime() + days * DAY).toISOString() });

  it('reminds of a request awaiting the customer once, after a week of waiting (G1)', () => {
    const justSent = relationship({ status: 'approvalPending', lastModifiedDateTime: NOW.toISOString() });
    expect(dueReminder(justSent, NOW, new Set())).to.equal(undefined);
    const aWeek = new Date(NOW.getTime() - 7 * DAY).toISOString();
    const waiting = relationship({ status: 'approvalPending', lastModifiedDateTime: aWeek });
    expect(dueReminder(waiting, NOW, new Set())).to.equal('awaiting-customer');
    expect(dueReminder(waiting, NOW, new Set(['awaiting-customer']))).to.equal(undefined);
  });

  it('says nothing with more than 30 days left, then 30, 7 and 1 days before the end, once each (G1)', () => {
    expect(dueReminder(ending(31), NOW, new Set())).to.equal(undefined);
    expect(dueReminder(ending(30), NOW, new Set())).to.equal('ending-30');
    expect(dueReminder(ending(20), NOW, new Set(['ending-30']))).to.equal(undefined);
    expect(dueReminder(ending(7), NOW, new Set(['ending-30']))).to.equal('ending-7');
    expect(dueReminder(ending(1), NOW, new Set(['ending-30', 'ending-7']))).to.equal('ending-1');
  });

  it('says only the nearest when a pass comes late, not all three at once (G1)', () => {
    expect(dueReminder(ending(5), NOW, new Set())).to.equal('ending-7');
  });

  it('does not call an auto-extending relationship ending (G1)', () => {
    const extending = relationship({
      autoExtendDuration: 'P180D',
      endDateTime: new Date(NOW.getTime() + 5 * DAY).toISOString(),
    });
    expect(dueReminder(extending, NOW, new Set())).to.equal(undefined);
  });

  it('tells an expired relationship once (G1)', () => {
    expect(dueReminder(relationship({ status: 'expired' }), NOW, new Set())).to.equal('expired');
    expect(dueReminder(relationship({ status: 'expired' }), NOW, new Set(['expired']))).to.equal(undefined);
  });
});

describe("a reseller's own admin access per customer (G2) and a suspension (G4)", () => {
  const customers = [
    { tenantId: CUSTOMER, name: 'Piekarnia' },
    { tenantId: OTHER, name: 'Kwiaciarnia' },
  ];

  it('says a customer with no relationship of the reseller needs its own GDAP (G2)', () => {
    const [first, second] = resellerAdminAccess(customers, [relationship()]);
    expect(first).to.deep.include({ customerName: 'Piekarnia', needsOwnGdap: false });
    expect(first.view?.stage).to.equal('active');
    expect(second).to.deep.include({ customerName: 'Kwiaciarnia', needsOwnGdap: true, relationship: undefined });
  });

  it('prefers the active relationship over an expired one for the same customer, and asks again after expiry (G2)', () => {
    const expired = relationship({ id: 'old', status: 'expired' });
    expect(resellerAdminAccess(customers, [expired, relationship()])[0].relationship?.id).to.equal('r1');
    expect(resellerAdminAccess(customers, [expired])[0].needsOwnGdap).to.equal(true);
  });

  it('names every relationship a suspended reseller lost, and none of one not suspended (G4)', () => {
    const before = [
      relationship({ id: 'a' }),
      relationship({ id: 'b', status: 'approvalPending' }),
      relationship({ id: 'c', status: 'expired' }),
    ];
    const after = before.map((r) => ({ ...r, status: 'terminated' as const }));
    expect(lostBySuspension(before, after, true).map((r) => r.id)).to.deep.equal(['a', 'b']);
    expect(lostBySuspension(before, after, false)).to.deep.equal([]);
  });
});
