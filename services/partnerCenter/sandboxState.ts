import { companyNameProblem } from '../domain/companyName';
import { isInitialDomain, isWebmail } from '../rules/webmail';
import type { AtomicStore } from '../storage/atomicStore';
import { AgreementErrorCode, PartnerCenterError, type PartnerCenterErrorCode } from './errors';
import type { LegalBusinessProfile } from './gateway';
import type { PorCause } from './partnerOfRecordCauses';
import { type MpnRecord, type PartnerRecord, keys, seedDemoIdentities } from './sandboxRecords';
import { currentVetting } from './verification';

/**
 * What every part of the sandbox reads through: its records (seeded once with the demo identities), its
 * clock and region table, and the checks Partner Center makes before any operation (an account, the same
 * region, a reseller of record). One instance per SandboxGateway, shared by its partner and customer
 * operations and its operator controls, so all three see the same store and the same clock.
 */
export interface SandboxStateOptions {
  records: AtomicStore;
  stepMs: number;
  now: () => number;
  regionOf: (country: string) => string | undefined;
}

export type ResellerCheck = { ok: true; partner: PartnerRecord } | { ok: false; code: number; description: string };

export const fail = (code: PartnerCenterErrorCode, description: string) => new PartnerCenterError(code, description);

/**
 * What Partner Center itself refuses in a company name and a primary contact, whatever the caller
 * checked before: a name such as "!!" (domain/companyName.ts holds its rules) and an address on a
 * web-based mail service or on a tenant's initial domain (E4, with Partner Center's shipped list).
 */
export function refuseCompanyName(name: string): void {
  const problem = companyNameProblem(name);
  if (problem) throw fail('invalid-input', `The company name "${name}" is not accepted (${problem}).`);
}

export function refusePrimaryContact(email: string): void {
  if (isWebmail(email) || isInitialDomain(email)) {
    throw fail('invalid-input', `The primary contact ${email} is on a web-based mail or initial domain (E4).`);
  }
}

export class SandboxState {
  readonly records: AtomicStore;
  readonly stepMs: number;
  readonly now: () => number;
  private readonly regionOf: (country: string) => string | undefined;
  private seeded?: Promise<void>;

  constructor(options: SandboxStateOptions) {
    this.records = options.records;
    this.stepMs = options.stepMs;
    this.now = options.now;
    this.regionOf = options.regionOf;
  }

  /** Seeding runs once per instance, before the first operation, so construction stays synchronous. */
  ready(): Promise<void> {
    this.seeded ??= seedDemoIdentities(this.records, this.now()).catch((error) => {
      this.seeded = undefined;
      throw error;
    });
    return this.seeded;
  }

  async read<T>(key: string): Promise<T | undefined> {
    await this.ready();
    return (await this.records.read<T>(key))?.value;
  }

  async list<T>(prefix: string): Promise<T[]> {
    await this.ready();
    return (await this.records.list<T>(prefix)).map((r) => r.value);
  }

  async requirePartner(tenantId: string): Promise<PartnerRecord> {
    const partner = await this.read<PartnerRecord>(keys.partner(tenantId));
    if (!partner) throw fail('unauthorized', `Tenant ${tenantId} has no Partner Center account.`);
    return partner;
  }

  sameRegion(a: string, b: string): boolean {
    const region = this.regionOf(a);
    return region !== undefined && region === this.regionOf(b);
  }

  profileOf(partner: PartnerRecord): LegalBusinessProfile {
    const vetting = currentVetting(partner.vetting, this.now(), this.stepMs);
    return {
      companyName: partner.name,
      country: partner.country,
      primaryContactEmail: partner.primaryContactEmail,
      vettingStatus: vetting.status,
      vettingSubStatus: vetting.subStatus,
    };
  }

  /** Why an MPN ID may or may not be a reseller of record for `caller`, in Partner Center's codes. */
  async checkReseller(caller: PartnerRecord, mpnId: string): Promise<ResellerCheck> {
    const mpn = await this.read<MpnRecord>(keys.mpn(mpnId));
    if (!mpn?.tenantId) {
      return {
        ok: false,
        code: AgreementErrorCode.MpnInvalidOrNotMigrated,
        description: `MPN ID ${mpnId} is invalid or not migrated to Partner Center.`,
      };
    }
    const partner = await this.read<PartnerRecord>(keys.partner(mpn.tenantId));
    if (partner?.accountType !== 'indirect-reseller') {
      return {
        ok: false,
        code: AgreementErrorCode.MpnNotIndirectReseller,
        description: `MPN ID ${mpnId} is not linked to an indirect reseller account.`,
      };
    }
    if (!this.sameRegion(partner.country, caller.country)) {
      return {
        ok: false,
        code: AgreementErrorCode.RegionMismatch,
        description: `The reseller's region differs from the provider's region.`,
      };
    }
    if (!partner.mpaSigned) {
      return {
        ok: false,
        code: AgreementErrorCode.MpaNotSignedForRegion,
        description: `The reseller has not signed the Microsoft Partner Agreement for this region.`,
      };
    }
    return { ok: true, partner };
  }

  /**
   * R2 as `validateresellers` sees it: the operator's hold first (a suspension or compliance problem has
   * no other trace in the sandbox), then what the records say (account type, region, MPA).
   */
  async porCause(caller: PartnerRecord, mpnId: string): Promise<PorCause | undefined> {
    const check = await this.checkReseller(caller, mpnId);
    if (!check.ok) {
      if (check.code === AgreementErrorCode.RegionMismatch) return 'region-mismatch';
      if (check.code === AgreementErrorCode.MpaNotSignedForRegion) return 'mpa-not-signed';
      return 'pla-inactive';
    }
    return check.partner.porHold;
  }
}
