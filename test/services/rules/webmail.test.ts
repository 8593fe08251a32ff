import { expect } from 'chai';
import { isWebmail, loadWebmailList, matchesWebmailPattern } from '../../../services/rules';

describe('webmail list (E4)', () => {
  const rows: Array<[string, boolean]> = [
    ['someone@gmail.com', true],
    ['someone@GMAIL.COM', true],
    ['someone@yahoo.co.jp', true],
    ['someone@yahoo.com.br', true],
    ['someone@hotmail.fr', true],
    ['someone@live.nl', true],
    ['someone@outlook.de', true],
    ['admin@contoso.onmicrosoft.com', true],
    ['someone@contoso.com', false],
    ['someone@gmail.contoso.com', false],
    ['someone@yahoo.contoso.de', false],
    ['someone@notgmail.com', false],
    ['no-domain', false],
  ];
  for (const [email, webmail] of rows) {
    it(`${webmail ? 'recognises' : 'does not flag'} ${email} (E4)`, () => {
      expect(isWebmail(email)).to.equal(webmail);
    });
  }

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
