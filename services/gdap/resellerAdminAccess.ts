import type { GdapRelationship } from './gdapGateway';
import { gdapStage, type GdapStageView } from './gdapStages';

export interface CustomerAdminAccess {
  customerTenantId: string;
  customerName: string;
  /** The reseller's own relationship with this customer that matters most now, if any. */
  relationship?: GdapRelationship;
  view?: GdapStageView;
  /** G2: true when the reseller has no relationship of its own that is active or on its way. */
  needsOwnGdap: boolean;
}

const RANK: Record<GdapStageView['stage'], number> = {
  active: 0,
  'ending-soon': 1,
  'awaiting-customer': 2,
  'awaiting-reseller-consent': 3,
  'not-sent': 4,
  expired: 5,
  ended: 6,
};

/**
 * G2: a reseller does not inherit its distributor's GDAP; it needs its own relationship with each customer.
 * For each of its customers, the reseller's own relationships (never the distributor's) decide whether it
 * has admin access, has one on its way, or still needs to ask for one.
 */
export function resellerAdminAccess(
  customers: Array<{ tenantId: string; name: string }>,
  resellersOwn: GdapRelationship[],
): CustomerAdminAccess[] {
  return customers.map((customer) => {
    const candidates = resellersOwn
      .filter((r) => r.customer.tenantId.toLowerCase() === customer.tenantId.toLowerCase())
      .map((relationship) => ({ relationship, view: gdapStage(relationship) }))
      .sort((a, b) => RANK[a.view.stage] - RANK[b.view.stage]);
    const best = candidates[0];
    return {
      customerTenantId: customer.tenantId,
      customerName: customer.name,
      relationship: best?.relationship,
      view: best?.view,
      needsOwnGdap: !best || best.view.stage === 'expired' || best.view.stage === 'ended',
    };
  });
}

/**
 * G4: a suspended reseller loses all its GDAP relationships. Of those it had that still gave or promised
 * admin access, the ones now gone: what the reseller is told, once.
 */
export function lostBySuspension(
  before: GdapRelationship[],
  now: GdapRelationship[],
  suspended: boolean,
): GdapRelationship[] {
  if (!suspended) return [];
  const ended = new Set(now.filter((r) => r.status === 'terminated').map((r) => r.id));
  return before.filter((r) => gdapStage(r).stage !== 'ended' && gdapStage(r).stage !== 'expired' && ended.has(r.id));
}
