import { z } from 'zod';
import defaultData from '../data/regions.json';

/**
 * The country → CSP region table of Partner Center's "regional markets and currencies" page,
 * kept as data (services/data/regions.json) so a change in the program is an edit of data.
 * An operator may lay an override over it; the caller reads the override file, this module
 * only merges and validates, so it stays pure.
 */

const currencySchema = z.string().regex(/^[A-Z]{3}$/);
const regionIdSchema = z.string().regex(/^[a-z]+(-[a-z]+)*$/);
const countryKeySchema = z.string().regex(/^[A-Z]{2}$/);

const regionSchema = z.object({ currency: currencySchema, served: z.boolean() });
const countrySchema = z.object({
  names: z.array(z.string().min(1)).min(1),
  region: regionIdSchema,
  /** Only where the country pays in another currency than its region (GBP in Europe, ...). */
  currency: currencySchema.optional(),
});

/** A real country the program does not offer CSP in at all (no region lists it). */
const notOfferedSchema = z.object({ names: z.array(z.string().min(1)).min(1) });

const regionTableDataSchema = z.object({
  source: z.string().min(1),
  asOf: z.iso.date(),
  notes: z.string().optional(),
  regions: z.record(regionIdSchema, regionSchema),
  countries: z.record(countryKeySchema, countrySchema),
  notOffered: z.record(countryKeySchema, notOfferedSchema).default({}),
});
export type RegionTableData = z.infer<typeof regionTableDataSchema>;

/** What an operator file may change: any field, any region or country; `null` removes a country. */
export const regionTableOverrideSchema = z.object({
  source: z.string().min(1).optional(),
  asOf: z.iso.date().optional(),
  notes: z.string().optional(),
  regions: z.record(regionIdSchema, regionSchema.partial()).optional(),
  countries: z.record(countryKeySchema, z.union([countrySchema.partial({ names: true }), z.null()])).optional(),
  notOffered: z.record(countryKeySchema, z.union([notOfferedSchema, z.null()])).optional(),
});
export type RegionTableOverride = z.infer<typeof regionTableOverrideSchema>;

export type RegionLookup =
  | { found: true; country: string; names: string[]; region: string; currency: string; served: boolean }
  /**
   * unknown: not a code the table knows (a typo, a malformed value); not-offered: a real country where
   * the program offers no CSP (so "correct the country" would be the wrong advice).
   */
  | { found: false; country: string; reason: 'unknown' | 'not-offered' };

export interface RegionTable {
  readonly source: string;
  readonly asOf: string;
  /** Never throws: an unknown or malformed code comes back as `found: false` for the rules to refuse. */
  lookup(country: unknown): RegionLookup;
  /** Every country code in the table, sorted. */
  countryCodes(): string[];
  regionIds(): string[];
}

function merge(base: RegionTableData, override: RegionTableOverride): RegionTableData {
  const regions: RegionTableData['regions'] = { ...base.regions };
  for (const [id, patch] of Object.entries(override.regions ?? {})) {
    const merged = { ...regions[id], ...patch };
    const parsed = regionSchema.safeParse(merged);
    if (!parsed.success) throw new Error(`Region table override: region '${id}' needs a currency and a served flag`);
    regions[id] = parsed.data;
  }
  const countries: RegionTableData['countries'] = { ...base.countries };
  const notOffered: RegionTableData['notOffered'] = { ...base.notOffered };
  for (const [code, patch] of Object.entries(override.notOffered ?? {})) {
    if (patch === null) delete notOffered[code];
    else notOffered[code] = patch;
  }
  for (const [code, patch] of Object.entries(override.countries ?? {})) {
    if (patch === null) {
      delete countries[code];
      continue;
    }
    // A country an operator places in a region is offered there, whatever the shipped list said.
    delete notOffered[code];
    const names = patch.names ?? countries[code]?.names ?? [code];
    // A moved country keeps its names but not a currency that belonged to its old region.
    countries[code] = { names, region: patch.region, ...(patch.currency ? { currency: patch.currency } : {}) };
  }
  return {
    source: override.source ?? base.source,
    asOf: override.asOf ?? base.asOf,
    notes: override.notes ?? base.notes,
    regions,
    countries,
    notOffered,
  };
}

function build(data: RegionTableData): RegionTable {
  const orphans = Object.entries(data.countries).filter(([, c]) => !data.regions[c.region]);
  if (orphans.length > 0) {
    const list = orphans.map(([code, c]) => `${code} → ${c.region}`).join(', ');
    throw new Error(`Region table: countries in unknown regions: ${list}`);
  }
  return {
    source: data.source,
    asOf: data.asOf,
    lookup(country) {
      // Whatever arrives (a number from a JSON body, null, an object), the answer is a lookup, never an
      // exception; a number is kept in the answer so the message can say what was given.
      const given = typeof country === 'string' || typeof country === 'number' ? String(country) : '';
      const code = given.trim().toUpperCase();
      const entry = Object.hasOwn(data.countries, code) ? data.countries[code] : undefined;
      if (!entry) {
        const reason = Object.hasOwn(data.notOffered, code) ? 'not-offered' : 'unknown';
        return { found: false, country: code, reason };
      }
      const region = data.regions[entry.region];
      return {
        found: true,
        country: code,
        names: [...entry.names],
        region: entry.region,
        currency: entry.currency ?? region.currency,
        served: region.served,
      };
    },
    countryCodes: () => Object.keys(data.countries).sort(),
    regionIds: () => Object.keys(data.regions),
  };
}

/**
 * The region table, optionally with an operator override (an object, or the text of a JSON file)
 * merged over the shipped data. Throws a readable error on a malformed override, at start-up,
 * rather than letting a bad table refuse partners later.
 */
export function loadRegionTable(override?: RegionTableOverride | string): RegionTable {
  const base = regionTableDataSchema.parse(defaultData);
  if (override === undefined) return build(base);
  const raw: unknown = typeof override === 'string' ? JSON.parse(override) : override;
  const parsed = regionTableOverrideSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Region table override is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return build(merge(base, parsed.data));
}

export const defaultRegionTable: RegionTable = loadRegionTable();
