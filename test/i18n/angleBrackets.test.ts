import { expect } from 'chai';
import { SUPPORTED_LANGUAGES } from '../../i18n/i18n';
import { catalogStrings } from './catalogKeys';

/**
 * A placeholder in a command's usage is written in square brackets (`/csp remove [reseller name or tenant
 * ID]`, `ready [customer domain]`), never in angle brackets: Teams takes `<…>` for markup and shows nothing
 * of it ("gotowość <domena klienta>" read "gotowość "), and Slack takes it for a link or a mention (its
 * text must escape `<`, `>` and `&`). Slack's own link forms (`<#channel>`, `<@user>`, `<!here>`,
 * `<https://…|text>`, `<mailto:…>`) are what angle brackets are for.
 */
const ANGLE_PLACEHOLDER = /<(?![#@!]|https?:|mailto:)[^<>]*>/;

describe('usage placeholders in square brackets, as Teams and Slack show them', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    it(`no ${language} catalog string writes a placeholder in angle brackets`, () => {
      const found = catalogStrings(language)
        .filter(([, text]) => ANGLE_PLACEHOLDER.test(text.replace(/\{\{[^}]*\}\}/g, '')))
        .map(([key, text]) => `${key}: “${text}”`);
      expect(found).to.deep.equal([]);
    });
  }

  it('tells a placeholder from Slack’s own links and mentions (so a pass means something)', () => {
    expect(ANGLE_PLACEHOLDER.test('/csp remove <reseller name or tenant ID>')).to.equal(true);
    expect(
      ANGLE_PLACEHOLDER.test('in <#C123>, by <@U42>, <!here>: <https://partner.microsoft.com|Partner Center>'),
    ).to.equal(false);
  });
});
