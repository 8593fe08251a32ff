import { z } from 'zod';
import {
  GDAP_REQUEST_ACTIONS,
  GDAP_STATUSES,
  type AccessAssignment,
  type GdapRelationship,
  type GdapRequest,
  type NewGdapRelationship,
} from './gdapGateway';

/**
 * Microsoft Graph's JSON for `/tenantRelationships/delegatedAdminRelationships` (v1.0), as its resource
 * pages describe it (read 2026-12-03): `accessDetails.unifiedRoles[].roleDefinitionId`, `customer`,
 * `@odata.type` `#microsoft.graph.resellerDelegatedAdminRelationship` with `indirectProviderTenantId` and
 * `isPartnerConsentPending` for one a distributor made for its reseller (G2). The REST client parses every
 * answer with these schemas; the local fake writes its answers with `toWire*`, so the two cannot drift.
 *
 * One field is ours: the pages do not show how a distributor names the reseller when it creates a
 * reseller relationship; the body carries it as `partner.tenantId`. Change it here when confirmed.
 */
export const RESELLER_RELATIONSHIP_TYPE = '#microsoft.graph.resellerDelegatedAdminRelationship';

/** Graph's error body: `{ error: { code, message } }`. */
export const graphErrorBody = z.object({
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).passthrough(),
});

const unifiedRoles = z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() }).passthrough()) });

export const relationshipWire = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string(),
    displayName: z.string(),
    duration: z.string(),
    autoExtendDuration: z.string().optional(),
    status: z.enum(GDAP_STATUSES),
    customer: z.object({ tenantId: z.string(), displayName: z.string().nullish() }).passthrough().nullish(),
    accessDetails: unifiedRoles,
    createdDateTime: z.string(),
    activatedDateTime: z.string().nullish(),
    endDateTime: z.string().nullish(),
    lastModifiedDateTime: z.string(),
    indirectProviderTenantId: z.string().nullish(),
    isPartnerConsentPending: z.boolean().nullish(),
  })
  .passthrough();

export const relationshipList = z.object({
  value: z.array(relationshipWire),
  '@odata.nextLink': z.string().optional(),
});

export const requestWire = z
  .object({
    id: z.string(),
    action: z.enum(GDAP_REQUEST_ACTIONS),
    status: z.enum(['created', 'pending', 'succeeded', 'failed']),
    createdDateTime: z.string(),
    lastModifiedDateTime: z.string(),
  })
  .passthrough();

export const assignmentWire = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'active', 'deleting', 'deleted', 'error']),
    accessContainer: z.object({ accessContainerId: z.string(), accessContainerType: z.string() }).passthrough(),
    accessDetails: unifiedRoles,
    createdDateTime: z.string(),
  })
  .passthrough();

export const assignmentList = z.object({ value: z.array(assignmentWire) });

const roles = (ids: string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });

export function fromWireRelationship(w: z.output<typeof relationshipWire>): GdapRelationship {
  const isReseller = w['@odata.type'] === RESELLER_RELATIONSHIP_TYPE || !!w.indirectProviderTenantId;
  return {
    id: w.id,
    displayName: w.displayName,
    duration: w.duration,
    autoExtendDuration: w.autoExtendDuration ?? 'PT0S',
    status: w.status,
    customer: { tenantId: w.customer?.tenantId ?? '', displayName: w.customer?.displayName ?? undefined },
    roles: w.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId),
    createdDateTime: w.createdDateTime,
    activatedDateTime: w.activatedDateTime ?? undefined,
    endDateTime: w.endDateTime ?? undefined,
    lastModifiedDateTime: w.lastModifiedDateTime,
    reseller:
      isReseller && w.indirectProviderTenantId
        ? { indirectProviderTenantId: w.indirectProviderTenantId, isPartnerConsentPending: !!w.isPartnerConsentPending }
        : undefined,
  };
}

export function toWireRelationship(r: GdapRelationship): z.input<typeof relationshipWire> {
  return {
    '@odata.type': r.reseller ? RESELLER_RELATIONSHIP_TYPE : '#microsoft.graph.delegatedAdminRelationship',
    id: r.id,
    displayName: r.displayName,
    duration: r.duration,
    autoExtendDuration: r.autoExtendDuration,
    status: r.status,
    customer: { tenantId: r.customer.tenantId, displayName: r.customer.displayName ?? null },
    accessDetails: roles(r.roles),
    createdDateTime: r.createdDateTime,
    activatedDateTime: r.activatedDateTime ?? null,
    endDateTime: r.endDateTime ?? null,
    lastModifiedDateTime: r.lastModifiedDateTime,
    ...(r.reseller ?? {}),
  };
}

export const toWireRequest = (r: GdapRequest): z.input<typeof requestWire> => ({ ...r });

export function fromWireAssignment(w: z.output<typeof assignmentWire>): AccessAssignment {
  return {
    id: w.id,
    status: w.status,
    securityGroupId: w.accessContainer.accessContainerId,
    roles: w.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId),
    createdDateTime: w.createdDateTime,
  };
}

export function toWireAssignment(a: AccessAssignment): z.input<typeof assignmentWire> {
  return {
    id: a.id,
    status: a.status,
    accessContainer: { accessContainerId: a.securityGroupId, accessContainerType: 'securityGroup' },
    accessDetails: roles(a.roles),
    createdDateTime: a.createdDateTime,
  };
}

/** A create body, as Graph takes it; `resellerTenantId` makes it a reseller relationship (G2). */
export function createBody(input: NewGdapRelationship, resellerTenantId?: string) {
  return {
    ...(resellerTenantId ? { '@odata.type': RESELLER_RELATIONSHIP_TYPE, partner: { tenantId: resellerTenantId } } : {}),
    displayName: input.displayName,
    duration: input.duration,
    autoExtendDuration: input.autoExtendDuration ?? 'PT0S',
    customer: { tenantId: input.customerTenantId, displayName: input.customerDisplayName },
    accessDetails: roles(input.roles),
  };
}

export const createBodyWire = z.object({
  '@odata.type': z.string().optional(),
  partner: z.object({ tenantId: z.string() }).optional(),
  displayName: z.string(),
  duration: z.string(),
  autoExtendDuration: z.string().optional(),
  customer: z.object({ tenantId: z.string(), displayName: z.string().optional() }),
  accessDetails: unifiedRoles,
});

export const requestBodyWire = z.object({ action: z.enum(GDAP_REQUEST_ACTIONS) });
export const assignmentBodyWire = z.object({
  accessContainer: z.object({ accessContainerId: z.string(), accessContainerType: z.literal('securityGroup') }),
  accessDetails: unifiedRoles,
});
