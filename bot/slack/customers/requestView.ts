import type { RequestView } from '../../../cards/slack/customers/requestBlocks';
import type { CustomerRequest } from '../../../services/customers';
import { requestClock } from '../../../services/customers/requestClock';
import type { Actor } from '../../../services/domain/identifiers';
import type { PartnerDirectory } from '../../../services/partners/partnerDirectory';

export const whoOf = (actor: Actor | undefined) => actor?.name ?? actor?.userId ?? '-';

/** A request as plain data for the Slack message and the App Home (names looked up, nothing translated). */
export async function requestView(
  partners: PartnerDirectory,
  request: CustomerRequest,
  now = new Date(),
): Promise<RequestView> {
  const decided = request.state !== 'pending' && request.decision;
  return {
    id: request.id,
    kind: request.kind,
    reseller: (await partners.get(request.resellerId))?.legalName ?? request.resellerId,
    requestedBy: request.requestedBy.name ?? request.requestedBy.userId,
    companyName: request.customer.companyName,
    domain: request.customer.domain,
    country: request.customer.country,
    adminEmail: request.customer.adminEmail,
    subscriptions: request.subscriptions.map((s) => ({
      name: s.offerName ?? s.offerId,
      licences: s.licences,
      ...(s.previousLicences === undefined ? {} : { from: s.previousLicences }),
    })),
    supportContact:
      request.kind === 'add-subscription' && request.subscriptions.some((s) => Boolean(s.designatedSupportContact)),
    // MCA1: who accepted the customer agreement for the customer, and when, as the reseller attested it.
    agreement: request.agreement && {
      name: `${request.agreement.firstName} ${request.agreement.lastName}`,
      email: request.agreement.email,
      phone: request.agreement.phoneNumber,
      date: request.agreement.dateAgreed,
    },
    createdAt: request.createdAt,
    ...(request.state === 'pending' ? { clock: requestClock(request, now) } : {}),
    partnerOfRecord: request.partnerOfRecord && { ...request.partnerOfRecord, when: request.partnerOfRecord.at },
    decision: decided
      ? {
          state: request.state as 'approved' | 'rejected' | 'failed' | 'cancelled',
          who: whoOf(request.decision?.by),
          when: request.decision?.at ?? '',
          reason: request.decision?.reason,
        }
      : undefined,
  };
}
