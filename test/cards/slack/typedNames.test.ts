import { expect } from 'chai';
import {
  type RequestView,
  pendingHomeBlocks,
  rejectModal,
  requestBlocks,
} from '../../../cards/slack/customers/requestBlocks';
import { resellerCustomersBlocks } from '../../../cards/slack/customers/resellerCustomersBlocks';
import { draftEmail, draftModal } from '../../../cards/slack/partnerships/invitationModals';
import { removeModal } from '../../../cards/slack/partnerships/removeModal';
import { resellersBlocks } from '../../../cards/slack/partnerships/resellersBlocks';
import { readinessBlocks } from '../../../cards/slack/readiness/readinessBlocks';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../../i18n/i18n';
import type { ReadinessReport } from '../../../services/readiness/readyToTransact';
import type { Invitation, ResellerRow } from '../../../services/partnerships/types';
import { inMrkdwn, type SlackTexts, slackTextsOf } from '../../support/drivers/slackTexts';

/** Names as people type them: Slack's three markup characters in each. */
const RESELLER = 'Smith & Sons <EU>';
const CUSTOMER = 'Kowalski & Córka <PL>';
const escaped = inMrkdwn;

type Texts = SlackTexts;
const textsOf = (tree: unknown) => slackTextsOf(tree);

/** The name is in mrkdwn escaped once (never raw, never twice), and in plain text as typed (never escaped). */
function expectReadAsTyped(texts: Texts, name: string, where: { mrkdwn?: boolean; plain?: boolean }) {
  const all = [...texts.mrkdwn, ...texts.plain].join('\n');
  expect(all).to.not.include('&amp;amp;').and.not.include('&amp;lt;');
  if (where.mrkdwn) expect(texts.mrkdwn.join('\n'), 'mrkdwn').to.include(escaped(name));
  expect(texts.mrkdwn.join('\n'), 'mrkdwn').to.not.include(name);
  if (where.plain) expect(texts.plain.join('\n'), 'plain_text').to.include(name);
  expect(texts.plain.join('\n'), 'plain_text').to.not.include(escaped(name));
}

const view: RequestView = {
  id: 'req-1',
  kind: 'new-customer',
  reseller: RESELLER,
  requestedBy: 'Piotr <Admin> Nowak',
  companyName: CUSTOMER,
  domain: 'kowalski.pl',
  country: 'PL',
  adminEmail: 'it@kowalski.pl',
  subscriptions: [{ name: 'Microsoft 365 Business Standard', licences: 10 }],
  agreement: { name: 'Ewa & Jan', email: 'ewa@kowalski.pl', date: '2026-12-01' },
  createdAt: '2026-12-01T09:00:00.000Z',
};

const partnership = {
  id: 'ps-1',
  providerId: 'provider-1',
  resellerId: 'reseller-1',
  state: 'active',
  createdBy: { platform: 'slack', teamId: 'T1', userId: 'U1' },
  createdAt: '2026-10-01T09:00:00.000Z',
  decidedAt: '2026-10-02T09:00:00.000Z',
} as unknown as ResellerRow['partnership'];
const invitation = {
  id: 'inv-1',
  providerId: 'provider-1',
  email: 'admin@smith.example',
  companyName: RESELLER,
  state: 'sent',
  createdBy: { platform: 'slack', teamId: 'T1', userId: 'U1' },
  createdAt: '2026-10-01T09:00:00.000Z',
  expiresAt: '2026-12-01T09:00:00.000Z',
  expired: false,
} as Invitation & { expired: boolean };

describe('Names people typed read as typed in Slack: escaped once in mrkdwn, literal in plain_text (Slack escaping)', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    // The builders get the plain translator here: they make it a mrkdwn one themselves (i18n/slackMrkdwn.ts).
    const t = translatorFor(language);

    it(`the request in the approvals channel and its decision, in ${language} (C3, MCA1)`, () => {
      const pending = textsOf(requestBlocks(t, view));
      expectReadAsTyped(pending, CUSTOMER, { mrkdwn: true });
      expectReadAsTyped(pending, RESELLER, { mrkdwn: true });
      expect(pending.mrkdwn.join('\n')).to.include('Piotr &lt;Admin&gt; Nowak').and.include('Ewa &amp; Jan');
      const decision = {
        state: 'rejected' as const,
        who: 'Maja <Lind>',
        when: view.createdAt!,
        reason: 'C8 & C9 <both>',
      };
      const decided = textsOf(requestBlocks(t, { ...view, decision }));
      expect(decided.mrkdwn.join('\n')).to.include('Maja &lt;Lind&gt;').and.include('C8 &amp; C9 &lt;both&gt;');
    });

    it(`the App Home's pending list and the reject modal, in ${language}`, () => {
      expectReadAsTyped(textsOf(pendingHomeBlocks(t, [view])), CUSTOMER, { mrkdwn: true });
      expectReadAsTyped(textsOf(rejectModal(t, 'req-1', CUSTOMER)), CUSTOMER, { mrkdwn: true });
    });

    it(`/csp resellers: the row and the invitation in mrkdwn, the buttons in plain text, in ${language} (P7)`, () => {
      const rows: ResellerRow[] = [
        { partnership, reseller: { legalName: RESELLER } as ResellerRow['reseller'], customerCount: 2 },
      ];
      expectReadAsTyped(textsOf(resellersBlocks(t, rows, [invitation])), RESELLER, { mrkdwn: true, plain: true });
    });

    it(`a reseller's customers: the header in plain text, the customers in mrkdwn, in ${language} (C3, C4)`, () => {
      const customers = [{ name: CUSTOMER, domain: 'kowalski.pl', subscriptions: [] }];
      const texts = textsOf(resellerCustomersBlocks(t, RESELLER, customers));
      expectReadAsTyped(texts, RESELLER, { plain: true });
      expectReadAsTyped(texts, CUSTOMER, { mrkdwn: true });
    });

    it(`removing a partnership names the reseller in mrkdwn, in ${language} (P7)`, () => {
      expectReadAsTyped(textsOf(removeModal(t, { id: 'reseller-1', name: RESELLER })), RESELLER, { mrkdwn: true });
    });

    it(`the draft email is plain text for the rep to copy, as typed, in ${language} (P2)`, () => {
      const link = 'https://csp.example/invitations/abc?x=1&y=2';
      const draft = draftEmail(t, { providerName: 'Contoso', companyName: RESELLER, link, expiresAt: '2026-12-31' });
      expect(draft).to.include(RESELLER).and.include(link);
      const texts = textsOf(draftModal(t, draft, link));
      expectReadAsTyped(texts, RESELLER, { plain: true });
      expect(texts.mrkdwn.join('\n')).to.include('https://csp.example/invitations/abc?x=1&amp;y=2');
    });

    it(`/csp ready: the heading in plain text, the lines in mrkdwn, in ${language} (issue 15 item 6)`, () => {
      const report = {
        reseller: { tenantId: 'reseller-1', name: RESELLER, mpnId: '1234567' },
        distributor: { id: 'provider-1', name: 'Contoso' },
        ready: false,
        conditions: [],
        customers: { shown: [], total: 0 },
      } as unknown as ReadinessReport;
      const texts = textsOf(readinessBlocks(t, report));
      expectReadAsTyped(texts, RESELLER, { plain: true });
    });
  }

  it('cuts a long section at Slack’s 3000 characters without leaving half an entity', () => {
    const subscriptions = Array.from({ length: 200 }, (_, i) => ({
      name: `Plan <${i}> & more`,
      quantity: 1,
      onRecord: false,
      supportContact: false,
    }));
    // The cut moves one character with each longer domain: some of them fall inside an entity.
    for (let pad = 0; pad < 12; pad++) {
      const customers = [{ name: CUSTOMER, domain: `${'k'.repeat(pad)}.pl`, subscriptions }];
      const long = textsOf(resellerCustomersBlocks(translatorFor('en'), RESELLER, customers)).mrkdwn.find(
        (text) => text.length > 2900,
      );
      expect(long?.length).to.be.at.most(3000);
      expect(long, `domain of ${pad + 3}`).to.not.match(/&[a-z]*$/);
    }
  });
});
