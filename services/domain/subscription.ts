import { z } from 'zod';
import { entityIdSchema, mpnIdSchema } from './identifiers';

export const subscriptionSchema = z.object({
  /** An existing subscription in Partner Center (C5, C6: put a reseller on record, make it the support contact). */
  subscriptionId: z.string().trim().min(1).optional(),
  offerId: z.string().trim().min(1),
  offerName: z.string().trim().optional(),
  licences: z
    .number()
    .int({ message: 'validation.licences-invalid' })
    .min(1, { message: 'validation.licences-invalid' }),
  /** P9: the "Reseller (MPN ID)" field, which earns the reseller its incentives (C6). */
  resellerMpnIdOnRecord: mpnIdSchema.optional(),
  /** C5/C6: the reseller (our partner id) handling support for this subscription. */
  designatedSupportContact: entityIdSchema.optional(),
  /** licence-change (R1, NCE1): the count before the change, and when the subscription was bought. */
  previousLicences: z.number().int().min(1).optional(),
  purchasedAt: z.string().optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
