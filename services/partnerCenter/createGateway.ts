import type { AtomicStore } from '../storage/atomicStore';
import type { PartnerCenterGateway } from './gateway';
import type { RestGateway } from './restGateway';
import { DEMO } from './sandboxIdentities';
import { type SandboxControls, SandboxGateway } from './sandboxGateway';

export interface PartnerCenterGatewayOptions {
  mode: 'sandbox' | 'rest';
  /** The sandbox keeps its data here (keys under `pc:`); unused in rest mode. */
  records: AtomicStore;
  /** One verification step, in ms (default: one day, as slow as the real review). */
  sandboxStepMs?: number;
  /** Country to CSP region, from the product's region table; the sandbox needs it for P6 / C7. */
  regionOf?: (country: string) => string | undefined;
  restBaseUrl?: string;
  getAccessToken?: (partnerTenantId: string) => Promise<string>;
  /** The distributor whose credentials the REST client holds (API1); the sandbox's own distributor by default. */
  distributorTenantId?: string;
  timeoutMs?: number;
  maxAttempts?: number;
}

export interface PartnerCenterWiring {
  gateway: PartnerCenterGateway;
  /** Operator commands, only when the sandbox runs. */
  sandboxControls?: SandboxControls;
  /**
   * The distributor whose credentials reach Partner Center (API1): what the assistant observes about a
   * reseller it observes as this partner. In the sandbox, its demo distributor unless configured.
   */
  distributorTenantId?: string;
}

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/** The REST client and its routes, loaded only in rest mode: a sandbox instance never calls them. */
function restGateway(): typeof RestGateway {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./restGateway') as typeof import('./restGateway')).RestGateway;
}

/** Picks the implementation from configuration; everything else in the product sees only the interface. */
export function createPartnerCenterGateway(options: PartnerCenterGatewayOptions): PartnerCenterWiring {
  if (options.mode === 'rest') {
    if (!options.getAccessToken) throw new Error('The Partner Center REST gateway needs an access token provider.');
    const gateway = new (restGateway())({
      baseUrl: options.restBaseUrl,
      getAccessToken: options.getAccessToken,
      distributorTenantId: options.distributorTenantId,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts,
    });
    return { gateway, distributorTenantId: options.distributorTenantId?.toLowerCase() };
  }
  if (!options.regionOf) throw new Error('The Partner Center sandbox needs the region table (regionOf).');
  const sandbox = new SandboxGateway({
    records: options.records,
    clock: { stepMs: options.sandboxStepMs ?? ONE_DAY_MS },
    regionOf: options.regionOf,
  });
  return {
    gateway: sandbox,
    sandboxControls: sandbox,
    distributorTenantId: (options.distributorTenantId ?? DEMO.provider.tenantId).toLowerCase(),
  };
}
