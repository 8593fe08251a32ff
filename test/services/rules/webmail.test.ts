import { expect } from 'chai';
import { isInitialDomain, isWebmail, loadWebmailList, matchesWebmailPattern } from '../../../services/rules';

describe('webmail list (E4)', () => {
  const rows: Array<[string, boolean]> = [
    ['someone@gmail.com', true],
    ['someone@GMAIL.COM', true],
    ['someone@ｇｍａｉｌ.com', true],
    ['someone@yahoo.co.jp', true],
    ['someone@yahoo.com.br', true],
    ['someone@hotmail.fr', true],
    ['someone@live.nl', true],
    ['someone@outlook.de', true],
    // The consumer domains of the named services, beyond the brand's own .com (issue 19).
    ['someone@aol.co.uk', true],
    ['someone@aol.de', true],
    ['someone@aim.com', true],
    ['someone@rocketmail.com', true],
    ['someone@ymail.com', true],
    ['someone@hotmail.co.uk', true],
    ['someone@live.com.au', true],
    ['someone@msn.com', true],
    ['someone@contoso.com', false],
    ['someone@gmail.contoso.com', false],
    ['someone@yahoo.contoso.de', false],
    ['someone@notgmail.com', false],
    // Company domains on new top-level domains: whole registrable domains, not brand prefixes.
    ['events@live.events', false],
    ['hello@outlook.agency', false],
    ['team@yahoo.dev.contoso.com', false],
    // An initial domain is refused for its own reason (isInitialDomain), not as webmail.
    ['admin@contoso.onmicrosoft.com', false],
    ['no-domain', false],
  ];
  for (const [email, webmail] of rows) {
    it(`${webmail ? 'recognises' : 'does not flag'} ${email} (E4)`, () => {
      expect(isWebmail(email)).to.equal(webmail);
    });
  }

  it('tells an .onmicrosoft.com address apart from webmail, so it gets its own reason (E4)', () => {
    expect(isInitialDomain('admin@contoso.onmicrosoft.com')).to.equal(true);
    expect(isInitialDomain('admin@CONTOSO.OnMicrosoft.com')).to.equal(true);
    expect(isInitialDomain('admin@contoso.com')).to.equal(false);
    expect(isInitialDomain('someone@gmail.com')).to.equal(false);
  });

  it('keeps initial domains when an operator edits the webmail list (E4)', () => {
    expect(isInitialDomain('a@x.onmicrosoft.com', loadWebmailList({ domains: ['mail.ru'] }))).to.equal(true);
  });

  it('matches "*.domain" on the domain itself and on any subdomain (E4)', () => {
    expect(matchesWebmailPattern('onmicrosoft.com', '*.onmicrosoft.com')).to.equal(true);
    expect(matchesWebmailPattern('a.b.onmicrosoft.com', '*.onmicrosoft.com')).to.equal(true);
    expect(matchesWebmailPattern('onmicrosoft.com.evil', '*.onmicrosoft.com')).to.equal(false);
  });

  it('lets an operator replace, add to and remove from the list (E4)', () => {
    const replaced = loadWebmailList({ domains: ['mail.ru'] });
    expect(isWebmail('a@mail.ru', replaced)).to.equal(true);
    expect(isWebmail('a@gmail.com', replaced)).to.equal(false);
    const edited = loadWebmailList('{"add": ["GMX.*"], "remove": ["me.com"]}');
    expect(isWebmail('a@gmx.de', edited)).to.equal(true);
    expect(isWebmail('a@me.com', edited)).to.equal(false);
    expect(isWebmail('a@gmail.com', edited)).to.equal(true);
  });

  it('refuses a malformed operator list', () => {
    expect(() => loadWebmailList({ add: ['not a domain'] })).to.throw(/Webmail override is invalid/);
  });
});
