import { z } from 'zod';

/**
 * What each customers card verb may carry (Action.Submit data merged with the card's inputs), checked
 * at the edge before anything runs. Exported so the Teams edge can register them with the other
 * verbs' schemas. Ids of people and organisations never come from here: they come from the turn.
 */
const text = (max: number) => z.string().trim().max(max);
const draftId = z.guid();
/** Input.Number and Input.Toggle arrive as strings from Teams, as numbers or booleans from some clients. */
const cardValue = z.union([z.string().max(20), z.number(), z.boolean()]);

const customerDetails = z.object({
  companyName: text(255).default(''),
  domain: text(253).default(''),
  country: text(2).default(''),
  adminEmail: text(254).default(''),
  providerId: text(120),
  line1: text(200).default(''),
  city: text(100).default(''),
  postalCode: text(20).default(''),
});

export const CUSTOMER_CARD_PAYLOADS = {
  'customers-invite': customerDetails,
  'customers-offers': customerDetails,
  'customers-existing': z.object({}),
  'customers-existing-next': z.object({
    /** `<providerId>|<customer tenant id>`, as the customer choice lists it. */
    customer: z.string().regex(/^slack:[A-Za-z0-9]+\|[0-9a-fA-F-]{36}$/),
    kind: z.enum(['add-subscription', 'reseller-on-record', 'designated-support-contact']),
  }),
  /** `qty:<offer id>` licence counts, `sub:<subscription id>` toggles, `supportContact`. */
  'customers-review': z
    .object({ draftId })
    .catchall(cardValue)
    .refine((value) => Object.keys(value).length <= 200),
  'customers-submit': z.object({ draftId }),
  'customers-cancel': z.object({ draftId }),
} as const;

export type CustomerCardVerb = keyof typeof CUSTOMER_CARD_PAYLOADS;
export type CustomerCardPayload<V extends CustomerCardVerb> = z.output<(typeof CUSTOMER_CARD_PAYLOADS)[V]>;

/** The payload for `verb`, or the fields that could not be read (the `verb` itself is not part of it). */
export function parseCustomerCard<V extends CustomerCardVerb>(
  verb: V,
  value: unknown,
): { ok: true; value: CustomerCardPayload<V> } | { ok: false; problems: string } {
  const { verb: _verb, ...rest } = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const parsed = CUSTOMER_CARD_PAYLOADS[verb].safeParse(rest);
  if (parsed.success) return { ok: true, value: parsed.data as CustomerCardPayload<V> };
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '-')))];
  return { ok: false, problems: fields.join(', ').slice(0, 200) };
}
