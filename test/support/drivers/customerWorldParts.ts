import { createPartnerCenterGateway } from '../../../services/partnerCenter/createGateway';
import type { SandboxControls } from '../../../services/partnerCenter/sandboxGateway';
import { PartnerDirectory } from '../../../services/partners/partnerDirectory';
import { InvitationSigner, invitationSecret } from '../../../services/partnerships/invitationCodes';
import { PartnershipService } from '../../../services/partnerships/partnershipService';
import { defaultRegionTable } from '../../../services/rules/regionTable';
import type { AtomicStore } from '../../../services/storage/atomicStore';
import { standInLink } from '../fixtures/partnerships';
import { storeBackends, type StoreBackend, TEST_REDIS_DB } from './testAssistant';

/**
 * The parts of the customer world (customerWorld.ts) that are not its walk: the storage backends its
 * suites run on, and the readers a test looks through at the store and the sandbox Partner Center.
 * Kept apart so the world itself stays one screenful of people's steps.
 */

/** The run's test database (TEST_REDIS_DB), flushed as each suite starts. */
export const CUSTOMERS_REDIS_DB = TEST_REDIS_DB;

export type Backend = StoreBackend;

/** The same suites on the embedded store and on Redis. */
export const BACKENDS: Backend[] = storeBackends(CUSTOMERS_REDIS_DB);

const regionOf = (country: string) => {
  const found = defaultRegionTable.lookup(country);
  return found.found && found.served ? found.region : undefined;
};

/** Readers of the assistant's store and of the sandbox Partner Center on it: for checking, never for setting up. */
export async function readersOf(records: AtomicStore) {
  const partners = new PartnerDirectory(records);
  const wiring = createPartnerCenterGateway({ mode: 'sandbox', records, regionOf });
  const partnerships = new PartnershipService({
    records,
    partners,
    regions: defaultRegionTable,
    partnerCenter: wiring.gateway,
    signer: new InvitationSigner(await invitationSecret(records)),
    invitationTtlDays: 30,
    standInPartnerCenterLink: standInLink,
  });
  return { partners, partnerCenter: wiring.gateway, sandbox: wiring.sandboxControls as SandboxControls, partnerships };
}
