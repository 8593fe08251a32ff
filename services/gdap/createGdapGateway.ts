import type { AtomicStore } from '../storage/atomicStore';
import type { GdapGateway } from './gdapGateway';
import { GdapError } from './gdapErrors';
import type { RestGdapGateway } from './restGdapGateway';
import { type GdapSandboxControls, GdapSandbox } from './sandboxGdap';
import { partnerCenterSandboxFacts } from './sandboxPartyFacts';

export interface GdapGatewayOptions {
  /** The same mode as Partner Center's: the GDAP sandbox reads its parties from Partner Center's sandbox. */
  mode: 'sandbox' | 'rest';
  records: AtomicStore;
  /** The assistant's clock, so a test or a demo that moves it walks relationships through their states. */
  now: () => number;
  graphBaseUrl?: string;
  /** A Graph token for the distributor (API1: the assistant holds the distributor's credentials only). */
  getDistributorToken?: () => Promise<string>;
  distributorTenantId?: string;
}

export interface GdapWiring {
  gateway: GdapGateway;
  /** The operator acting for the customer (scripts/sandbox.ts gdap-approve), only in the sandbox. */
  sandboxControls?: GdapSandboxControls;
}

/** The Graph client, loaded only in rest mode: a sandbox instance never calls it. */
function restGdapGateway(): typeof RestGdapGateway {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./restGdapGateway') as typeof import('./restGdapGateway')).RestGdapGateway;
}

/** Picks the GDAP implementation beside Partner Center's; the product sees only the interface. */
export function createGdapGateway(options: GdapGatewayOptions): GdapWiring {
  if (options.mode === 'rest') {
    const { getDistributorToken, distributorTenantId } = options;
    // Without Graph credentials the rest of the assistant still runs; each GDAP call says what is missing.
    return {
      gateway: new (restGdapGateway())({
        baseUrl: options.graphBaseUrl,
        // A reseller's own steps (its consent, G2) are its to take in Partner Center: no token for it here.
        getAccessToken: async (tenantId) => {
          if (!getDistributorToken || !distributorTenantId) {
            throw new GdapError('unauthorized', 'No Graph credentials: set GRAPH_TOKEN or the App+User refresh token.');
          }
          if (tenantId.toLowerCase() !== distributorTenantId.toLowerCase()) {
            throw new GdapError('unauthorized', `The assistant holds no Graph credentials for tenant ${tenantId}.`);
          }
          return getDistributorToken();
        },
      }),
    };
  }
  const sandbox = new GdapSandbox({
    records: options.records,
    facts: partnerCenterSandboxFacts(options.records),
    now: options.now,
  });
  return { gateway: sandbox, sandboxControls: sandbox };
}
