import { updateRecord } from '../storage/atomicStore';
import { AgreementErrorCode, notForThisCaller } from './errors';
import type { PartnerRelationship, ResellerValidation } from './gateway';
import { type PorCause, porValidation } from './partnerOfRecordCauses';
import { keys, type MpnRecord, type PartnerRecord, type RelationshipRecord } from './sandboxRecords';
import { fail, refuseCompanyName, refusePrimaryContact, type SandboxState } from './sandboxState';
import type { PartnerOperations } from './validatedSession';
import { currentVetting, startVetting } from './verification';

/**
 * The sandbox's partner directory, as one caller sees it: MPN profiles, resellers of record and the
 * agreement status (M5, P6), the caller's relationships (P3), and the caller's own enrolment and
 * verification (E2–E4). Customers and their subscriptions are sandboxCustomers.ts's.
 */
export function partnerOperations(state: SandboxState, callerTenantId: string): PartnerOperations {
  return {
    // No account needed: enrolment looks the MPN ID up before the caller has a Partner Center account (E2, E3).
    getMpnProfile: async (mpnId) => {
      const mpn = await state.read<MpnRecord>(keys.mpn(mpnId));
      if (!mpn) throw fail('not-found', `MPN ID ${mpnId} was not found.`);
      return { mpnId: mpn.mpnId, partnerName: mpn.partnerName, country: mpn.country };
    },

    validateResellers: async (partnerIds) => {
      const caller = await state.requirePartner(callerTenantId);
      const results: ResellerValidation[] = [];
      for (const partnerId of partnerIds) {
        const cause = await state.porCause(caller, partnerId);
        results.push(porValidation(partnerId, await unverifiedFirst(state, partnerId, cause)));
      }
      return results;
    },

    getAgreementStatus: async (query) => {
      const caller = await state.requirePartner(callerTenantId);
      if ('mpnId' in query) {
        const check = await state.checkReseller(caller, query.mpnId);
        if (!check.ok) throw fail(check.code, check.description);
        return { isAgreementSigned: true };
      }
      const partner = await state.read<PartnerRecord>(keys.partner(query.tenantId));
      if (!partner)
        throw fail(AgreementErrorCode.NoAccountForTenant, `No Partner Center account for tenant ${query.tenantId}.`);
      if (!state.sameRegion(partner.country, caller.country)) {
        throw fail(AgreementErrorCode.RegionMismatch, `The reseller's region differs from the provider's region.`);
      }
      if (!partner.mpaSigned)
        throw fail(AgreementErrorCode.TenantNotSigned, 'The tenant has not signed the Microsoft Partner Agreement.');
      return { isAgreementSigned: true };
    },

    listRelationships: async (type) => {
      await state.requirePartner(callerTenantId);
      const mine =
        type === 'IsIndirectCloudSolutionProviderOf'
          ? (await state.list<RelationshipRecord>(keys.relationshipsOf(callerTenantId))).map((r) => r.resellerTenantId)
          : (await state.list<RelationshipRecord>(keys.allRelationships()))
              .filter((r) => r.resellerTenantId === callerTenantId)
              .map((r) => r.providerTenantId);
      const out: PartnerRelationship[] = [];
      for (const tenantId of mine) {
        const other = await state.read<PartnerRecord>(keys.partner(tenantId));
        if (!other) continue;
        out.push({
          tenantId,
          name: other.name,
          mpnId: other.mpnId,
          location: other.country,
          relationshipType: type,
          state: 'Active',
        });
      }
      return out;
    },

    getLegalBusinessProfile: async () =>
      state.profileOf(ownProfileReadable(await state.requirePartner(callerTenantId))),

    submitEnrolment: async (input) => {
      const existing = await state.read<PartnerRecord>(keys.partner(callerTenantId));
      if (existing) {
        // A repeated submission (a re-sent turn) answers like the first one.
        if (existing.mpnId === input.mpnId) return { kind: 'submitted', profile: state.profileOf(existing) };
        throw fail('conflict', 'This tenant is already enrolled with another MPN ID.');
      }
      refuseCompanyName(input.legalName);
      refusePrimaryContact(input.primaryContactEmail);
      const mpn = await state.read<MpnRecord>(keys.mpn(input.mpnId));
      if (!mpn) throw fail('not-found', `MPN ID ${input.mpnId} was not found.`);
      if (mpn.country !== input.country) {
        throw fail('invalid-input', `The MPN profile is in ${mpn.country}, the account in ${input.country} (E3).`);
      }
      await updateRecord<MpnRecord>(state.records, keys.mpn(input.mpnId), (current) => {
        if (!current) throw fail('not-found', `MPN ID ${input.mpnId} was not found.`);
        if (current.tenantId === callerTenantId) return undefined;
        if (current.tenantId) throw fail('conflict', `MPN ID ${input.mpnId} is already linked to another account.`);
        return { ...current, tenantId: callerTenantId };
      });
      const partner: PartnerRecord = {
        tenantId: callerTenantId,
        name: input.legalName,
        country: input.country,
        mpnId: input.mpnId,
        accountType: 'indirect-reseller',
        mpaSigned: false,
        primaryContactEmail: input.primaryContactEmail,
        vetting: startVetting(state.now()),
      };
      await state.records.compareAndSet(keys.partner(callerTenantId), undefined, partner);
      return { kind: 'submitted', profile: state.profileOf(await state.requirePartner(callerTenantId)) };
    },
  };
}

/**
 * API1: "API access to Partner Center for indirect resellers isn't supported". The assistant holds a
 * distributor's credentials, never a reseller's, so a session as a reseller cannot read that reseller's
 * vetting status: only the reseller sees it, in the Partner Center portal. Refused as Partner Center
 * refuses it (403), so a product that tried would fail here as it would in production.
 */
function ownProfileReadable(caller: PartnerRecord): PartnerRecord {
  if (caller.accountType === 'indirect-reseller') {
    throw notForThisCaller(
      "An indirect reseller's legal business profile and vetting status are not available through the API (API1).",
    );
  }
  return caller;
}

/**
 * R1, R2: a PartnerID is valid on record only for an authorised indirect reseller, which it becomes
 * when its verification completes (E5). So a reseller still in verification is refused for that before
 * its unsigned MPA (it cannot have signed yet); a verified one is refused only for the MPA, if at all.
 * This is what lets the distributor observe verification without reading vetting (API1).
 */
async function unverifiedFirst(
  state: SandboxState,
  partnerId: string,
  cause: PorCause | undefined,
): Promise<PorCause | undefined> {
  if (cause !== undefined && cause !== 'mpa-not-signed') return cause;
  const tenantId = (await state.read<MpnRecord>(keys.mpn(partnerId)))?.tenantId;
  const partner = tenantId ? await state.read<PartnerRecord>(keys.partner(tenantId)) : undefined;
  if (!partner || currentVetting(partner.vetting, state.now(), state.stepMs).status === 'Authorized') return cause;
  // Verification (E5) not complete: the PLA ID is not (yet) an authorised indirect reseller.
  return 'pla-inactive';
}
