import { expect } from 'chai';
import sinon from 'sinon';
import { enrolmentProgressCard } from '../../../cards/teams/enrolmentCards';
import { translations, type Translate } from '../../../i18n/i18n';
import { keepingTexts } from '../../../i18n/keptTexts';
import { newDraft, progressOf } from '../../../services/enrolment/enrolmentProgress';
import { defaultWebmailList } from '../../../services/rules/webmail';

/**
 * The progress card's "who answered what" lines (issue 18): they show the day of each answer, so a
 * colleague saving again the same day changes no line, and the kept translations (keptTexts.ts) make each
 * line once that day instead of once for every Save.
 */
describe('The checklist card’s "who answered" lines: the day shown, made once a day (issue 18)', () => {
  const answeredAt = (at: string) => ({ 'primary-contact': { by: 'aad-ola', name: 'Ola Wójcik', at } });

  it('shows the Polish line with the answer’s day, and asks i18next for it once for two Saves that day', () => {
    const fixed = translations().getFixedT('pl');
    const spy = sinon.spy(fixed as unknown as (...args: unknown[]) => unknown);
    const t = keepingTexts(Object.assign(spy, { lng: 'pl' }) as unknown as Translate).translate;
    const cardText = (at: string) =>
      JSON.stringify(enrolmentProgressCard(t, progressOf(newDraft('tenant-1'), answeredAt(at), defaultWebmailList)));
    const asked = () => spy.getCalls().filter((call) => call.args[0] === 'enrolment:progress.answeredBy').length;

    const morning = cardText('2026-12-05T09:00:00.000Z');
    expect(morning).to.include('Ola Wójcik, 5 grudnia 2026');
    const evening = cardText('2026-12-05T21:45:10.123Z');
    expect(evening).to.equal(morning);
    expect(asked(), 'the line made by i18next').to.equal(1);
    expect(cardText('2026-12-06T08:00:00.000Z')).to.include('Ola Wójcik, 6 grudnia 2026');
    expect(asked()).to.equal(2);
  });
});
