import type { VettingState } from './verification';

/**
 * The sandbox's demo identities: one provider and the partners it meets, each chosen to exercise a
 * refusal a real distributor runs into. Seeded into an empty store (never over existing data).
 *
 * | who                               | tenant    | MPN ID  | country | account            | MPA | verification              | what it shows (from the Polish provider)         |
 * |-----------------------------------|-----------|---------|---------|--------------------|-----|---------------------------|--------------------------------------------------|
 * | Contoso Dystrybucja sp. z o.o.    | 1111...   | 1234567 | PL      | indirect provider  | yes | Authorized                | the provider acting in Slack                     |
 * | Fabrikam IT sp. z o.o.            | 2222...   | 2345678 | PL      | indirect reseller  | yes | Authorized                | partnered, may transact (M2 signed)              |
 * | Northwind Konsult AB              | 3333...   | 3456789 | SE      | indirect reseller  | no  | Authorized                | partnered, MPA unsigned: 2203 / 2206 (M2)        |
 * | Adventure Works Tecnologia Ltda   | 4444...   | 4567890 | BR      | indirect reseller  | yes | Authorized                | another region: 2201 (P6)                        |
 * | Litware Direct sp. z o.o.         | 5555...   | 5678901 | PL      | direct-bill        | yes | Authorized                | not an indirect reseller: 2204                   |
 * | Wide World Importers sp. z o.o.   | 6666...   | 7890123 | PL      | indirect reseller  | no  | walks, ends Rejected at   | verification moving through its states (E5);     |
 * |                                   |           |         |         |                    |     | BusinessVerification      | the name does not match the registry             |
 * | Tailspin Toys sp. z o.o.          | (none)    | 6789012 | PL      | MPN profile only   | -   | -                         | MPN not in Partner Center: 2200 (M5); free to    |
 * |                                   |           |         |         |                    |     |                           | enrol with in a demo (submitEnrolment)           |
 * | (nobody)                          |           | 9999999 |         |                    |     |                           | an MPN ID that does not exist: not-found / 2200  |
 * | (nobody)                          | 7777...   |         |         |                    |     |                           | a tenant without an account: 2205                |
 *
 * Relationships: Contoso provides for Fabrikam and for Northwind (both Active). Adventure Works has
 * no provider, since no Polish provider may partner with it (P6).
 */

export type SandboxAccountType = 'indirect-provider' | 'indirect-reseller' | 'direct-bill';

export interface SandboxPartnerSeed {
  tenantId: string;
  name: string;
  country: string;
  mpnId: string;
  accountType: SandboxAccountType;
  mpaSigned: boolean;
  primaryContactEmail: string;
  /** `authorized`: verified before the sandbox starts; otherwise the walk starts at seeding and ends here. */
  verification: 'authorized' | { endsAt: VettingState };
}

export const DEMO = {
  provider: {
    tenantId: '11111111-1111-4111-8111-111111111111',
    name: 'Contoso Dystrybucja sp. z o.o.',
    country: 'PL',
    mpnId: '1234567',
    accountType: 'indirect-provider',
    mpaSigned: true,
    primaryContactEmail: 'anna.kowalska@contoso-dystrybucja.pl',
    verification: 'authorized',
  },
  resellerReady: {
    tenantId: '22222222-2222-4222-8222-222222222222',
    name: 'Fabrikam IT sp. z o.o.',
    country: 'PL',
    mpnId: '2345678',
    accountType: 'indirect-reseller',
    mpaSigned: true,
    primaryContactEmail: 'piotr.nowak@fabrikam-it.pl',
    verification: 'authorized',
  },
  resellerWithoutMpa: {
    tenantId: '33333333-3333-4333-8333-333333333333',
    name: 'Northwind Konsult AB',
    country: 'SE',
    mpnId: '3456789',
    accountType: 'indirect-reseller',
    mpaSigned: false,
    primaryContactEmail: 'erik.lindqvist@northwindkonsult.se',
    verification: 'authorized',
  },
  resellerOtherRegion: {
    tenantId: '44444444-4444-4444-8444-444444444444',
    name: 'Adventure Works Tecnologia Ltda',
    country: 'BR',
    mpnId: '4567890',
    accountType: 'indirect-reseller',
    mpaSigned: true,
    primaryContactEmail: 'joao.silva@adventureworks.com.br',
    verification: 'authorized',
  },
  directBill: {
    tenantId: '55555555-5555-4555-8555-555555555555',
    name: 'Litware Direct sp. z o.o.',
    country: 'PL',
    mpnId: '5678901',
    accountType: 'direct-bill',
    mpaSigned: true,
    primaryContactEmail: 'marta.wisniewska@litware.pl',
    verification: 'authorized',
  },
  resellerInVerification: {
    tenantId: '66666666-6666-4666-8666-666666666666',
    name: 'Wide World Importers sp. z o.o.',
    country: 'PL',
    mpnId: '7890123',
    accountType: 'indirect-reseller',
    mpaSigned: false,
    primaryContactEmail: 'tomasz.zielinski@wideworldimporters.pl',
    verification: { endsAt: { status: 'Rejected', subStatus: 'BusinessVerification' } },
  },
  /** An MPN profile with no Partner Center account behind it. */
  mpnOnly: { mpnId: '6789012', partnerName: 'Tailspin Toys sp. z o.o.', country: 'PL' },
  unknownMpnId: '9999999',
  unknownTenantId: '77777777-7777-4777-8777-777777777777',
} as const;

export const SANDBOX_PARTNERS: readonly SandboxPartnerSeed[] = [
  DEMO.provider,
  DEMO.resellerReady,
  DEMO.resellerWithoutMpa,
  DEMO.resellerOtherRegion,
  DEMO.directBill,
  DEMO.resellerInVerification,
];

export const SANDBOX_MPN_ONLY: ReadonlyArray<{ mpnId: string; partnerName: string; country: string }> = [DEMO.mpnOnly];

export const SANDBOX_RELATIONSHIPS: ReadonlyArray<{ providerTenantId: string; resellerTenantId: string }> = [
  { providerTenantId: DEMO.provider.tenantId, resellerTenantId: DEMO.resellerReady.tenantId },
  { providerTenantId: DEMO.provider.tenantId, resellerTenantId: DEMO.resellerWithoutMpa.tenantId },
];
