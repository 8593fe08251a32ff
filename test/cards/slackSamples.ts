import type { Translate } from '../../i18n/i18n';
import { assessReadiness } from '../../services/rules/readinessRules';
import { homePage } from '../../bot/features/readinessHome';

/**
 * Sample arguments for every function exported by cards/slack/**: `<file relative to cards/slack>#<export>`
 * → the argument lists to call it with (the worst cases included: long lists, every state). A new
 * builder without an entry here fails test/cards/slackBlocks.test.ts.
 */
export type SlackSamples = Record<string, (t: Translate) => unknown[][]>;

const actor = { platform: 'slack', teamId: 'T0001', userId: 'U0001', name: 'Maja Lind' };
const longName = 'Fabrikam Distribution Polska Spółka z ograniczoną odpowiedzialnością Oddział w Krakowie';

const partnership = (i: number, state: string) => ({
  id: `ps-${i}`,
  providerId: 'provider-1',
  resellerId: `72f988bf-86f1-41af-91ab-2d7cd011db${String(i).padStart(2, '0')}`,
  state,
  createdBy: actor,
  createdAt: '2026-10-01T09:00:00.000Z',
  decidedBy: actor,
  decidedAt: '2026-10-02T09:00:00.000Z',
});

const reseller = (i: number) => ({
  id: `reseller-${i}`,
  legalName: `${longName} ${i}`,
  status: { verification: 'Verified', mpaSigned: i % 2 === 0 },
});

const invitation = (i: number, expired: boolean) => ({
  id: `inv-${i}`,
  providerId: 'provider-1',
  email: `admin${i}@contoso${i}.example`,
  companyName: `${longName} ${i}`,
  state: 'sent',
  createdBy: actor,
  createdAt: '2026-10-01T09:00:00.000Z',
  expiresAt: '2026-12-01T09:00:00.000Z',
  expired,
});

const many = <T>(count: number, make: (i: number) => T) => Array.from({ length: count }, (_, i) => make(i + 1));

const requestView = (kind: string) => ({
  id: 'req-1',
  kind,
  reseller: longName,
  requestedBy: 'Piotr Nowak',
  companyName: `${longName} Klient`,
  domain: 'nowy-klient-z-bardzo-dluga-nazwa-domeny.example.pl',
  country: 'PL',
  adminEmail: 'administrator@nowy-klient-z-bardzo-dluga-nazwa-domeny.example.pl',
  subscriptions: many(6, (i) => ({ name: `Microsoft 365 Business Standard ${i}`, licences: 300 })),
  createdAt: '2026-10-01T09:00:00.000Z',
});

export const SLACK_SAMPLES: SlackSamples = {
  'helpBlocks.ts#helpBlocks': (t) => [
    [t, many(12, (i) => ({ name: `command${i}`, description: t('common:slack.commands.language') }))],
    [t, []],
  ],
  'homeView.ts#homeView': (t) => [
    [t, []],
    [t, many(40, (i) => ({ type: 'section', text: { type: 'mrkdwn', text: `Section ${i}` } }))],
  ],
  'partnerships/setupModal.ts#setupModal': (t) => [
    [t],
    [t, undefined, []],
    [
      t,
      undefined,
      many(150, (i) => ({ id: `S${String(i).padStart(8, '0')}`, name: `${longName} ${i} (@group-${i})` })),
    ],
    [
      t,
      {
        partner: {
          legalName: longName,
          mpnId: '1234567',
          tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
          country: 'PL',
        },
        settings: {
          teamId: 'T0001',
          providerId: 'provider-1',
          approverUserIds: ['U0001', 'U0002'],
          approverGroup: { id: 'S0DELETED', name: 'Old approvers (@old-approvers)' },
          channelId: 'C0001',
          updatedBy: actor,
          updatedAt: '2026-10-01T09:00:00.000Z',
        },
      },
      [{ id: 'S0001', name: 'CSP approvers (@csp-approvers)' }],
    ],
  ],
  'partnerships/invitationModals.ts#inviteModal': (t) => [[t]],
  'partnerships/invitationModals.ts#draftEmail': (t) => [
    [
      t,
      {
        providerName: longName,
        companyName: 'Contoso',
        link: 'https://csp.example/i/abc',
        expiresAt: '2026-12-01T09:00:00.000Z',
      },
    ],
  ],
  'partnerships/invitationModals.ts#draftModal': (t) => [
    [t, 'Dear Contoso,\n\nplease authorise us: https://csp.example/i/abc', 'https://csp.example/i/abc'],
    [
      t,
      'Dear Contoso,\n\nplease authorise us: https://csp.example/i/abc',
      'https://csp.example/i/abc',
      t('partnerships:slack.resend.newLink', { email: 'admin@contoso.example', expires: '2026-12-01' }),
    ],
  ],
  'partnerships/resellersBlocks.ts#resellersBlocks': (t) => [
    [t, [], []],
    [
      t,
      many(30, (i) => ({ partnership: partnership(i, i % 3 === 0 ? 'ended' : 'active'), reseller: reseller(i) })),
      many(30, (i) => invitation(i, i % 2 === 0)),
    ],
  ],
  'partnerships/removeModal.ts#removeModal': (t) => [
    [t, { id: '72f988bf-86f1-41af-91ab-2d7cd011db47', name: longName }],
  ],
  'partnerships/auditBlocks.ts#auditBlocks': (t) => [
    [t, []],
    [
      t,
      many(60, (i) => ({
        at: '2026-10-01T09:00:00.000Z',
        providerId: 'provider-1',
        actor,
        action: 'invitation.create',
        outcome: i % 5 === 0 ? 'refused' : 'done',
        rules: i % 5 === 0 ? ['P6'] : [],
        details: { invitation: `inv-${i}` },
      })),
    ],
  ],
  'partnerships/noticeBlocks.ts#noticeBlocks': () => [['The partnership with Contoso is active.']],
  'customers/requestBlocks.ts#requestBlocks': (t) => {
    const view = requestView('new-customer');
    return [
      [t, view],
      [t, { ...view, decision: { state: 'approved', who: 'Jan Wiśniewski', when: '2026-10-02T09:00:00.000Z' } }],
      [
        t,
        {
          ...view,
          subscriptions: [],
          decision: { state: 'rejected', who: 'Jan', when: '2026-10-02T09:00:00.000Z', reason: 'x'.repeat(500) },
        },
      ],
      [t, { ...requestView('add-subscription'), supportContact: true }],
      [
        t,
        {
          ...requestView('reseller-on-record'),
          decision: { state: 'failed', who: 'Jan', when: '2026-10-02T09:00:00.000Z' },
        },
      ],
      [t, requestView('designated-support-contact')],
      [
        t,
        {
          ...requestView('licence-change'),
          subscriptions: many(6, (i) => ({ name: `Microsoft 365 Business Basic ${i}`, licences: 300, from: 1 })),
          clock: { ageMs: 50 * 3_600_000, windowLeftMs: 0 },
          partnerOfRecord: {
            when: '2026-10-01T09:00:00.000Z',
            partnerId: '2345678',
            valid: false,
            errorCode: '900400',
          },
        },
      ],
    ];
  },
  'customers/requestBlocks.ts#pendingHomeBlocks': (t) => [
    [t, []],
    [t, many(3, (i) => requestView(i % 2 ? 'new-customer' : 'reseller-on-record'))],
    [t, many(35, () => requestView('add-subscription'))],
    [t, many(3, () => ({ ...requestView('licence-change'), clock: { ageMs: 3_600_000, windowLeftMs: 86_400_000 } }))],
  ],
  'customers/resellerCustomersBlocks.ts#resellerCustomersBlocks': (t) => [
    [t, longName, []],
    [
      t,
      longName,
      many(60, (i) => ({
        name: `${longName} Klient ${i}`,
        domain: `klient${i}-z-bardzo-dluga-nazwa.onmicrosoft.com`,
        subscriptions: many(i % 2 ? 6 : 0, (j) => ({
          name: `Microsoft 365 Business Standard ${j}`,
          quantity: 300,
          onRecord: j % 2 === 0,
          supportContact: j % 3 === 0,
        })),
      })),
    ],
  ],
  'customers/requestBlocks.ts#rejectModal': (t) => [[t, 'req-1', longName]],
  'readiness/readinessBlocks.ts#readinessBlocks': (t) => [
    [t, readinessReport('none')],
    [t, readinessReport('many')],
  ],
  'readiness/readinessHomeBlocks.ts#readinessHomeBlocks': (t) => [
    [t, homePage([], 1)],
    [
      t,
      homePage(
        many(3, (i) => ({ ...readinessReport('none'), reseller: { tenantId: `r-${i}`, name: `${longName} ${i}` } })),
        1,
      ),
    ],
    [
      t,
      homePage(
        many(400, (i) => ({
          ...readinessReport('none'),
          reseller: { tenantId: `r-${i}`, name: `${longName} ${i}` },
          ready: i % 3 === 0,
        })),
        2,
      ),
    ],
  ],
};

/** A report with every condition failing (the longest texts) and no customers, or ten shown of sixty. */
function readinessReport(customers: 'none' | 'many') {
  const { conditions } = assessReadiness({
    reseller: {
      tenantId: 'reseller-1',
      mpnId: '1234567',
      country: 'PL',
      enrolment: 'submitted',
      submittedAt: '2026-12-01T10:00:00.000Z',
      expectedFrom: '2026-12-04T10:00:00.000Z',
      expectedTo: '2026-12-08T10:00:00.000Z',
    },
    distributor: { name: longName, country: 'SE' },
    partnership: { state: 'awaiting-partner-center', listedByPartnerCenter: false },
    validation: {
      partnerId: '1234567',
      isValidPartnerIdOnRecord: false,
      errorCode: 900400,
      errorDescription: 'The reseller has compliance issues (a rejected profile or overdue payments).',
    },
    mpaSigned: false,
  });
  return {
    reseller: { tenantId: 'reseller-1', name: longName, mpnId: '1234567' },
    distributor: { id: 'provider-1', name: longName },
    ready: false,
    conditions,
    customers:
      customers === 'none'
        ? { shown: [], total: 0 }
        : {
            total: 60,
            shown: many(10, (i) => ({
              domain: `klient${i}-z-bardzo-dluga-nazwa.onmicrosoft.com`,
              companyName: `${longName} Klient ${i}`,
              state: i % 2 ? ('met' as const) : ('failed' as const),
              signer: 'Ewa Lis',
              dateAgreed: '2026-12-03',
            })),
          },
  };
}
