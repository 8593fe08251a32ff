import { expect } from 'chai';
import sinon from 'sinon';
import { translations, type Translate } from '../../i18n/i18n';
import { utcDay } from '../../i18n/format';
import { keepingTexts, KEPT_LIMIT } from '../../i18n/keptTexts';

/**
 * Issue 18: a language's translator keeps the texts it made, so the progress card's "who answered what"
 * lines are not worked out by i18next on every turn. What a person reads must not change: the same text
 * i18next gives, a new name or date giving a new text, and input that cannot grow the process without
 * bound.
 */
describe('Translations kept per language (issue 18): the same text as i18next, worked out once', () => {
  const fixedFor = (language: string) => {
    const fixed = translations().getFixedT(language);
    const spy = sinon.spy(fixed as unknown as (...args: unknown[]) => unknown);
    return { spy, kept: keepingTexts(Object.assign(spy, { lng: language }) as unknown as Translate) };
  };
  const answered = (name: string, date: string) => ({ step: 'Kontakt', name, date });

  it('gives the Polish "who answered what" line i18next gives, and asks i18next once for it', () => {
    const { spy, kept } = fixedFor('pl');
    const first = kept.translate('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-12-04T09:00:00Z'));
    const again = kept.translate('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-12-04T09:00:00Z'));
    expect(first).to.equal(
      translations().getFixedT('pl')('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-12-04T09:00:00Z')),
    );
    expect(first).to.include('Ola Wójcik').and.include('grudnia 2026');
    expect(again).to.equal(first);
    expect(spy.callCount).to.equal(1);
  });

  it('gives a new text for another name, another date or another language', () => {
    const pl = fixedFor('pl').kept.translate;
    const sv = fixedFor('sv').kept.translate;
    const base = pl('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-12-04T09:00:00Z'));
    expect(pl('enrolment:progress.answeredBy', answered('Jan Nowak', '2026-12-04T09:00:00Z'))).to.not.equal(base);
    expect(pl('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-11-30T09:00:00Z'))).to.include('listopada');
    expect(sv('enrolment:progress.answeredBy', answered('Ola Wójcik', '2026-12-04T09:00:00Z'))).to.include('december');
  });

  it('shows the "who answered" line asked with its day as with its instant, and makes it once a day', () => {
    for (const language of ['en', 'pl', 'sv']) {
      const { spy, kept } = fixedFor(language);
      const plain = translations().getFixedT(language);
      // Late in the UTC day, and an instant written with an offset whose UTC day is the next one.
      for (const at of ['2026-12-04T09:00:00Z', '2026-12-04T23:59:59.999Z', '2026-12-04T23:30:00-02:00']) {
        expect(kept.translate('enrolment:progress.answeredBy', answered('Ola', String(utcDay(at))))).to.equal(
          plain('enrolment:progress.answeredBy', answered('Ola', at)),
        );
      }
      expect(spy.callCount, `${language}: two days`).to.equal(2);
    }
    expect(utcDay('')).to.equal('');
    expect(utcDay('-')).to.equal('-');
  });

  it('asks i18next every time when a value is an object, a Date or an array, or for several keys', () => {
    const { spy, kept } = fixedFor('en');
    const when = new Date('2026-12-04T09:00:00Z');
    for (let i = 0; i < 2; i += 1) {
      kept.translate('enrolment:progress.answeredBy', { step: 'Contact', name: 'Ola', date: when });
      kept.translate('common:unknown', { text: ['a', 'b'] });
      kept.translate(['common:missing', 'common:unknown'], { text: 'x' });
    }
    expect(spy.callCount).to.equal(6);
  });

  it(`holds at most ${KEPT_LIMIT} texts a language, forgetting the least recently asked first`, () => {
    const { spy, kept } = fixedFor('en');
    const line = (n: number) => kept.translate('common:unknown', { text: `message ${n}` });
    const everyTurn = () => kept.translate('enrolment:progress.title');
    everyTurn();
    for (let n = 0; n <= KEPT_LIMIT + 50; n += 1) {
      line(n);
      // A catalog key asked every thousand names, the last time 1,050 names before the end: more than the
      // bound's worth of texts were made since it was first made, fewer since it was last asked.
      if (n % 1000 === 0 && n < KEPT_LIMIT) everyTurn();
    }
    expect(kept.size()).to.equal(KEPT_LIMIT);
    const asked = spy.callCount;
    everyTurn();
    expect(spy.callCount, 'the key every turn asks is still kept').to.equal(asked);
    // The newest is still kept; the oldest was forgotten, and is made again, still right.
    expect(line(KEPT_LIMIT + 50)).to.include(`message ${KEPT_LIMIT + 50}`);
    expect(spy.callCount).to.equal(asked);
    expect(line(0)).to.include('message 0');
    expect(spy.callCount).to.equal(asked + 1);
  });
});
