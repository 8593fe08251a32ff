import { expect } from 'chai';
import type { KnownBlock } from '@slack/types';
import { pendingHomeBlocks, type RequestView } from '../../../cards/slack/customers/requestBlocks';
import { homeView } from '../../../cards/slack/homeView';
import { READINESS_ACTION } from '../../../cards/slack/readiness/ids';
import { homePage } from '../../../bot/features/readinessHome';
import { HOME_RESELLERS_SHOWN, readinessHomeBlocks } from '../../../cards/slack/readiness/readinessHomeBlocks';
import { SUPPORTED_LANGUAGES, translatorFor } from '../../../i18n/i18n';
import { mrkdwnTranslator } from '../../../i18n/slackMrkdwn';
import type { ReadinessReport } from '../../../services/readiness/readyToTransact';
import { assessReadiness, type ReadinessFacts } from '../../../services/rules/readinessRules';
import { inMrkdwn, slackTextsOf } from '../../support/drivers/slackTexts';

const en = translatorFor('en');
const enSlack = mrkdwnTranslator(en);

/** A reseller partnered with a Polish distributor, as the rules decide it from these facts (nothing hard-coded). */
function report(tenantId: string, name: string, change: (facts: ReadinessFacts) => ReadinessFacts = (f) => f) {
  const facts = change({
    reseller: { tenantId, mpnId: '1234567', country: 'PL', enrolment: 'enrolled', cspEnrolled: true },
    distributor: { name: 'Contoso Distribution', country: 'PL' },
    partnership: { state: 'active', listedByPartnerCenter: true },
    validation: { partnerId: '1234567', isValidPartnerIdOnRecord: true },
    mpaSigned: true,
  });
  const { ready, conditions } = assessReadiness(facts);
  return {
    reseller: { tenantId, name, mpnId: '1234567' },
    distributor: { id: 'slack:T1', name: 'Contoso Distribution' },
    ready,
    conditions,
  } satisfies ReadinessReport;
}

/** R2: Partner Center refuses the suspended reseller as partner of record (its code 900400). */
const suspended = (f: ReadinessFacts): ReadinessFacts => ({
  ...f,
  validation: {
    partnerId: '1234567',
    isValidPartnerIdOnRecord: false,
    errorCode: 900400,
    errorDescription: 'The reseller tenant is suspended.',
  },
});
/** P3: accepted here, not yet listed by Partner Center. */
const awaiting = (f: ReadinessFacts): ReadinessFacts => ({
  ...f,
  partnership: { state: 'awaiting-partner-center', listedByPartnerCenter: false },
});

type Section = { type: 'section'; text: { text: string }; accessory?: { action_id: string; value: string } };
const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is KnownBlock & Section => b.type === 'section');
const rows = (blocks: KnownBlock[]) => sections(blocks).filter((s) => s.accessory);

describe('The App Home readiness section (cards/slack/readiness/readinessHomeBlocks.ts; issue 15 item 6)', () => {
  it('shows a reseller that is not ready with the condition that blocks it and the distributor’s fix, in a line (R1, R2)', () => {
    const blocks = readinessHomeBlocks(en, homePage([report('t-fab', 'Fabrikam IT', suspended)], 1));
    const [row] = rows(blocks);
    const failed = report('t-fab', 'Fabrikam IT', suspended).conditions.filter((c) => c.state !== 'met');
    expect(failed.map((c) => c.id)).to.deep.equal(['partner-of-record']);
    expect(row.text.text)
      .to.include(`⛔ ${en('ready:home.notReady', { name: 'Fabrikam IT', met: 5, total: 6 })}\n`)
      .and.include(
        `${en('ready:condition.partner-of-record')} (R1, R2): ${en('ready:fix.R2.reseller-suspended.distributor')}`,
      );
    // One short line under the name: not the whole answer (that is Details).
    expect(row.text.text.split('\n')).to.have.length(2);
    expect(row.text.text).to.not.include(en('ready:sources.distributor'));
  });

  it('says a reseller meeting every condition is ready to order, with nothing blocking', () => {
    const [row] = rows(readinessHomeBlocks(en, homePage([report('t-ok', 'Northwind')], 1)));
    expect(row.text.text).to.equal(`✅ ${en('ready:home.ready', { name: 'Northwind' })}`);
  });

  it('shows Microsoft’s wait (⏳) with what to do, and counts the other blocking conditions (P3)', () => {
    const both = (f: ReadinessFacts) => awaiting({ ...f, mpaSigned: false });
    const [row] = rows(readinessHomeBlocks(en, homePage([report('t-ts', 'Tailspin', both)], 1)));
    // The one someone must act on comes first (⛔); the wait for Partner Center is the "1 more".
    expect(row.text.text)
      .to.match(/^⛔ /)
      .and.include(`${en('ready:condition.mpa')} (M2, M4): ${en('ready:fix.sign-mpa.distributor')}`)
      .and.include(en('ready:home.andMore', { count: 1 }));
    const [waitingOnly] = rows(readinessHomeBlocks(en, homePage([report('t-ts', 'Tailspin', awaiting)], 1)));
    expect(waitingOnly.text.text)
      .to.match(/^⏳ /)
      .and.include(
        `${en('ready:condition.partnership')} (P3, P5): ${en('ready:fix.authorize-in-partner-center.distributor')}`,
      );
  });

  it('lists those not ready first, each with Details giving /csp ready’s answer for its tenant', () => {
    const blocks = readinessHomeBlocks(
      en,
      homePage([report('t-a', 'Adatum'), report('t-fab', 'Fabrikam IT', suspended), report('t-n', 'Northwind')], 1),
    );
    expect(rows(blocks).map((r) => r.accessory?.value)).to.deep.equal(['t-fab', 't-a', 't-n']);
    for (const row of rows(blocks)) expect(row.accessory?.action_id).to.equal(READINESS_ACTION.reseller);
    const summary = JSON.stringify(blocks.filter((b) => b.type === 'context'));
    expect(summary).to.include(JSON.stringify(en('ready:home.summary', { count: 3, notReady: 1 })).slice(1, -1));
    // All on one page: nothing to turn to.
    expect(blocks.map((b) => b.type)).to.not.include('actions');
    expect(summary).to.not.include('Page');
  });

  it('writes a typed name escaped once in mrkdwn (Smith & Sons <EU>)', () => {
    const name = 'Smith & Sons <EU>';
    const texts = slackTextsOf(
      readinessHomeBlocks(en, homePage([report('t-s', name, suspended), report('t-r', name)], 1)),
    );
    const mrkdwn = texts.mrkdwn.join('\n');
    expect(mrkdwn).to.include(inMrkdwn(name)).and.not.include(name).and.not.include('&amp;amp;');
  });

  it('keeps the whole App Home within Slack’s 100 blocks beside the longest pending-requests section', () => {
    const request: RequestView = {
      id: 'req-1',
      kind: 'new-customer',
      reseller: 'Fabrikam IT',
      requestedBy: 'Piotr Nowak',
      companyName: 'Piekarnia',
      domain: 'piekarnia.pl',
      country: 'PL',
      adminEmail: 'it@piekarnia.pl',
      subscriptions: [{ name: 'Microsoft 365 Business Standard', licences: 10 }],
    };
    const many = Array.from({ length: 40 }, (_, i) => report(`t-${i}`, `Reseller ${i}`, suspended));
    const home = homeView(enSlack, [
      ...pendingHomeBlocks(
        enSlack,
        Array.from({ length: 40 }, () => request),
        40,
      ),
      ...readinessHomeBlocks(enSlack, homePage(many, 1)),
    ]);
    expect(home.blocks.length).to.be.at.most(100);
  });

  it('says when there are no resellers yet, and how to invite one', () => {
    expect(JSON.stringify(readinessHomeBlocks(en, homePage([], 1)))).to.include(en('ready:home.none'));
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`speaks ${language}: the title, the verdicts, the blocking condition and Details from the ${language} catalogs`, () => {
      const t = translatorFor(language);
      const blocks = readinessHomeBlocks(
        t,
        homePage([report('t-fab', 'Fabrikam IT', suspended), report('t-n', 'Northwind')], 1),
      );
      const json = JSON.stringify(blocks);
      expect(json)
        .to.include(JSON.stringify(t('ready:home.title')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:home.details')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:fix.R2.reseller-suspended.distributor')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:home.ready', { name: 'Northwind' })).slice(1, -1));
    });
  }
});

type Actions = { type: 'actions'; elements: Array<{ action_id: string; value: string; text: { text: string } }> };
const pageButtons = (blocks: KnownBlock[]) =>
  (blocks.find((b) => b.type === 'actions') as Actions | undefined)?.elements.map((e) => [e.action_id, e.value]) ?? [];
const contextText = (blocks: KnownBlock[]) => JSON.stringify(blocks.filter((b) => b.type === 'context'));

describe('The App Home readiness section a page at a time: a rep with more resellers than a page holds sees them all', () => {
  // 40 resellers by name; every fifth is held suspended (R2): eight not ready, most of them far down the names.
  const names = Array.from({ length: 40 }, (_, i) => `Reseller ${String(i + 1).padStart(2, '0')}`);
  const forty = names.map((name, i) => report(`t-${i + 1}`, name, (i + 1) % 5 === 0 ? suspended : undefined));
  const notReady = names.filter((_, i) => (i + 1) % 5 === 0);

  it(`says how many resellers there are in all and how many are not ready, beyond the ${HOME_RESELLERS_SHOWN} shown`, () => {
    const blocks = readinessHomeBlocks(en, homePage(forty, 1));
    expect(rows(blocks)).to.have.length(HOME_RESELLERS_SHOWN);
    expect(contextText(blocks))
      .to.include(JSON.stringify(en('ready:home.summary', { count: 40, notReady: 8 })).slice(1, -1))
      .and.include(en('ready:home.page', { page: 1, pages: 3, from: 1, to: 15, total: 40 }));
  });

  it('puts every reseller not ready on the first page, ahead of those ready, wherever its name falls (R2)', () => {
    const first = rows(readinessHomeBlocks(en, homePage(forty, 1))).map((r) => r.text.text);
    expect(first.slice(0, 8).map((text) => /\*(.+?)\*/.exec(text)?.[1])).to.deep.equal(notReady);
    for (const text of first.slice(0, 8)) expect(text).to.match(/^⛔ /);
    for (const text of first.slice(8)) expect(text).to.match(/^✅ /);
  });

  it('offers Next on the first page, Previous and Next between, Previous on the last, each naming the page it opens', () => {
    const [first, second, last] = [1, 2, 3].map((page) => readinessHomeBlocks(en, homePage(forty, page)));
    expect(pageButtons(first)).to.deep.equal([[READINESS_ACTION.nextPage, '2']]);
    expect(pageButtons(second)).to.deep.equal([
      [READINESS_ACTION.previousPage, '1'],
      [READINESS_ACTION.nextPage, '3'],
    ]);
    expect(pageButtons(last)).to.deep.equal([[READINESS_ACTION.previousPage, '2']]);
    expect(rows(last)).to.have.length(10);
    expect(contextText(last)).to.include(en('ready:home.page', { page: 3, pages: 3, from: 31, to: 40, total: 40 }));
    // Each reseller on exactly one page.
    const tenants = [first, second, last].flatMap((blocks) => rows(blocks).map((r) => r.accessory?.value));
    expect(new Set(tenants).size).to.equal(40);
  });

  it('shows the last page for a page past it (resellers gone since the button was drawn), the first for no page at all', () => {
    expect(homePage(forty, 9)).to.include({ page: 3, offset: 30 });
    for (const wanted of [0, -1, Number.NaN, 1.5]) expect(homePage(forty, wanted)).to.include({ page: 1, offset: 0 });
    expect(homePage([], 4)).to.include({ page: 1, pages: 1, total: 0 });
  });

  it('pages by the size the operator set (SLACK_HOME_RESELLERS_PER_PAGE)', () => {
    const page = homePage(forty, 2, 4);
    expect(page).to.include({ page: 2, pages: 10, offset: 4, total: 40, notReady: 8 });
    expect(page.reports.map((r) => r.reseller.name)).to.deep.equal(notReady.slice(4, 8));
  });

  it('says when every reseller is ready to order', () => {
    const blocks = readinessHomeBlocks(en, homePage([report('t-a', 'Adatum'), report('t-n', 'Northwind')], 1));
    expect(contextText(blocks)).to.include(en('ready:home.summaryAllReady', { count: 2 }));
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`speaks ${language} on every page: the counts, the page, Previous and Next from the ${language} catalogs`, () => {
      const t = translatorFor(language);
      const blocks = readinessHomeBlocks(t, homePage(forty, 2));
      const buttons = (blocks.find((b) => b.type === 'actions') as Actions).elements.map((e) => e.text.text);
      expect(buttons).to.deep.equal([t('ready:home.previous'), t('ready:home.next')]);
      expect(contextText(blocks))
        .to.include(JSON.stringify(t('ready:home.summary', { count: 40, notReady: 8 })).slice(1, -1))
        .and.include(
          JSON.stringify(t('ready:home.page', { page: 2, pages: 3, from: 16, to: 30, total: 40 })).slice(1, -1),
        );
    });
  }
});
