import { expect } from 'chai';
import sinon from 'sinon';
import { translations, type Translate } from '../../i18n/i18n';
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

  it(`holds at most ${KEPT_LIMIT} texts a language, forgetting the oldest first`, () => {
    const { kept } = fixedFor('en');
    const line = (n: number) => kept.translate('common:unknown', { text: `message ${n}` });
    for (let n = 0; n <= KEPT_LIMIT + 50; n += 1) line(n);
    expect(kept.size()).to.equal(KEPT_LIMIT);
    // The newest is still kept, the oldest made again and still right.
    expect(line(KEPT_LIMIT + 50)).to.include(`message ${KEPT_LIMIT + 50}`);
    expect(line(0)).to.include('message 0');
  });
});
