import type { Locator, Page } from 'playwright-core';
import type { Translate } from '../../i18n/i18n';
import type { Offer } from '../../services/partnerCenter/gateway';
import { expectCard, expectVisible, sendMessage } from './browser';

/**
 * The reseller's customer request in the Agents Playground, as a person fills it in (C3): `customers`,
 * the details card, licence counts on the offers card, Next: review. Shared by the customer demo and
 * the screenshot script, so both walk the cards the same way.
 */

/** What the details card asks for a new customer (the country stays the distributor's, as the card offers it). */
export interface NewCustomer {
  companyName: string;
  domain: string;
  adminEmail: string;
  line1: string;
  city: string;
  postalCode: string;
  /** MCA1: who accepted the Microsoft Customer Agreement for the customer (the email is the admin's, prefilled). */
  signer: { firstName: string; lastName: string };
}

/** The new customer both the screenshots and the customer demo ask for (a Polish bakery, in the distributor's country). */
export const SAMPLE_CUSTOMER: NewCustomer = {
  companyName: 'Piekarnia Kowalski sp. z o.o.',
  domain: 'piekarnia-kowalski.pl',
  adminEmail: 'it@piekarnia-kowalski.pl',
  line1: 'ul. Piekarska 1',
  city: 'Kraków',
  postalCode: '30-001',
  signer: { firstName: 'Jan', lastName: 'Kowalski' },
};

export interface OfferChoice {
  offer: Offer;
  licences: number;
}

/** Types into the card input labelled `label`. */
export async function fillCardInput(card: Locator, label: string, value: string): Promise<void> {
  const input = card.getByLabel(label, { exact: false }).first();
  await expectVisible(input, 5_000, `the field "${label}"`);
  await input.fill(value);
}

/** The offers card's label for an offer: how the reseller finds its licence field. */
export const offerLabel = (t: Translate, offer: Offer) =>
  t('customers:teams.offers.offer', {
    name: offer.name,
    min: offer.minimumQuantity,
    max: offer.maximumQuantity,
    count: offer.maximumQuantity,
  });

/**
 * `customers` (the word in the reader's language) → details → Next → licence counts and who accepted the
 * customer agreement (MCA1) → Next: review.
 * Returns the review card, with every chosen offer shown on it; nothing is sent yet.
 */
export async function reviewNewCustomer(
  page: Page,
  t: Translate,
  customer: NewCustomer,
  offers: OfferChoice[],
): Promise<Locator> {
  await sendMessage(page, t('customers:teams.words.customers'));
  const details = await expectCard(page, t('customers:teams.card.title'), 20_000, 'the customer details card');
  await fillCardInput(details, t('customers:teams.card.companyName'), customer.companyName);
  await fillCardInput(details, t('customers:teams.card.domain'), customer.domain);
  await fillCardInput(details, t('customers:teams.card.adminEmail'), customer.adminEmail);
  await fillCardInput(details, t('customers:teams.card.line1'), customer.line1);
  await fillCardInput(details, t('customers:teams.card.city'), customer.city);
  await fillCardInput(details, t('customers:teams.card.postalCode'), customer.postalCode);
  await details.getByRole('button', { name: t('customers:teams.card.next') }).click();

  const offersTitle = t('customers:teams.offers.title', { company: customer.companyName });
  const offersCard = await expectCard(page, offersTitle, 20_000, 'the subscriptions card');
  for (const { offer, licences } of offers) await fillCardInput(offersCard, offerLabel(t, offer), String(licences));
  // MCA1: who accepted the customer agreement and when; the email field already shows the admin's address.
  await fillCardInput(offersCard, t('customers:teams.agreement.firstName'), customer.signer.firstName);
  await fillCardInput(offersCard, t('customers:teams.agreement.lastName'), customer.signer.lastName);
  await fillCardInput(offersCard, t('customers:teams.agreement.date'), new Date().toISOString().slice(0, 10));
  await offersCard.getByRole('button', { name: t('customers:teams.next.review') }).click();

  const review = await expectCard(page, t('customers:teams.review.title'), 20_000, 'the review card');
  for (const { offer } of offers) await expectVisible(review.getByText(offer.name).first(), 5_000, offer.name);
  const agreement = t('customers:teams.review.agreement');
  await expectVisible(review.getByText(agreement).first(), 5_000, agreement);
  await expectVisible(
    review.getByRole('button', { name: t('customers:teams.review.submit'), exact: true }),
    5_000,
    "the review card's Submit",
  );
  return review;
}
