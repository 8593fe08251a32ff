import { ownProfileOnly } from './apiBoundary';
import type { CallContext, PartnerCenterGateway, PartnerCenterSession } from './gateway';
import { agreementRoutes } from './restAgreementRoutes';
import { customerRoutes } from './restCustomerRoutes';
import { partnerRoutes } from './restPartnerRoutes';
import { revenueRoutes } from './restRevenueRoutes';
import { RestTransport, type RestTransportOptions } from './restTransport';
import { parseTenantId, validatedSession } from './validatedSession';

export { DEFAULT_BASE_URL } from './restTransport';
/** Partner Center has no enrolment API: the Global admin enrols from Microsoft's onboarding page (E1, E2). */
export const DEFAULT_ENROLMENT_URL =
  'https://learn.microsoft.com/partner-center/enroll/indirect-reseller-tasks-in-partner-center';

export interface RestGatewayOptions extends RestTransportOptions {
  enrolmentUrl?: string;
  /** The distributor whose credentials getAccessToken returns: the one profile these may read (API1). */
  distributorTenantId?: string;
}

/**
 * The real Partner Center REST API on Node's fetch. This file puts the gateway together: the transport
 * (restTransport.ts: tokens, ids, timeouts, retries, checked answers) under the routes of each area
 * (restPartnerRoutes.ts: directory, relationships, profile; restCustomerRoutes.ts: customers and orders).
 */
export class RestGateway implements PartnerCenterGateway {
  private readonly transport: RestTransport;

  constructor(private readonly options: RestGatewayOptions) {
    this.transport = new RestTransport(options);
  }

  as(partnerTenantId: string, context: CallContext = {}): PartnerCenterSession {
    const caller = parseTenantId(partnerTenantId, 'partner tenant id');
    const call = this.transport.callerFor(caller, context.correlationId ?? this.transport.newId());
    const partner = partnerRoutes(call, this.options.enrolmentUrl ?? DEFAULT_ENROLMENT_URL);
    return validatedSession(caller, {
      ...partner,
      ...customerRoutes(call),
      getLegalBusinessProfile: ownProfileOnly(
        caller,
        this.options.distributorTenantId,
        partner.getLegalBusinessProfile,
      ),
      ...agreementRoutes(call),
      ...revenueRoutes(),
    });
  }
}
