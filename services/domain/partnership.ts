import { z } from 'zod';
import { actorSchema, entityIdSchema, isoTimestampSchema } from './identifiers';

/**
 * P2/P3: the provider invites, the reseller authorises (or not); P7: the provider may remove it.
 * Stored with who acted and when so the audit log can tell the story in either chat platform.
 *
 * invited → (the reseller accepts in the assistant) awaiting-partner-center → (the distributor's
 * relationship list in Partner Center holds the reseller, P3) active → (P7) removed. Accepted when
 * Partner Center already lists the reseller: active at once. No API creates the relationship (P2).
 */
export const partnershipStateSchema = z.enum(['invited', 'awaiting-partner-center', 'active', 'declined', 'removed']);
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
  /** When Partner Center was seen to list the relationship (P3). */
  confirmedAt: isoTimestampSchema.optional(),
  /**
   * Set with `confirmedAt` and cleared once both sides were told: the one confirmation that made it
   * active tells them, and a recovery pass finishes what a crash in between left (said once).
   */
  confirmationUntold: z.boolean().optional(),
});
export type Partnership = z.infer<typeof partnershipSchema>;

/**
 * A partnership's name: its `id`, its member in the index of every partnership and the end of its
 * record's key (partnershipRecords.ts `KEYS`). Stored in all three, so the format is written here only.
 */
export function partnershipId(providerId: string, resellerId: string): string {
  return `${providerId}|${resellerId}`;
}
