import { z } from 'zod';
import { inputText, verbField } from './cardSubmission';

/** An optional text input of the customer card: Teams may leave an empty one out. */
const field = (max: number) => inputText(max).trim().default('');

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
  companyName: field(255),
  domain: field(253),
  country: field(10),
  adminEmail: field(320),
  providerId: field(200),
  line1: field(200),
  city: field(100),
  postalCode: field(20),
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
