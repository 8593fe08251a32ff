import type { FeatureDeps } from '../bot/feature';
import { partnershipServiceFor } from '../bot/partnershipServiceFor';
import { CustomerRequests } from '../services/customers';
import { contosoSetup, DEMO, seedReseller } from '../test/partnerships/fixtures';

/** What the Slack approval bench needs in the store before anyone clicks. */
export interface ApprovalSeedRequest {
  runId: string;
  teamId: string;
  channelId: string;
  approvers: string[];
  /** Pending customer requests to create, each with a customer domain of its own. */
  requests: number;
}

export interface ApprovalSeedReply {
  requestIds: string[];
  seedMs: number;
}

/**
 * The state an Approve click meets in the field, built through the real services: the distributor set
 * up in its Slack workspace with its approvers (P1), an enrolled reseller in an active partnership
 * (P2–P5), and customer requests the reseller submitted (C3), each posted to the approvals channel.
 * The reseller has no Teams conversation on record, so a decision enqueues no Teams notice (the
 * fan-out bench measures that path); everything else an approval does runs.
 */
export async function seedApprovals(deps: FeatureDeps, request: ApprovalSeedRequest): Promise<ApprovalSeedReply> {
  const started = performance.now();
  const partnerships = await partnershipServiceFor(deps);
  const customers = new CustomerRequests({
    records: deps.store.records,
    partners: deps.partners,
    partnerships,
    partnerCenter: deps.partnerCenter,
    regions: deps.regions,
  });
  const admin = { platform: 'slack' as const, userId: request.approvers[0] };
  const setUp = await partnerships.setUpProvider(
    request.teamId,
    contosoSetup(request.approvers, request.channelId),
    admin,
    true,
  );
  if (!setUp.ok) throw new Error(`provider set-up refused: ${JSON.stringify(setUp.refusal)}`);
  const providerId = setUp.value.partner.id;
  await deps.partners.update(providerId, (c) => (c ? { ...c, status: { ...c.status, mpaSigned: true } } : c));
  const reseller = await seedReseller(deps.partners, DEMO.resellerReady);
  const invited = await partnerships.createInvitation(
    request.teamId,
    { email: DEMO.resellerReady.primaryContactEmail },
    admin,
  );
  if (!invited.ok) throw new Error(`invitation refused: ${JSON.stringify(invited.refusal)}`);
  const requester = {
    platform: 'teams' as const,
    tenantId: reseller.id,
    userId: 'bench-reseller',
    name: 'Piotr Nowak',
  };
  const authorised = await partnerships.authorise(invited.value.code, {
    tenantId: reseller.id,
    actor: { platform: 'teams', userId: requester.userId },
  });
  if (!authorised.ok) throw new Error('the reseller could not authorise the partnership');

  const offers = (await customers.offers(providerId, 'PL')).slice(0, 2);
  const requestIds: string[] = [];
  let next = 0;
  const submitOne = async () => {
    const i = next++;
    const domain = `bench-${request.runId}-${i}.pl`;
    const outcome = await customers.submit(requester, {
      providerId,
      customer: { companyName: `Klient ${i} sp. z o.o.`, domain, country: 'PL', adminEmail: `it@${domain}` },
      address: { line1: 'ul. Prosta 1', city: 'Warszawa', postalCode: '00-850' },
      subscriptions: offers.map((o, k) => ({ offerId: o.id, offerName: o.name, licences: 10 + k })),
    });
    if (!outcome.ok) throw new Error(`customer request ${i} refused: ${JSON.stringify(outcome.refusal)}`);
    await customers.attachMessage(outcome.value.id, { channel: request.channelId, ts: `1700000000.${i}` });
    requestIds[i] = outcome.value.id;
  };
  const worker = async () => {
    while (next < request.requests) await submitOne();
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { requestIds, seedMs: performance.now() - started };
}
