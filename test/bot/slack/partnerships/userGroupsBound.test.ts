import { WebClient } from '@slack/web-api';
import { expect } from 'chai';
import { createLogger } from '../../../../bot/logger';
import { SlackUserGroups } from '../../../../bot/slack/partnerships/userGroups';
import { SlackApiStub } from '../../../support/fakes/slackApiStub';

describe("Approver groups' member lists kept in memory", () => {
  let slackApi: SlackApiStub;
  before(async () => {
    slackApi = await new SlackApiStub().start();
  });
  after(async () => {
    await slackApi?.stop();
  });

  it('keeps the lists of at most its bound of groups, asking Slack again for the least recently used', async () => {
    for (const id of ['S0ONE', 'S0TWO', 'S0THREE']) {
      slackApi.userGroups.set(id, { name: id, handle: id.toLowerCase(), users: [`U0${id}`] });
    }
    const slack = new WebClient('xoxb-test-token', { slackApiUrl: slackApi.url, retryConfig: { retries: 0 } });
    const groups = new SlackUserGroups(slack, createLogger('silent'), () => 0, 60_000, 2);
    const asked = () => slackApi.callsOf('usergroups.users.list').length;
    const before = asked();

    expect(await groups.membersOf('T0', 'S0ONE')).to.deep.equal(['U0S0ONE']);
    await groups.membersOf('T0', 'S0TWO');
    await groups.membersOf('T0', 'S0TWO');
    expect(asked() - before, "the second question about a kept group is not Slack's").to.equal(2);

    await groups.membersOf('T0', 'S0THREE');
    expect(await groups.membersOf('T0', 'S0ONE')).to.deep.equal(['U0S0ONE']);
    expect(asked() - before, 'the first group was forgotten for the third').to.equal(4);
  });
});
