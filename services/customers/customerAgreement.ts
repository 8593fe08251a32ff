/**
 * The customer's acceptance of the Microsoft Customer Agreement (MCA1): what the reseller gives for a
 * customer that orders (who signed for it, when), checked the same way wherever it comes from, and the
 * attestation the approval makes through the gateway before any order, so no order goes to Partner
 * Center for a customer without one. An existing customer is asked only when Partner Center has none.
 */
import { z } from 'zod';
import type { RequestKind } from '../domain/request';
import { CustomerAgreementErrorCode, PartnerCenterError } from '../partnerCenter/errors';
import type { PartnerCenterSession } from '../partnerCenter/gateway';
import type { Refusal } from '../partnerships/types';

/** Who accepted the agreement for the customer, and the day (the form's fields, each refusal its own code). */
export const customerAgreementSchema = z.object({
  firstName: z.string().trim().min(1, { message: 'mca-signer-missing' }).max(100),
  lastName: z.string().trim().min(1, { message: 'mca-signer-missing' }).max(100),
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'mca-email-invalid' })),
  phoneNumber: z
    .string()
    .trim()
    .regex(/^(\+?[0-9][0-9 ().-]{2,38})?$/, { message: 'mca-phone-invalid' })
    .optional()
    .transform((phone) => phone || undefined),
  dateAgreed: z.iso.date({ message: 'mca-date-invalid' }),
});
export type CustomerAgreementAcceptance = Omit<z.output<typeof customerAgreementSchema>, 'phoneNumber'> & {
  phoneNumber?: string;
};
type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** MCA1: the kinds that order, and so need the customer's acceptance on record before Partner Center takes them. */
export function ordersNeedAgreement(kind: RequestKind): boolean {
  return kind === 'new-customer' || kind === 'add-subscription';
}

/**
 * MCA1: the acceptance as the reseller entered it, or the refusal of its first wrong field. The day
 * may not be after today (the customer accepted before the order), in any time zone the reseller is in.
 */
export function acceptedCustomerAgreement(entered: unknown, today: Date): Outcome<CustomerAgreementAcceptance> {
  if (entered === undefined || entered === null) {
    return { ok: false, refusal: { kind: 'input', code: 'mca-signer-missing', field: 'agreement' } };
  }
  const parsed = customerAgreementSchema.safeParse(entered);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, refusal: { kind: 'input', code: issue.message, field: String(issue.path[0]) } };
  }
  // The reseller's today may be a day ahead of UTC (up to UTC+14): a day later than that is the future.
  const latest = new Date(today.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
  if (parsed.data.dateAgreed > latest) {
    return { ok: false, refusal: { kind: 'input', code: 'mca-date-future', field: 'dateAgreed' } };
  }
  // No phone given is no phone at all (not an empty key), so the stored request and Partner Center agree.
  const { phoneNumber, ...signer } = parsed.data;
  return { ok: true, value: phoneNumber ? { ...signer, phoneNumber } : signer };
}

/** MCA1: whether Partner Center already holds an attested acceptance for this customer (read back, never cached). */
export async function customerAgreementOnRecord(
  session: PartnerCenterSession,
  customerTenantId: string,
): Promise<boolean> {
  return (await session.listCustomerAgreements(customerTenantId)).length > 0;
}

/**
 * MCA1, at approval and before any order: attests the acceptance the request carries with the current
 * template (attesting again, as a resumed approval does, keeps one agreement), or, with none, makes sure
 * Partner Center already has one; otherwise refuses with the code the sandbox gives, so nothing is ordered.
 */
export async function attestBeforeOrdering(
  session: PartnerCenterSession,
  customerTenantId: string,
  acceptance: CustomerAgreementAcceptance | undefined,
): Promise<void> {
  if (!acceptance) {
    if (await customerAgreementOnRecord(session, customerTenantId)) return;
    throw new PartnerCenterError(
      CustomerAgreementErrorCode.NotAttested,
      'The customer has not accepted the Microsoft Customer Agreement (MCA1).',
    );
  }
  const { templateId } = await session.getCustomerAgreementTemplate();
  const { dateAgreed, ...primaryContact } = acceptance;
  await session.attestCustomerAgreement(customerTenantId, {
    primaryContact,
    dateAgreed,
    templateId,
    type: 'MicrosoftCustomerAgreement',
  });
}
