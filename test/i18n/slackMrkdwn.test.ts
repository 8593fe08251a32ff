import { expect } from 'chai';
import { languageOf } from '../../i18n/format';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../i18n/i18n';
import { escapeMrkdwn, markup, mrkdwnTranslator, plainTranslator } from '../../i18n/slackMrkdwn';
import { catalogStrings } from './catalogKeys';

const TYPED = 'Smith & Sons <EU>';
const ESCAPED = 'Smith &amp; Sons &lt;EU&gt;';

describe('Slack mrkdwn: what a person typed reads as typed (Slack escaping: & < >)', () => {
  it('writes &, < and > as Slack’s entities and leaves everything else, mrkdwn included, as it is', () => {
    expect(escapeMrkdwn(TYPED)).to.equal(ESCAPED);
    expect(escapeMrkdwn('*bold* _it_ `code` "quoted" it’s / é')).to.equal('*bold* _it_ `code` "quoted" it’s / é');
    // An entity someone typed reads as they typed it, not as the character it names.
    expect(escapeMrkdwn('R&amp;D')).to.equal('R&amp;amp;D');
  });

  it('escapes each interpolated value once, and none of the catalog’s own text', () => {
    const t = mrkdwnTranslator(translatorFor('en'));
    const plain = translatorFor('en');
    expect(t('partnerships:slack.notice.confirmed', { reseller: TYPED })).to.equal(
      plain('partnerships:slack.notice.confirmed', { reseller: ESCAPED }),
    );
    expect(t('partnerships:slack.notice.confirmed', { reseller: TYPED }))
      .to.include(ESCAPED)
      .and.not.include(TYPED);
  });

  it('passes our own markup (mentions, channels) as it is', () => {
    const t = mrkdwnTranslator(translatorFor('en'));
    const text = t('customers:slack.credentialsInChannel', { channel: markup('<#C0APPROVALS>') });
    expect(text).to.include('<#C0APPROVALS>').and.not.include('&lt;');
  });

  it('keeps counts, numbers and dates working, in the reader’s language', () => {
    const t = mrkdwnTranslator(translatorFor('pl'));
    expect(languageOf(t)).to.equal('pl');
    expect(t('customers:slack.home.title', { count: 3 })).to.equal(
      translatorFor('pl')('customers:slack.home.title', { count: 3 }),
    );
    expect(t('partnerships:slack.resend.sameLink', { email: 'a&b@x.pl', expires: '2026-12-31' })).to.equal(
      translatorFor('pl')('partnerships:slack.resend.sameLink', { email: 'a&amp;b@x.pl', expires: '2026-12-31' }),
    );
  });

  it('escapes once however often a translator is made a mrkdwn one, and gives the plain one back for plain_text', () => {
    const plain = translatorFor('sv');
    const t = mrkdwnTranslator(plain);
    expect(mrkdwnTranslator(t)).to.equal(t);
    expect(mrkdwnTranslator(plain)).to.equal(t);
    expect(plainTranslator(t)).to.equal(plain);
    expect(plainTranslator(plain)).to.equal(plain);
    expect(plainTranslator(t)('partnerships:slack.notice.confirmed', { reseller: TYPED })).to.include(TYPED);
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`the ${language} catalogs write no &, < or > of their own: their text goes to Slack unescaped`, () => {
      // The translator escapes values only; a catalog's own `&` or `<` would reach Slack's mrkdwn as markup.
      const found = catalogStrings(language)
        .filter(([, text]) => /[&<>]/.test(text))
        .map(([key, text]) => `${key}: “${text}”`);
      expect(found).to.deep.equal([]);
    });
  }
});
