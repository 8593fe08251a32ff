import { z } from 'zod';
import { actorSchema, entityIdSchema, isoTimestampSchema } from './identifiers';

/**
 * P2/P3: the provider invites, the reseller authorises (or not); P7: the provider may remove it.
 * Stored with who acted and when so the audit log can tell the story in either chat platform.
 */
export const partnershipStateSchema = z.enum(['invited', 'active', 'declined', 'removed']);
export type PartnershipState = z.infer<typeof partnershipStateSchema>;

export const partnershipSchema = z.object({
  id: entityIdSchema,
  providerId: entityIdSchema,
  resellerId: entityIdSchema,
  state: partnershipStateSchema,
  createdBy: actorSchema,
  createdAt: isoTimestampSchema,
  decidedBy: actorSchema.optional(),
  decidedAt: isoTimestampSchema.optional(),
  updatedAt: isoTimestampSchema.optional(),
});
export type Partnership = z.infer<typeof partnershipSchema>;
