/**
 * Partner Center's JSON for the Microsoft Customer Agreement calls (MCA1), as its REST reference
 * documents it (camelCase both ways for this resource). Beside wire.ts, which holds the other routes:
 * the REST client parses answers with these, the local fake builds its answers from the same types.
 */
import { z } from 'zod';

const contact = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phoneNumber: z.string().optional(),
});

/** `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement`: the current template(s). */
export const agreementMetadataResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(
    z.object({
      templateId: z.string(),
      agreementType: z.literal('MicrosoftCustomerAgreement'),
      agreementLink: z.string().optional(),
      versionRank: z.number().optional(),
    }),
  ),
});

/** `POST /v1/customers/{customer-tenant-id}/agreements`: the body, and the agreement it answers with. */
export const customerAgreementBody = z.object({
  primaryContact: contact,
  dateAgreed: z.string(),
  templateId: z.string(),
  type: z.literal('MicrosoftCustomerAgreement'),
});

/** `GET /v1/customers/{customer-tenant-id}/agreements`: the customer's attested agreements. */
export const customerAgreementsResponse = z.object({
  totalCount: z.number().optional(),
  items: z.array(customerAgreementBody),
});
