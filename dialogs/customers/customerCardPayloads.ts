import { z } from 'zod';
import { verbField } from '../cardSubmission';

/**
 * What each customers card verb may carry (Action.Submit data merged with the card's inputs), checked
 * by the Teams edge before anything runs (each command declares its schema as `payload`). Strict: a
 * field no card has is refused. Ids of people and organisations never come from here: they come from
 * the turn.
 */
const text = (max: number) => z.string().trim().max(max);
const draftId = z.guid();
/** Input.Number and Input.Toggle arrive as strings from Teams, as numbers or booleans from some clients. */
const cardValue = z.union([z.string().max(20), z.number(), z.boolean()]);

const customerDetails = z.strictObject({
  verb: verbField,
  companyName: text(255).default(''),
  domain: text(253).default(''),
  country: text(2).default(''),
  adminEmail: text(254).default(''),
  providerId: text(120),
  line1: text(200).default(''),
  city: text(100).default(''),
  postalCode: text(20).default(''),
});

/** MCA1: who accepted the customer agreement for the customer, and when, as the offers card asks it. */
const agreementFields = {
  mcaFirstName: text(100).optional(),
  mcaLastName: text(100).optional(),
  mcaEmail: text(254).optional(),
  mcaPhone: text(40).optional(),
  mcaDate: text(40).optional(),
};

export const CUSTOMER_CARD_PAYLOADS = {
  'customers-invite': customerDetails,
  'customers-offers': customerDetails,
  /** The details card's "An existing customer" button: the card sends its inputs too, unused here. */
  'customers-existing': customerDetails.partial().extend({ verb: verbField }),
  'customers-existing-next': z.strictObject({
    verb: verbField,
    /** `<providerId>|<customer tenant id>`, as the customer choice lists it. */
    customer: z.string().regex(/^slack:[A-Za-z0-9]+\|[0-9a-fA-F-]{36}$/),
    kind: z.enum(['add-subscription', 'licence-change', 'reseller-on-record', 'designated-support-contact']),
  }),
  /** `qty:<offer id>` licence counts, `sub:<subscription id>` toggles, `supportContact`, MCA1's fields. */
  'customers-review': z
    .object({ verb: verbField, draftId, ...agreementFields })
    .catchall(cardValue)
    .refine((value) => Object.keys(value).length <= 200),
  'customers-submit': z.strictObject({ verb: verbField, draftId }),
  'customers-cancel': z.strictObject({ verb: verbField, draftId }),
} as const;

export type CustomerCardVerb = keyof typeof CUSTOMER_CARD_PAYLOADS;
export type CustomerCardPayload<V extends CustomerCardVerb> = z.output<(typeof CUSTOMER_CARD_PAYLOADS)[V]>;

/**
 * What the review verb's card values come to: the licence counts (`qty:`), the subscriptions picked
 * (`sub:`), the support-contact toggle, and the customer agreement as typed (MCA1, checked by the service).
 */
export function reviewChoice(value: CustomerCardPayload<'customers-review'>) {
  const entries = Object.entries(value);
  const licences: Record<string, number> = {};
  for (const [key, raw] of entries) {
    if (!key.startsWith('qty:')) continue;
    const text = String(raw).trim();
    licences[key.slice('qty:'.length)] = text === '' ? 0 : Number(text);
  }
  const subscriptionIds = entries
    .filter(([key, raw]) => key.startsWith('sub:') && String(raw) === 'true')
    .map(([key]) => key.slice('sub:'.length));
  const agreement =
    value.mcaFirstName === undefined
      ? undefined
      : {
          firstName: value.mcaFirstName,
          lastName: value.mcaLastName ?? '',
          email: value.mcaEmail ?? '',
          phoneNumber: value.mcaPhone || undefined,
          dateAgreed: value.mcaDate ?? '',
        };
  return { licences, subscriptionIds, supportContact: String(value.supportContact) === 'true', agreement };
}
