import { expect } from 'chai';
import { customerChoicesCard, customerReviewCard, existingCustomersCard } from '../../../cards/teams/customerCards';
import { gdapCard } from '../../../cards/teams/gdapCards';
import { confirmedNotice, invitationCard, providersCard } from '../../../cards/teams/invitationCards';
import { waitingRequestsCard } from '../../../cards/teams/waitingRequestsCard';
import { SUPPORTED_LANGUAGES } from '../../../i18n/i18n';
import { teamsTranslatorFor } from '../../../i18n/teamsMarkdown';
import type { CustomerDraft } from '../../../services/customers/customerDrafts';
import type { CustomerRequest } from '../../../services/customers';
import type { ResellerGdapRow } from '../../../services/gdap/resellerGdap';
import type { Provider, ProviderRow } from '../../../services/partnerships/types';
import { loadRegionTable } from '../../../services/rules/regionTable';
import { inTeamsMarkdown, type TeamsTexts, teamsTextsOf } from '../../support/drivers/teamsTexts';

/** Names as people type them: HTML's and markdown's characters in each. */
const PROVIDER = 'Smith & Sons <EU>';
const CUSTOMER = 'Kowalski & Córka <PL>';
const CONTACT = '*Anna*_Nowak';

/** In markdown the name is escaped once (never raw, never twice); where Teams shows text as it is, as typed. */
function expectReadAsTyped(texts: TeamsTexts, name: string, where: { markdown?: boolean; plain?: boolean }) {
  const markdown = texts.markdown.join('\n');
  const plain = texts.plain.join('\n');
  expect(markdown + plain)
    .to.not.include('&amp;amp;')
    .and.not.include('\\\\');
  if (where.markdown) expect(markdown, 'markdown').to.include(inTeamsMarkdown(name));
  expect(markdown, 'markdown').to.not.include(name);
  if (where.plain) expect(plain, 'shown as it is').to.include(name);
  expect(plain, 'shown as it is').to.not.include(inTeamsMarkdown(name));
}

const provider = {
  partner: { legalName: PROVIDER, mpnId: '1234567', country: 'PL' },
  settings: { providerId: 'provider-1' },
} as unknown as Provider;

const draft: CustomerDraft = {
  id: 'draft-1',
  kind: 'new-customer',
  requester: { platform: 'teams', userId: 'u1', tenantId: 't1', name: CONTACT },
  providerId: 'provider-1',
  customer: { companyName: CUSTOMER, domain: 'kowalski.pl', country: 'PL', adminEmail: 'it@kowalski.pl' },
  address: { line1: 'ul. <Długa> 1', city: 'Kraków', postalCode: '30-001', country: 'PL' },
  subscriptions: [{ offerId: 'offer-1', offerName: 'Business & <Basic>', licences: 5 }],
  agreement: { firstName: '*Anna*', lastName: '_Nowak', email: 'anna@kowalski.pl', dateAgreed: '2026-12-01' },
  state: 'open',
  createdAt: '2026-12-01T09:00:00.000Z',
} as unknown as CustomerDraft;

describe('Names people typed read as typed in Teams: escaped once in markdown, as typed in inputs and buttons (Teams escaping)', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    const t = teamsTranslatorFor(language);

    it(`the invitation card and the confirmed notice name the distributor as typed, in ${language} (P3)`, () => {
      const card = teamsTextsOf(
        invitationCard(t, {
          code: 'code-1',
          providerName: PROVIDER,
          providerMpnId: '1234567',
          providerCountry: 'PL',
          email: 'admin@smith.example',
          expiresAt: '2026-12-31T00:00:00.000Z',
        }),
      );
      // The intro and the fact are markdown; the consent toggle's title is shown as it is.
      expectReadAsTyped(card, PROVIDER, { markdown: true, plain: true });
      expectReadAsTyped(teamsTextsOf(confirmedNotice(t, { providerName: PROVIDER })), PROVIDER, { markdown: true });
    });

    it(`the providers card and the GDAP card, in ${language} (P4, G1)`, () => {
      const rows = [
        {
          partnership: { providerId: 'provider-1', decidedAt: '2026-10-01T00:00:00.000Z' },
          provider: provider.partner,
        },
      ] as unknown as ProviderRow[];
      expectReadAsTyped(teamsTextsOf(providersCard(t, rows, loadRegionTable(), [])), PROVIDER, { markdown: true });
      const gdap = gdapCard(t, [
        { customerName: CUSTOMER, providerName: PROVIDER, customerTenantId: 'c1', needsOwnGdap: true },
      ] as unknown as ResellerGdapRow[]);
      expectReadAsTyped(teamsTextsOf(gdap), CUSTOMER, { markdown: true });
      expectReadAsTyped(teamsTextsOf(gdap), PROVIDER, { markdown: true });
    });

    it(`the customer cards: the review's facts, the existing customers' choices, the offers' inputs, in ${language} (C3, MCA1)`, () => {
      const review = teamsTextsOf(customerReviewCard(t, draft, { provider: PROVIDER, status: '', open: true }));
      expectReadAsTyped(review, CUSTOMER, { markdown: true });
      expectReadAsTyped(review, PROVIDER, { markdown: true });
      expectReadAsTyped(review, 'ul. <Długa> 1', { markdown: true });
      expect(review.markdown.join('\n')).to.include('\\*Anna\\* \\_Nowak');

      const existing = teamsTextsOf(
        existingCustomersCard(t, [
          { provider, customers: [{ companyName: CUSTOMER, domain: 'kowalski.pl', tenantId: 'c1' }] },
        ]),
      );
      expectReadAsTyped(existing, CUSTOMER, { plain: true });

      const offers = teamsTextsOf(
        customerChoicesCard(
          t,
          draft,
          {
            kind: 'offers',
            offers: [{ id: 'offer-1', name: 'Business & <Basic>', minimumQuantity: 1, maximumQuantity: 300 }],
          } as never,
          PROVIDER,
        ),
      );
      expectReadAsTyped(offers, 'Business & <Basic>', { plain: true });
      expectReadAsTyped(offers, CUSTOMER, { markdown: true });
    });

    it(`the requests waiting for the distributor, in ${language} (C3)`, () => {
      const request = {
        id: 'req-1',
        kind: 'new-customer',
        providerId: 'provider-1',
        customer: draft.customer,
        subscriptions: [{ offerId: 'offer-1', offerName: 'Business & <Basic>', licences: 5 }],
        requestedBy: { platform: 'teams', userId: 'u1', name: CONTACT },
        createdAt: '2026-12-01T09:00:00.000Z',
      } as unknown as CustomerRequest;
      const card = teamsTextsOf(waitingRequestsCard(t, [request], () => PROVIDER, new Date('2026-12-02T09:00:00Z')));
      expectReadAsTyped(card, CUSTOMER, { markdown: true });
      expectReadAsTyped(card, PROVIDER, { markdown: true });
      expectReadAsTyped(card, CONTACT, { markdown: true });
    });
  }
});
