import { GdapSandbox } from '../../../services/gdap/sandboxGdap';
import { partnerCenterSandboxFacts } from '../../../services/gdap/sandboxPartyFacts';
import { SandboxGateway } from '../../../services/partnerCenter/sandboxGateway';
import { openStore } from '../../../services/storage/openStore';
import { regionOf } from '../partnerCenter/testRegions';
import { describeGdapContract } from './gdapContract';

describeGdapContract('sandbox on the assistant store', async () => {
  const store = openStore({ backend: 'memory' });
  let now = Date.parse('2026-12-03T09:00:00Z');
  const clock = () => now;
  const partnerCenter = new SandboxGateway({ records: store.records, clock: { stepMs: 60_000 }, now: clock, regionOf });
  const gateway = new GdapSandbox({
    records: store.records,
    facts: partnerCenterSandboxFacts(store.records),
    now: clock,
  });
  return {
    gateway,
    controls: gateway,
    partnerCenter,
    partnerCenterControls: partnerCenter,
    advanceClock: (ms) => {
      now += ms;
    },
    close: () => store.close(),
  };
});
