import { expect } from 'chai';
import { READINESS_ACTION } from '../../cards/slack/readiness/ids';
import { DEMO } from '../../services/partnerCenter/sandboxIdentities';
import { asJson, catalog, JOURNEY_BACKENDS } from '../support/drivers/journeyWorld';
import { journeyWorld } from '../support/drivers/journeySuite';
import { ADMIN, APPROVER, REP } from '../support/drivers/contosoInSlack';
import { invitedAndAuthorisedAsAlreadyEnrolled, partneredAsAlreadyEnrolled } from '../support/drivers/partnerRoad';
import { postToSlack } from '../support/drivers/slackRequests';

/** The approver reads Slack in Swedish (its Slack locale); the other rep in English. */
const sv = catalog('sv');
const en = catalog('en');
const FABRIKAM = DEMO.resellerReady;
const NORTHWIND = DEMO.resellerWithoutMpa;
const DETAILS = READINESS_ACTION.reseller;

type Json = Record<string, unknown>;
type Element = { action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; accessory?: Element; elements?: Element[] };

const blocksOf = (view: Json) => view.blocks as Block[];
/** The tenants whose readiness rows the App Home shows, in order. */
const rowsOf = (view: Json) =>
  blocksOf(view).flatMap((b) => (b.type === 'section' && b.accessory?.action_id === DETAILS ? [b] : []));
/** Previous / Next as [action id, the page it opens, its label]. */
const pageButtonsOf = (view: Json) =>
  blocksOf(view)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.action_id === READINESS_ACTION.previousPage || e.action_id === READINESS_ACTION.nextPage)
    .map((e) => [e.action_id, e.value, e.text.text]);

/**
 * Issue 15 item 6, a page at a time, from an empty store over signed Slack requests. The operator set one
 * reseller a page (SLACK_HOME_RESELLERS_PER_PAGE=1, as docs/operators.md allows): the sandbox Partner Center
 * holds two resellers a journey can partner (a third would need a PartnerID of its own, and the sandbox has
 * one free one), so a page of one is how a journey meets more resellers than a page shows. Fabrikam IT is
 * ready to order; Northwind Konsult has not signed the MPA (M2), so it comes first. Next and Previous redraw
 * the approver's App Home with the other page, and the page stays theirs when the tab is drawn again.
 * The 40-reseller case is test/cards/slack/readinessHomeBlocks.test.ts and test/bot/features/readinessHome.test.ts.
 */
for (const backend of JOURNEY_BACKENDS)
  describe(`Journey: the rep turns the pages of the App Home's resellers, those not ready first, from an empty store, on ${backend.name} (issue 15 item 6, M2)`, () => {
    const world = journeyWorld(backend, 'T0JOURNEYPAGES', {
      people: { [ADMIN]: { admin: true }, [APPROVER]: { locale: 'sv-SE' }, [REP]: { locale: 'en-US' } },
      env: { SLACK_HOME_RESELLERS_PER_PAGE: '1' },
    });
    const piotr = { tenantId: FABRIKAM.tenantId, aadObjectId: 'aad-piotr-pages', name: 'Piotr Nowak', locale: 'pl-PL' };
    const erik = {
      tenantId: NORTHWIND.tenantId,
      aadObjectId: 'aad-erik-pages',
      name: 'Erik Lindqvist',
      locale: 'sv-SE',
    };

    /** The first App Home drawn for `user` after call `since` that `matches` (a redraw in flight may come first). */
    async function publishedSince(since: number, user: string, matches: (json: string) => boolean, what: string) {
      for (;;) {
        const found = world.slackApi
          .callsOf('views.publish')
          .slice(since)
          .find((c) => c.args.user_id === user && matches(JSON.stringify(c.args.view)));
        if (found) return found.args.view as Json;
        await world.slackApi
          .waitFor('views.publish', world.slackApi.callsOf('views.publish').length + 1, world.patienceMs)
          .catch(() => {
            throw new Error(`never drawn: ${what}`);
          });
      }
    }

    /** The page's line as `user` reads it: one reseller a page, two in all. */
    const pageLine = (page: number, t = sv) =>
      asJson(t('ready:home.page', { page, pages: 2, from: page, to: page, total: 2 }));

    /**
     * `user` opens the App Home tab; resolves with the App Home drawn for it that shows page `page` (a redraw of
     * the approver's after a partnership changed may still arrive first; it is not this one).
     */
    async function opened(user: string, page: number, t = sv) {
      const since = world.slackApi.callsOf('views.publish').length;
      await world.slack.openHome(user);
      return publishedSince(since, user, (json) => json.includes(pageLine(page, t)), `page ${page} for ${user}`);
    }

    /** A click on Previous or Next in `user`'s App Home, signed as Slack signs it; resolves with the page drawn. */
    async function turn(actionId: string, page: number, user = APPROVER) {
      const since = world.slackApi.callsOf('views.publish').length;
      const click = world.slack.buttonClick(actionId, String(page), user, { from: 'home' });
      expect((await click.response).status).to.equal(200);
      return publishedSince(since, user, (json) => json.includes(pageLine(page)), `page ${page} for ${user}`);
    }

    it('partners Fabrikam and Northwind with Contoso: set up and invited in Slack, already enrolled (E7), authorised in Teams (P3)', async function () {
      this.timeout(60_000);
      await partneredAsAlreadyEnrolled(world, { admin: ADMIN, approver: APPROVER }, piotr, {
        ...FABRIKAM,
        supportEmail: 'pomoc@fabrikam-it.pl',
      });
      await invitedAndAuthorisedAsAlreadyEnrolled(world, APPROVER, erik, {
        ...NORTHWIND,
        supportEmail: 'support@northwindkonsult.se',
      });
    });

    it('opens the App Home: both resellers counted, one not ready; page 1 of 2 shows Northwind, which has not signed the MPA, and offers Next (M2)', async function () {
      this.timeout(60_000);
      const home = await opened(APPROVER, 1);
      expect(JSON.stringify(home)).to.include(asJson(sv('ready:home.summary', { count: 2, notReady: 1 })));
      const rows = rowsOf(home);
      expect(rows.map((r) => r.accessory?.value)).to.deep.equal([NORTHWIND.tenantId]);
      expect(rows[0].text?.text).to.match(/^⛔ /).and.include(NORTHWIND.name);
      expect(pageButtonsOf(home)).to.deep.equal([[READINESS_ACTION.nextPage, '2', sv('ready:home.next')]]);
    });

    it('refuses a Next click Slack did not sign, and turns nothing', async () => {
      const payload = {
        type: 'block_actions',
        team: { id: world.team, domain: 'distributor' },
        user: { id: APPROVER, name: 'approver', team_id: world.team },
        api_app_id: 'A0CSP',
        container: { type: 'view', view_id: 'V0HOME' },
        view: { id: 'V0HOME', type: 'home', blocks: [] },
        actions: [{ type: 'button', action_id: READINESS_ACTION.nextPage, block_id: 'b1', value: '2' }],
      };
      const forged = await postToSlack(
        world.target.url,
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        {
          signed: false,
        },
      );
      expect(forged.status).to.equal(401);
      const home = await opened(APPROVER, 1);
      expect(rowsOf(home).map((r) => r.accessory?.value)).to.deep.equal([NORTHWIND.tenantId]);
    });

    it('Next redraws the approver’s App Home with page 2 of 2: Fabrikam, ready to order, and Previous', async () => {
      const home = await turn(READINESS_ACTION.nextPage, 2);
      expect(rowsOf(home).map((r) => r.text?.text)).to.deep.equal([
        `✅ ${sv('ready:home.ready', { name: FABRIKAM.name })}`,
      ]);
      expect(pageButtonsOf(home)).to.deep.equal([[READINESS_ACTION.previousPage, '1', sv('ready:home.previous')]]);
      // Still counted in all: the page changed, not what the rep is told of the whole.
      expect(JSON.stringify(home)).to.include(asJson(sv('ready:home.summary', { count: 2, notReady: 1 })));
    });

    it('keeps the approver on page 2 when the tab is opened again; another rep opening it starts on page 1, in English', async () => {
      const again = await opened(APPROVER, 2);
      expect(rowsOf(again).map((r) => r.accessory?.value)).to.deep.equal([FABRIKAM.tenantId]);
      const other = await opened(REP, 1, en);
      expect(rowsOf(other).map((r) => r.accessory?.value)).to.deep.equal([NORTHWIND.tenantId]);
      expect(pageButtonsOf(other)).to.deep.equal([[READINESS_ACTION.nextPage, '2', en('ready:home.next')]]);
    });

    it('Previous brings the approver back to page 1: Northwind, not ready', async () => {
      const home = await turn(READINESS_ACTION.previousPage, 1);
      expect(rowsOf(home).map((r) => r.accessory?.value)).to.deep.equal([NORTHWIND.tenantId]);
      expect(pageButtonsOf(home)).to.deep.equal([[READINESS_ACTION.nextPage, '2', sv('ready:home.next')]]);
    });
  });
