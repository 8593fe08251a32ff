import { z } from 'zod';
import { inputText, verbField } from './cardSubmission';

/**
 * A text input of the customer card: Teams may leave an empty one out. The bound only keeps a forged
 * card from sending megabytes; lengths that matter to Partner Center are the service's rules (C3).
 */
const field = () => inputText(500).trim().default('');

/** Input.Number sends digits as text (some clients a number); empty means none. */
const licences = z.union([
  z
    .string()
    .trim()
    .regex(/^\d{0,7}$/)
    .transform((v) => (v === '' ? 0 : Number(v))),
  z.number().int().min(0).max(9_999_999),
]);

const QUANTITY = 'qty:';

/**
 * What the customer card sends with either button (`customers-submit`, `customers-invite`): the
 * customer's details and one `qty:<offer id>` per offer. Only the shape is checked here; whether the
 * customer may be taken (C2, C7-C10, M2, M3) and the address (C3) are the service's rules.
 */
const customerFields = z.object({
  verb: verbField,
  companyName: field(),
  domain: field(),
  country: field(),
  adminEmail: field(),
  providerId: field(),
  line1: field(),
  city: field(),
  postalCode: field(),
});

export const customerFormPayload = customerFields
  .catchall(licences)
  .superRefine((form, ctx) => {
    for (const key of Object.keys(form)) {
      if (!(key in customerFields.shape) && !key.startsWith(QUANTITY)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'not a field of the customer card' });
      }
    }
  })
  .transform((form) => {
    const quantities: Record<string, number> = {};
    for (const [key, value] of Object.entries(form)) {
      if (key.startsWith(QUANTITY)) quantities[key.slice(QUANTITY.length)] = value as number;
    }
    return {
      companyName: form.companyName,
      domain: form.domain,
      country: form.country.toUpperCase(),
      adminEmail: form.adminEmail,
      providerId: form.providerId,
      line1: form.line1,
      city: form.city,
      postalCode: form.postalCode,
      quantities,
    };
  });

export type CustomerForm = z.output<typeof customerFormPayload>;
