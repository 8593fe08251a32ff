import { expect } from 'chai';
import {
  advanceVetting,
  currentVetting,
  setVetting,
  startVetting,
  type VettingRecord,
} from '../../../services/partnerCenter/verification';

describe('sandbox verification walk (E5)', () => {
  const STEP = 1000;
  const t0 = 1_000_000;
  const show = (record: VettingRecord, at: number) => {
    const s = currentVetting(record, at, STEP);
    return `${s.status}/${s.subStatus}`;
  };

  it('moves one stage per step from its start and stays at the outcome', () => {
    const record = startVetting(t0);
    expect([0, 999, 1000, 2000, 3000, 4000, 50_000].map((dt) => show(record, t0 + dt))).to.deep.equal([
      'Pending/EmailOwnership',
      'Pending/EmailOwnership',
      'Pending/EmploymentVerification',
      'Pending/BusinessVerification',
      'Pending/Decision',
      'Authorized/None',
      'Authorized/None',
    ]);
  });

  it('ends Rejected at the failed step when that is the outcome', () => {
    const record = startVetting(t0, { status: 'Rejected', subStatus: 'EmploymentVerification' });
    expect(show(record, t0 + 4 * STEP)).to.equal('Rejected/EmploymentVerification');
  });

  it('never goes back when the clock reads earlier than the start', () => {
    expect(show(startVetting(t0), t0 - 5 * STEP)).to.equal('Pending/EmailOwnership');
  });

  it('advances from where the clock has got to, and restarts the step there', () => {
    const advanced = advanceVetting(startVetting(t0), t0 + 1500, STEP);
    expect(show(advanced, t0 + 1500)).to.equal('Pending/BusinessVerification');
    expect(show(advanced, t0 + 2400)).to.equal('Pending/BusinessVerification');
    expect(show(advanced, t0 + 2500)).to.equal('Pending/Decision');
  });

  it('does not advance a decided verification', () => {
    const record = startVetting(t0);
    expect(advanceVetting(record, t0 + 10 * STEP, STEP)).to.equal(record);
    const held = setVetting(record, { status: 'Rejected', subStatus: 'BusinessVerification' }, t0);
    expect(advanceVetting(held, t0, STEP)).to.equal(held);
  });

  it('keeps the clock running from a Pending stage an operator sets', () => {
    const record = setVetting(startVetting(t0), { status: 'Pending', subStatus: 'BusinessVerification' }, t0 + 100);
    expect(show(record, t0 + 100)).to.equal('Pending/BusinessVerification');
    expect(show(record, t0 + 100 + STEP)).to.equal('Pending/Decision');
  });

  it('holds a state off the walk, and resumes after it when advanced', () => {
    const held = setVetting(startVetting(t0), { status: 'Pending', subStatus: 'EmailDomain' }, t0);
    expect(show(held, t0 + 99 * STEP)).to.equal('Pending/EmailDomain');
    expect(show(advanceVetting(held, t0 + 99 * STEP, STEP), t0 + 99 * STEP)).to.equal('Pending/EmploymentVerification');
    const notStarted = setVetting(startVetting(t0), { status: 'None', subStatus: 'None' }, t0);
    expect(show(advanceVetting(notStarted, t0, STEP), t0)).to.equal('Pending/EmailOwnership');
  });
});
