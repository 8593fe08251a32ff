import { expect } from 'chai';
import {
  companyNameProblem,
  companyNameSchema,
  countryCodeSchema,
  customerAdminEmailProblem,
  customerSchemaFor,
  domainSchema,
  emailSchema,
  mpnIdSchema,
  sameMpnId,
  tenantIdSchema,
} from '../../../services/domain';

const issue = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues[0]?.message;

describe('identifiers', () => {
  const rows: Array<[string, { safeParse(v: unknown): { success: boolean } }, unknown, boolean]> = [
    ['a tenant id GUID', tenantIdSchema, '3fa85f64-5717-4562-b3fc-2c963f66afa6', true],
    ['an upper-case tenant id GUID', tenantIdSchema, '3FA85F64-5717-4562-B3FC-2C963F66AFA6', true],
    ['a tenant id that is a domain', tenantIdSchema, 'contoso.onmicrosoft.com', false],
    ['a seven-digit MPN ID', mpnIdSchema, '4815162', true],
    ['an MPN ID with letters', mpnIdSchema, '48151A2', false],
    ['an MPN ID longer than ten digits', mpnIdSchema, '12345678901', false],
    ['an MPN ID given as a number', mpnIdSchema, 4815162, false],
    ['an upper-case alpha-2 country', countryCodeSchema, 'SE', true],
    ['a lower-case country', countryCodeSchema, 'se', false],
    ['an alpha-3 country', countryCodeSchema, 'SWE', false],
    ['an email', emailSchema, 'anna@contoso.com', true],
    ['an email without domain', emailSchema, 'anna@', false],
  ];
  for (const [name, schema, value, ok] of rows) {
    it(`${ok ? 'accepts' : 'refuses'} ${name}`, () => {
      expect(schema.safeParse(value).success).to.equal(ok);
    });
  }

  it('treats 0001000001 and 1000001 as one MPN ID (E2, P9)', () => {
    expect(mpnIdSchema.parse('0001000001')).to.equal('1000001');
    expect(mpnIdSchema.parse(' 1000001 ')).to.equal('1000001');
    expect(mpnIdSchema.parse('0')).to.equal('0');
    expect(sameMpnId('0001000001', '1000001')).to.equal(true);
    expect(sameMpnId('1000001', '1000002')).to.equal(false);
    expect(sameMpnId(undefined, '1000001')).to.equal(false);
  });

  it('accepts an internationalised email domain like its punycode form (E4)', () => {
    expect(emailSchema.parse('jan@żółw.pl')).to.equal('jan@xn--w-uga1v8h.pl');
    expect(emailSchema.parse('jan@xn--w-uga1v8h.pl')).to.equal('jan@xn--w-uga1v8h.pl');
    expect(emailSchema.parse('Jan@ŻÓŁW.PL')).to.equal('Jan@xn--w-uga1v8h.pl');
    expect(domainSchema.parse('żółw.pl')).to.equal('xn--w-uga1v8h.pl');
    expect(domainSchema.parse('例え.テスト')).to.equal('xn--r8jz45g.xn--zckzah');
    expect(emailSchema.safeParse('jan@żółw .pl').success).to.equal(false);
  });

  it('reports a catalog key, not English, for a bad MPN ID', () => {
    expect(issue(mpnIdSchema.safeParse('abc'))).to.equal('validation.mpn-id-invalid');
    expect(issue(tenantIdSchema.safeParse('x'))).to.equal('validation.tenant-id-invalid');
  });
});

describe('company name (Partner Center rules)', () => {
  const rows: Array<[string, string | undefined]> = [
    ['Contoso Ltd', undefined],
    ['3M', undefined],
    ['Żabka Polska sp. z o.o.', undefined],
    ['  AB  ', undefined],
    ['A', 'validation.company-name-too-short'],
    [' x ', 'validation.company-name-too-short'],
    ['----', 'validation.company-name-only-special-characters'],
    ['!?', 'validation.company-name-only-special-characters'],
    ['aaaa', 'validation.company-name-repeated-character'],
    ['A a A', 'validation.company-name-repeated-character'],
    ['x'.repeat(300), 'validation.company-name-too-long'],
  ];
  for (const [name, problem] of rows) {
    it(`${problem ? 'refuses' : 'accepts'} "${name.length > 20 ? `${name.slice(0, 10)}…` : name}"`, () => {
      expect(companyNameProblem(name)).to.equal(problem);
      const parsed = companyNameSchema.safeParse(name);
      expect(parsed.success).to.equal(problem === undefined);
      if (problem) expect(issue(parsed)).to.equal(problem);
    });
  }

  it('trims the name it stores', () => {
    expect(companyNameSchema.parse('  Contoso  ')).to.equal('Contoso');
  });
});

describe('customer admin email', () => {
  const own = ['fabrikam.se'];
  const rows: Array<[string, string | undefined]> = [
    ['it@tailspintoys.se', undefined],
    ['admin@microsoft.com', 'validation.admin-email-microsoft'],
    ['admin@Microsoft.COM', 'validation.admin-email-microsoft'],
    ['admin@fabrikam.se', 'validation.admin-email-partner-domain'],
    ['admin@sales.fabrikam.se', 'validation.admin-email-partner-domain'],
    ['admin@notfabrikam.se', undefined],
    ['not-an-email', 'validation.email-invalid'],
  ];
  for (const [email, problem] of rows) {
    it(`${problem ? 'refuses' : 'accepts'} ${email} for a customer of fabrikam.se`, () => {
      expect(customerAdminEmailProblem(email, own)).to.equal(problem);
    });
  }

  it('refuses a new customer whose admin is on the partner’s domain, through the schema', () => {
    const parsed = customerSchemaFor(own).safeParse({
      companyName: 'Tailspin Toys',
      domain: 'tailspintoys.se',
      country: 'SE',
      adminEmail: 'boss@fabrikam.se',
    });
    expect(parsed.success).to.equal(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).to.deep.equal([
      ['adminEmail', 'validation.admin-email-partner-domain'],
    ]);
  });
});
