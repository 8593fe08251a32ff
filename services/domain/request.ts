import { z } from 'zod';
import { customerSchema } from './customer';
import { actorSchema, entityIdSchema, isoTimestampSchema, platformSchema, tenantIdSchema } from './identifiers';
import { subscriptionSchema } from './subscription';

/** What a reseller asks its distributor to do in Partner Center for it (C3, C5, C6). */
export const requestKindSchema = z.enum([
  'new-customer',
  'add-subscription',
  'reseller-on-record',
  'designated-support-contact',
  // R1 (since 1 December 2025): a change to an existing subscription's licence count, validated first.
  'licence-change',
]);
export type RequestKind = z.infer<typeof requestKindSchema>;

export const requestStateSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled', 'failed']);
export type RequestState = z.infer<typeof requestStateSchema>;

export const requesterSchema = z.object({
  platform: platformSchema,
  /** The reseller's tenant the chat user signed in from. */
  tenantId: tenantIdSchema,
  userId: z.string().min(1),
  name: z.string().optional(),
});
export type Requester = z.infer<typeof requesterSchema>;

export const requestDecisionSchema = z.object({
  by: actorSchema,
  at: isoTimestampSchema,
  reason: z.string().optional(),
});
export type RequestDecision = z.infer<typeof requestDecisionSchema>;

export const partnerRequestSchema = z
  .object({
    id: entityIdSchema,
    kind: requestKindSchema,
    requestedBy: requesterSchema,
    resellerId: entityIdSchema,
    providerId: entityIdSchema,
    customer: customerSchema,
    subscriptions: z.array(subscriptionSchema),
    state: requestStateSchema.default('pending'),
    decision: requestDecisionSchema.optional(),
    createdAt: isoTimestampSchema.optional(),
  })
  .superRefine((request, ctx) => {
    // Adding a customer or a subscription orders licences (C3, C5): nothing to order is a mistake.
    if (
      (request.kind === 'new-customer' || request.kind === 'add-subscription') &&
      request.subscriptions.length === 0
    ) {
      ctx.addIssue({ code: 'custom', path: ['subscriptions'], message: 'validation.request-needs-subscription' });
    }
    // Every kind but a new customer acts on a tenant that already exists in Partner Center.
    if (request.kind !== 'new-customer' && !request.customer.tenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'tenantId'],
        message: 'validation.request-needs-existing-customer',
      });
    }
    if ((request.state === 'approved' || request.state === 'rejected') && !request.decision) {
      ctx.addIssue({ code: 'custom', path: ['decision'], message: 'validation.request-decision-missing' });
    }
  });
export type PartnerRequest = z.infer<typeof partnerRequestSchema>;
