/**
 * Operator commands for the Partner Center sandbox, on the same store the assistant uses:
 *
 *   npx tsx scripts/sandbox.ts advance <tenantId>                 one verification step on
 *   npx tsx scripts/sandbox.ts set <tenantId> <status> <sub>      e.g. set <id> Rejected Decision
 *   npx tsx scripts/sandbox.ts sign-mpa <tenantId>                the Global admin accepts the MPA (M4)
 *   npx tsx scripts/sandbox.ts legacy-subscription <providerTenantId> <customerTenantId> <licences>
 *                                                                 a subscription the customer bought before
 *                                                                 new commerce (a legacy offer, NCE2)
 *   npx tsx scripts/sandbox.ts por <tenantId> <cause|clear>       R2: partner-of-record validation fails
 *                                                                 for a cause (suspended, region-mismatch,
 *                                                                 pla-inactive, mpa-not-signed, compliance)
 *                                                                 until cleared
 *   npx tsx scripts/sandbox.ts revenue <resellerTenantId> <usd>   A1: the reseller's CSP revenue recorded outside the
 *                                                                 sandbox's own orders over the last 12 months
 *                                                                 (the orders it takes add to it)
 *   npx tsx scripts/sandbox.ts take-domain <providerTenantId> <domainPrefix> <resellerTenantId>
 *                                                                 a customer someone created in Partner Center
 *                                                                 itself, holding <domainPrefix>.onmicrosoft.com
 *   npx tsx scripts/sandbox.ts gdap-approve <relationshipId|customerDomain>
 *                                                                 the customer's Global admin approves a GDAP
 *                                                                 relationship (G1): by id, or every one
 *                                                                 awaiting that customer's approval
 *   npx tsx scripts/sandbox.ts gdap-list                          every GDAP relationship, its status and end
 *
 * A running assistant notices what the distributor can observe (API1) on its next poll: Authorized makes
 * the reseller's PartnerID authorised (validateresellers), told as "verified"; sign-mpa brings the MPA
 * notice. The steps before Authorized are the reseller's to see; `advance` and `set` print them here.
 */
import { loadConfig } from '../bot/config';
import { GdapSandbox } from '../services/gdap/sandboxGdap';
import { partnerCenterSandboxFacts } from '../services/gdap/sandboxPartyFacts';
import { isPorCause, POR_CAUSES } from '../services/partnerCenter/partnerOfRecordCauses';
import { SandboxGateway } from '../services/partnerCenter/sandboxGateway';
import { defaultRegionTable } from '../services/rules/regionTable';
import { openStore } from '../services/storage/openStore';

const USAGE =
  'usage: sandbox.ts advance <tenantId> | set <tenantId> <status> <subStatus> | sign-mpa <tenantId>' +
  ' | legacy-subscription <providerTenantId> <customerTenantId> <licences>' +
  ` | por <tenantId> <${POR_CAUSES.join('|')}|clear>` +
  ' | take-domain <providerTenantId> <domainPrefix> <resellerTenantId>' +
  ' | revenue <resellerTenantId> <usd> | gdap-approve <relationshipId|customerDomain> | gdap-list';

async function main(argv: string[]): Promise<number> {
  const [command, tenantId, status, subStatus] = argv;
  // take-domain's own words for its arguments.
  const [domainPrefix, resellerTenantId] = [status, subStatus];
  const twoMore = command === 'set' || command === 'legacy-subscription' || command === 'take-domain';
  if (
    !command ||
    (!tenantId && command !== 'gdap-list') ||
    (twoMore && (!status || !subStatus)) ||
    (command === 'por' && status !== 'clear' && !isPorCause(status ?? '')) ||
    (command === 'revenue' && !/^\d+(\.\d+)?$/.test(status ?? ''))
  ) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  if (config.partnerCenter.mode !== 'sandbox') {
    console.error('PARTNER_CENTER_MODE is not sandbox: these commands only move the sandbox.');
    return 2;
  }
  const store = openStore(config.store);
  try {
    const sandbox = new SandboxGateway({
      records: store.records,
      clock: { stepMs: config.partnerCenter.sandboxStepMs },
      regionOf: (country) => {
        const found = defaultRegionTable.lookup(country);
        return found.found && found.served ? found.region : undefined;
      },
    });
    // The customer's side of GDAP, which the assistant never plays (G1): the operator stands in for it here.
    const gdap = new GdapSandbox({ records: store.records, facts: partnerCenterSandboxFacts(store.records) });
    if (command === 'gdap-approve') {
      const approved = await gdap.approveAsCustomer(tenantId);
      if (approved.length === 0) console.log(`${tenantId}: nothing awaits this customer's approval`);
      for (const r of approved) console.log(`${r.id}: ${r.status} until ${r.endDateTime ?? '-'} (${r.displayName})`);
    } else if (command === 'gdap-list') {
      for (const r of await gdap.allRelationships()) {
        const consent = r.reseller?.isPartnerConsentPending ? ', awaiting the reseller' : '';
        console.log(`${r.id}: ${r.status}${consent}, ends ${r.endDateTime ?? '-'} (${r.displayName})`);
      }
    } else if (command === 'advance') {
      const profile = await sandbox.advanceVerification(tenantId);
      console.log(`${tenantId}: ${profile.vettingStatus} / ${profile.vettingSubStatus}`);
    } else if (command === 'set') {
      const profile = await sandbox.setVerification(tenantId, status, subStatus);
      console.log(`${tenantId}: ${profile.vettingStatus} / ${profile.vettingSubStatus}`);
    } else if (command === 'legacy-subscription') {
      // Here `status` is the customer's tenant id and `subStatus` the licence count.
      const subscription = await sandbox.addLegacySubscription(tenantId, status, Number(subStatus));
      console.log(`${status}: legacy subscription ${subscription.id} (${subscription.offerName})`);
    } else if (command === 'sign-mpa') {
      await sandbox.signMpa(tenantId);
      console.log(`${tenantId}: MPA signed`);
    } else if (command === 'por') {
      const cause = isPorCause(status) ? status : undefined;
      await sandbox.holdPartnerOfRecord(tenantId, cause);
      console.log(`${tenantId}: partner of record ${cause ? `refused (${cause})` : 'cleared'}`);
    } else if (command === 'revenue') {
      // Here `status` is the amount in USD.
      const name = await sandbox.setRevenue(tenantId, Number(status));
      console.log(`${tenantId} (${name}): USD ${Number(status)} of CSP revenue recorded outside the sandbox's orders`);
    } else if (command === 'take-domain') {
      // Partner Center's own state: a customer made there outside the assistant (T4 when it is asked again).
      const created = await sandbox.as(tenantId).createCustomer({
        associatedPartnerId: resellerTenantId,
        companyName: `Customer of ${domainPrefix}`,
        domain: domainPrefix,
        country: 'PL',
        email: `it@${domainPrefix}.example`,
        address: { line1: 'ul. Inna 2', city: 'Łódź' },
      });
      console.log(`${created.domain}: taken by ${created.tenantId}`);
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
