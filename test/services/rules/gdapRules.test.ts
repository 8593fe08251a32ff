import { expect } from 'chai';
import { checkGdapRequest, GLOBAL_ADMINISTRATOR_ROLE_ID, isoDurationDays } from '../../../services/rules';

const READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';

describe('a GDAP relationship request (G1)', () => {
  const rows: Array<[string, Parameters<typeof checkGdapRequest>[0], string[]]> = [
    ['takes 2 years written as P730D (G1)', { duration: 'P730D', roles: [READERS] }, []],
    ['takes 2 years written as P2Y (G1)', { duration: 'P2Y', roles: [READERS] }, []],
    ['takes a single day (G1)', { duration: 'P1D', roles: [READERS] }, []],
    ['refuses a day more than 2 years (G1)', { duration: 'P731D', roles: [READERS] }, ['G1.duration-out-of-range']],
    [
      'refuses no duration at all: never permanent (G1)',
      { duration: 'PT0S', roles: [READERS] },
      ['G1.duration-out-of-range'],
    ],
    [
      'refuses a duration that is not ISO 8601 (G1)',
      { duration: '2 years', roles: [READERS] },
      ['G1.duration-out-of-range'],
    ],
    ['refuses a request naming no role (G1)', { duration: 'P90D', roles: [] }, ['G1.no-roles']],
    [
      'takes auto-extend by 180 days without Global Administrator (G1)',
      { duration: 'P365D', autoExtendDuration: 'P180D', roles: [READERS] },
      [],
    ],
    [
      'refuses auto-extend while Global Administrator is among the roles (G1)',
      { duration: 'P365D', autoExtendDuration: 'P180D', roles: [READERS, GLOBAL_ADMINISTRATOR_ROLE_ID] },
      ['G1.auto-extend-with-global-administrator'],
    ],
    [
      'takes Global Administrator without auto-extend (G1)',
      { duration: 'P365D', autoExtendDuration: 'PT0S', roles: [GLOBAL_ADMINISTRATOR_ROLE_ID] },
      [],
    ],
    [
      'refuses an auto-extend other than 180 days (G1)',
      { duration: 'P365D', autoExtendDuration: 'P90D', roles: [READERS] },
      ['G1.auto-extend-value'],
    ],
  ];
  for (const [name, request, codes] of rows) {
    it(name, () => {
      expect(checkGdapRequest(request).violations.map((v) => v.code)).to.deep.equal(codes);
    });
  }

  it('reads ISO 8601 durations as days, with a zero time part only (G1)', () => {
    expect([
      isoDurationDays('P2Y'),
      isoDurationDays('P1Y6M'),
      isoDurationDays('P2W'),
      isoDurationDays('PT0S'),
    ]).to.deep.equal([730, 545, 14, 0]);
    expect(isoDurationDays('PT5H')).to.equal(undefined);
    expect(isoDurationDays('P')).to.equal(undefined);
  });
});
