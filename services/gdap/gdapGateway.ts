/**
 * GDAP relationships (DOMAIN.md G1, G2, G4) as Microsoft Graph's `delegatedAdminRelationships` shows them:
 * the second gateway beside Partner Center's, with a sandbox and a REST client behind this one interface.
 * Failures are `GdapError`s (gdapErrors.ts), the Partner Center error type with Graph's refusal beside it,
 * so callers retry and decide the same way for both APIs.
 */

/** Graph's `delegatedAdminRelationshipStatus` (G1), in the order a relationship walks them. */
export const GDAP_STATUSES = [
  'created',
  'approvalPending',
  'approved',
  'activating',
  'active',
  'expiring',
  'expired',
  'terminationRequested',
  'terminating',
  'terminated',
] as const;
export type GdapStatus = (typeof GDAP_STATUSES)[number];

/** `delegatedAdminRelationshipRequestAction`: the partner locks and terminates; a reseller approves or rejects (G2). */
export const GDAP_REQUEST_ACTIONS = ['lockForApproval', 'approve', 'reject', 'terminate'] as const;
export type GdapRequestAction = (typeof GDAP_REQUEST_ACTIONS)[number];

export interface GdapRelationship {
  id: string;
  displayName: string;
  /** ISO 8601, from P1D to P2Y (G1). */
  duration: string;
  /** `PT0S` (no auto-extend) or `P180D` (G1). */
  autoExtendDuration: string;
  status: GdapStatus;
  customer: { tenantId: string; displayName?: string };
  /** The Entra role definition ids asked for (`accessDetails.unifiedRoles`). */
  roles: string[];
  createdDateTime: string;
  activatedDateTime?: string;
  /** When it ends or ended: activated + duration while active; set when it expires or is terminated. */
  endDateTime?: string;
  lastModifiedDateTime: string;
  /**
   * G2: a `resellerDelegatedAdminRelationship` a distributor created for its reseller, which waits for the
   * reseller's consent as well as the customer's approval.
   */
  reseller?: { indirectProviderTenantId: string; isPartnerConsentPending: boolean };
}

export interface NewGdapRelationship {
  /** Unique among the partner's relationships; at most 50 characters. */
  displayName: string;
  customerTenantId: string;
  customerDisplayName?: string;
  duration: string;
  autoExtendDuration?: string;
  roles: string[];
}

export interface GdapRequest {
  id: string;
  action: GdapRequestAction;
  status: 'created' | 'pending' | 'succeeded' | 'failed';
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface NewAccessAssignment {
  /** A security group in the partner's own tenant. */
  securityGroupId: string;
  /** A subset of the relationship's roles. */
  roles: string[];
}

export interface AccessAssignment extends NewAccessAssignment {
  id: string;
  status: 'pending' | 'active' | 'deleting' | 'deleted' | 'error';
  createdDateTime: string;
}

export interface GdapSession {
  readonly partnerTenantId: string;
  /** A relationship of the caller's own with a customer (G1); it starts `created`. */
  createRelationship(input: NewGdapRelationship): Promise<GdapRelationship>;
  /** G2: a distributor creates a relationship for one of its resellers; the reseller's consent is pending. */
  createResellerRelationship(resellerTenantId: string, input: NewGdapRelationship): Promise<GdapRelationship>;
  getRelationship(id: string): Promise<GdapRelationship>;
  /** The caller's relationships, and those it created for its resellers (G2). */
  listRelationships(): Promise<GdapRelationship[]>;
  /** POST `/requests`: lockForApproval, terminate, or a reseller's approve / reject (G2). */
  request(id: string, action: GdapRequestAction): Promise<GdapRequest>;
  /** Makes an active relationship usable: a partner security group on some of its roles (G1). */
  createAccessAssignment(id: string, input: NewAccessAssignment): Promise<AccessAssignment>;
  listAccessAssignments(id: string): Promise<AccessAssignment[]>;
}

export interface GdapCallContext {
  /** Sent as `client-request-id`, so one user action can be traced across calls. */
  correlationId?: string;
}

export interface GdapGateway {
  as(partnerTenantId: string, context?: GdapCallContext): GdapSession;
}

/**
 * The link the customer's Global admin opens to approve (G1): Microsoft 365 admin center's page for a
 * granular admin relationship. The reseller or distributor sends it; nobody else approves.
 */
export function customerApprovalLink(relationshipId: string): string {
  return `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${encodeURIComponent(relationshipId)}`;
}
