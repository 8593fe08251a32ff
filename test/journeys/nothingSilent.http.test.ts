import { expect } from 'chai';
import type { CustomerRequest } from '../../services/customers';
import { BACKENDS } from '../support/drivers/customerWorld';
import { customerWorld } from '../support/drivers/journeySuite';

const BASIC = { id: 'CFQ7TTC0LH18:0001', name: 'Microsoft 365 Business Basic' };

/** Nothing a reseller entered changes unseen: a licence count is refused, a domain is reduced and shown. */
describe('customers: nothing changes silently (C3), over HTTP', () => {
  const world = customerWorld(BACKENDS[0], { team: 'T0NOTHINGSILENT' });

  const requestOf = async (id: string) =>
    (await world.assistant.store.records.read<CustomerRequest>(`customers:request:${id}`))?.value;

  it('refuses 400 licences of an offer sold up to 300, naming the limit, whatever the card allowed (C3)', async () => {
    const draftId = await world.startNewCustomer(`limit-${Date.now()}.pl`);
    const offers = JSON.stringify(world.connector.received.at(-1)?.activity);
    expect(offers, 'the card sets no maximum a client could clamp to').to.not.match(/"max":/);
    const text = await world.teams(world.card({ verb: 'customers-review', draftId, [`qty:${BASIC.id}`]: '400' }), 1);
    expect(text)
      .to.include(`You entered 400, but ${BASIC.name} is sold in quantities of 1 to 300 licences`)
      .and.include('Nothing was changed');
    expect(text).to.not.include('customers-submit');
    expect(await world.submit(draftId)).to.include('Choose at least one subscription');
    expect(await requestOf(draftId)).to.equal(undefined);
  });

  it('reduces a domain typed as an address to the bare domain, and the review shows it and the new tenant', async () => {
    const stamp = Date.now().toString(36);
    const typed = `https://www.piekarnia-kowalski-${stamp}.pl/kontakt`;
    const form = { ...world.form('ignored.pl'), domain: typed, adminEmail: `biuro@piekarnia-kowalski-${stamp}.pl` };
    const offers = await world.teams(world.card(form, 'card-details'), 1);
    const draftId = /"draftId":"([0-9a-f-]{36})"/.exec(offers)?.[1] ?? '';
    expect(draftId, offers.slice(0, 400)).to.not.equal('');
    world.sawOffersCard(draftId, offers);
    const review = await world.review(draftId);
    expect(review)
      .to.include(`"value":"piekarnia-kowalski-${stamp}.pl (Poland)"`)
      .and.include(`piekarnia-kowalski-${stamp}.onmicrosoft.com`);
    expect(review).to.not.include('www.').and.not.include('/kontakt');
    expect(await world.submit(draftId)).to.include('is with');
    expect((await requestOf(draftId))?.customer.domain).to.equal(`piekarnia-kowalski-${stamp}.pl`);
  });
});
