/**
 * The slice of the CSP region table (DOMAIN.md, "Regions") the demo identities need. A fixture on
 * purpose: the gateway tests check Partner Center's behaviour, not the product's region data.
 */
const REGIONS: Record<string, string> = { PL: 'europe', SE: 'europe', DE: 'europe', BR: 'brazil', US: 'united-states' };

export const regionOf = (country: string): string | undefined => REGIONS[country];
