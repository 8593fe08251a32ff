import { expect } from 'chai';
import { translatorFor } from '../../i18n/i18n';

describe('A company name ending a sentence (sp. z o.o., Inc.) reads with one full stop', () => {
  it('says "… sp. z o.o." where the sentence ends with the name, in Polish and English', () => {
    const provider = 'Contoso Dystrybucja sp. z o.o.';
    for (const language of ['pl', 'en']) {
      const text = translatorFor(language)('customers:teams.outcome.rejected', {
        provider: 'Contoso',
        company: provider,
        reason: '-',
      });
      expect(text, language).to.include(provider).and.not.include('o.o..');
    }
    const signed = translatorFor('en')('notifications:mpa.signed', { companyName: 'Tailspin Toys sp. z o.o.' });
    expect(signed).to.include('Tailspin Toys sp. z o.o. Your');
  });

  it('keeps an ellipsis of three', () => {
    const t = translatorFor('en');
    expect(t('common:unknown', { text: 'hm...' })).to.include('hm...');
  });
});
