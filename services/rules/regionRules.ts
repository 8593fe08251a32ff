import { violation } from './codes';
import type { Violation } from './decision';
import type { RegionTable } from './regionTable';

/** Who a country belongs to, named in the facts so the message can say whose country is the problem. */
export type Party = 'provider' | 'reseller' | 'customer' | 'partner';

export type Located = { region: string; violations: [] } | { region: undefined; violations: Violation[] };

/**
 * The CSP region of `country` for a region rule (P6 or C7). An unknown code, a country where the
 * program offers no CSP, or one it no longer serves, becomes that rule's violation instead of an
 * exception, so the user learns which country is the problem and whether correcting it can help.
 */
export function locate(rule: 'P6' | 'C7', party: Party, country: unknown, table: RegionTable): Located {
  const found = table.lookup(country);
  if (!found.found && found.reason === 'not-offered') {
    const code = rule === 'P6' ? 'P6.csp-not-offered' : 'C7.csp-not-offered';
    return { region: undefined, violations: [violation(code, { party, country: found.country })] };
  }
  if (!found.found) {
    const code = rule === 'P6' ? 'P6.unknown-country' : 'C7.unknown-country';
    return { region: undefined, violations: [violation(code, { party, country: found.country })] };
  }
  if (!found.served) {
    const code = rule === 'P6' ? 'P6.country-not-served' : 'C7.country-not-served';
    return {
      region: undefined,
      violations: [violation(code, { party, country: found.country, region: found.region })],
    };
  }
  return { region: found.region, violations: [] };
}
