import { expect } from 'chai';
import type { KnownBlock } from '@slack/types';
import { pendingHomeBlocks, type RequestView } from '../../../cards/slack/customers/requestBlocks';
import { homeView } from '../../../cards/slack/homeView';
import { READINESS_ACTION } from '../../../cards/slack/readiness/ids';
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
    const blocks = readinessHomeBlocks(en, [report('t-fab', 'Fabrikam IT', suspended)]);
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
    const [row] = rows(readinessHomeBlocks(en, [report('t-ok', 'Northwind')]));
    expect(row.text.text).to.equal(`✅ ${en('ready:home.ready', { name: 'Northwind' })}`);
  });

  it('shows Microsoft’s wait (⏳) with what to do, and counts the other blocking conditions (P3)', () => {
    const both = (f: ReadinessFacts) => awaiting({ ...f, mpaSigned: false });
    const [row] = rows(readinessHomeBlocks(en, [report('t-ts', 'Tailspin', both)]));
    // The one someone must act on comes first (⛔); the wait for Partner Center is the "1 more".
    expect(row.text.text)
      .to.match(/^⛔ /)
      .and.include(`${en('ready:condition.mpa')} (M2, M4): ${en('ready:fix.sign-mpa.distributor')}`)
      .and.include(en('ready:home.andMore', { count: 1 }));
    const [waitingOnly] = rows(readinessHomeBlocks(en, [report('t-ts', 'Tailspin', awaiting)]));
    expect(waitingOnly.text.text)
      .to.match(/^⏳ /)
      .and.include(
        `${en('ready:condition.partnership')} (P3, P5): ${en('ready:fix.authorize-in-partner-center.distributor')}`,
      );
  });

  it('lists those not ready first, each with Details giving /csp ready’s answer for its tenant', () => {
    const blocks = readinessHomeBlocks(en, [
      report('t-a', 'Adatum'),
      report('t-fab', 'Fabrikam IT', suspended),
      report('t-n', 'Northwind'),
    ]);
    expect(rows(blocks).map((r) => r.accessory?.value)).to.deep.equal(['t-fab', 't-a', 't-n']);
    for (const row of rows(blocks)) expect(row.accessory?.action_id).to.equal(READINESS_ACTION.reseller);
    const summary = JSON.stringify(blocks.filter((b) => b.type === 'context'));
    expect(summary).to.include(JSON.stringify(en('ready:home.summary', { ready: 2, shown: 3 })).slice(1, -1));
  });

  it('writes a typed name escaped once in mrkdwn (Smith & Sons <EU>)', () => {
    const name = 'Smith & Sons <EU>';
    const texts = slackTextsOf(readinessHomeBlocks(en, [report('t-s', name, suspended), report('t-r', name)]));
    const mrkdwn = texts.mrkdwn.join('\n');
    expect(mrkdwn).to.include(inMrkdwn(name)).and.not.include(name).and.not.include('&amp;amp;');
  });

  it(`shows at most ${HOME_RESELLERS_SHOWN} resellers and counts the others, with the commands that reach them`, () => {
    const many = Array.from({ length: 40 }, (_, i) => report(`t-${i}`, `Reseller ${i}`));
    const blocks = readinessHomeBlocks(en, many.slice(0, HOME_RESELLERS_SHOWN), 40);
    expect(rows(blocks)).to.have.length(HOME_RESELLERS_SHOWN);
    expect(JSON.stringify(blocks)).to.include(en('ready:home.more', { hidden: 40 - HOME_RESELLERS_SHOWN }));
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
      ...readinessHomeBlocks(enSlack, many, 40),
    ]);
    expect(home.blocks.length).to.be.at.most(100);
  });

  it('says when there are no resellers yet, and how to invite one', () => {
    expect(JSON.stringify(readinessHomeBlocks(en, []))).to.include(en('ready:home.none'));
  });

  for (const language of SUPPORTED_LANGUAGES) {
    it(`speaks ${language}: the title, the verdicts, the blocking condition and Details from the ${language} catalogs`, () => {
      const t = translatorFor(language);
      const blocks = readinessHomeBlocks(t, [report('t-fab', 'Fabrikam IT', suspended), report('t-n', 'Northwind')]);
      const json = JSON.stringify(blocks);
      expect(json)
        .to.include(JSON.stringify(t('ready:home.title')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:home.details')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:fix.R2.reseller-suspended.distributor')).slice(1, -1))
        .and.include(JSON.stringify(t('ready:home.ready', { name: 'Northwind' })).slice(1, -1));
    });
  }
});
