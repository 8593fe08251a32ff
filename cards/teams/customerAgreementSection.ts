/**
 * The customer agreement part of the Teams customer cards (MCA1): the fields on the offers card that
 * ask who accepted the Microsoft Customer Agreement for the customer and when, prefilled with what is
 * already known (what was typed before; the customer's admin email, most often the signer's), and the
 * line the review card shows. Apart from customerCards.ts so that file keeps to the steps themselves.
 */
import type { Translate } from '../../i18n/i18n';
import type { CustomerDraft } from '../../services/customers/customerDrafts';

/** The offers card's agreement section (cards/teams/customerOffers.json, `agreement`). */
export interface AgreementSectionData {
  ask: boolean;
  title: string;
  intro: string;
  labels: Record<'firstName' | 'lastName' | 'email' | 'phone' | 'date' | 'required', string>;
  values: { firstName: string; lastName: string; email: string; phone: string; date: string };
}

export function agreementSection(t: Translate, draft: CustomerDraft): AgreementSectionData {
  const label = (key: string) => t(`customers:teams.agreement.${key}`);
  const given = draft.agreement;
  return {
    ask: Boolean(draft.agreementNeeded),
    title: label('title'),
    intro: t(`customers:teams.agreement.intro.${draft.kind === 'new-customer' ? 'new' : 'existing'}`, {
      company: draft.customer.companyName,
    }),
    labels: {
      firstName: label('firstName'),
      lastName: label('lastName'),
      email: label('email'),
      phone: label('phone'),
      date: label('date'),
      required: t('customers:teams.card.required'),
    },
    // Never asked twice: what was typed before, else the customer's admin email (often the signer's own).
    values: {
      firstName: given?.firstName ?? '',
      lastName: given?.lastName ?? '',
      email: given?.email ?? draft.customer.adminEmail ?? '',
      phone: given?.phoneNumber ?? '',
      date: given?.dateAgreed ?? '',
    },
  };
}

/** The review card's fact for the agreement (MCA1), when the reseller gave one. */
export function agreementFact(t: Translate, draft: CustomerDraft): { title: string; value: string } | undefined {
  const given = draft.agreement;
  if (!given) return undefined;
  return {
    title: t('customers:teams.review.agreement'),
    value: t('customers:teams.review.agreementValue', {
      name: `${given.firstName} ${given.lastName}`,
      contact: [given.email, given.phoneNumber].filter(Boolean).join(', '),
      date: given.dateAgreed,
    }),
  };
}
