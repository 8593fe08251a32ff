import { z } from 'zod';
import { VETTING_STATUSES, VETTING_SUB_STATUSES } from './gateway';
import { relationshipTypeInput } from './inputs';

/**
 * Partner Center's JSON, as its REST reference documents it: request bodies in PascalCase, answers in
 * camelCase. The REST client parses every answer with these schemas (an answer that does not fit is a
 * `malformed-response`, never a crash further on); the local test fake builds its answers from the
 * same types, so the two cannot drift apart silently.
 */

/** Partner Center sends some numbers as strings ("2203"), and MPN IDs as either. */
const numeric = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const idString = z.union([z.string(), z.number().transform(String)]);

export const errorBody = z.object({
  code: z.union([numeric, z.string().transform(() => undefined)]).optional(),
  description: z.string().optional(),
});

export const mpnProfileResponse = z.object({
  mpnId: idString,
  partnerName: z.string(),
  country: z.string().optional(),
});

export const validateResellersRequest = z.object({ partnerIds: z.array(z.string()) });
export const validateResellersResponse = z.object({
  validationResults: z.array(
    z.object({
      partnerId: idString,
      isValidPartnerIdOnRecord: z.boolean(),
      errorCode: z.union([numeric, z.string()]).optional(),
      errorDescription: z.string().optional(),
    }),
  ),
});

export const agreementStatusResponse = z.object({ isAgreementSigned: z.boolean() });

export const relationshipsResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mpnId: idString.optional(),
      location: z.string().optional(),
      relationshipType: relationshipTypeInput,
      state: z.string(),
    }),
  ),
});

export const offersResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      minimumQuantity: z.number(),
      maximumQuantity: z.number(),
    }),
  ),
});

export const customerRequest = z.object({
  CompanyProfile: z.object({ Domain: z.string() }),
  BillingProfile: z.object({
    Email: z.string(),
    Culture: z.string(),
    Language: z.string(),
    CompanyName: z.string(),
    DefaultAddress: z.object({
      Country: z.string(),
      City: z.string(),
      AddressLine1: z.string(),
      PostalCode: z.string().optional(),
    }),
  }),
  AssociatedPartnerId: z.string(),
});

export const customerResponse = z.object({
  id: z.string(),
  companyProfile: z.object({ domain: z.string(), companyName: z.string() }),
  billingProfile: z.object({ defaultAddress: z.object({ country: z.string() }) }),
  associatedPartnerId: z.string().optional(),
  // A repeated request (same MS-RequestId) may come back without the password: it is shown once.
  userCredentials: z.object({ userName: z.string(), password: z.string().optional() }),
});

export const orderRequest = z.object({
  ReferenceCustomerId: z.string(),
  BillingCycle: z.string(),
  LineItems: z.array(
    z.object({
      LineItemNumber: z.number(),
      OfferId: z.string(),
      Quantity: z.number(),
      PartnerIdOnRecord: z.string().optional(),
    }),
  ),
});

export const orderResponse = z.object({
  id: z.string(),
  referenceCustomerId: z.string(),
  lineItems: z
    .array(
      z.object({
        lineItemNumber: z.number(),
        offerId: z.string(),
        subscriptionId: z.string(),
        quantity: z.number(),
        partnerIdOnRecord: idString.optional(),
      }),
    )
    .min(1),
});

/** `GET /v1/customers` (optionally `filter={"Field":"IndirectReseller","Value":<tenant>,"Operator":"starts_with"}`). */
export const customersResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(
    z.object({
      id: z.string(),
      companyProfile: z.object({ domain: z.string(), companyName: z.string() }),
      billingProfile: z
        .object({
          email: z.string().optional(),
          defaultAddress: z.object({ country: z.string() }).partial().optional(),
        })
        .optional(),
      associatedPartnerId: z.string().optional(),
    }),
  ),
});

/** One subscription resource; `partnerId` is the partner of record (P9). */
export const subscriptionResource = z.object({
  id: z.string(),
  offerId: z.string(),
  offerName: z.string().optional(),
  quantity: z.number(),
  orderId: z.string(),
  partnerId: idString.optional(),
  creationDate: z.string().optional(),
});

export const subscriptionsResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(subscriptionResource),
});

/** `PATCH /v1/customers/{customer}/subscriptions/{subscription}`: the fields to change. */
export const subscriptionPatchRequest = z.object({
  PartnerId: z.string().optional(),
  Quantity: z.number().int().optional(),
});

export const supportContactRequest = z.object({
  SupportTenantId: z.string(),
  SupportMpnId: z.string(),
  Name: z.string(),
});
export const supportContactResponse = z.object({
  supportTenantId: z.string(),
  supportMpnId: idString,
  name: z.string(),
});

export const relationshipRequestResponse = z.object({ url: z.url() });

export const legalBusinessResponse = z.object({
  companyName: z.string(),
  address: z.object({ country: z.string() }),
  primaryContact: z.object({ email: z.string().optional() }).optional(),
  vettingStatus: z.enum(VETTING_STATUSES),
  // A sub-status Microsoft adds later is still a step in progress: shown as Other rather than failing the read.
  vettingSubStatus: z.enum(VETTING_SUB_STATUSES).catch('Other'),
});

export type Wire<S extends z.ZodType> = z.input<S>;
