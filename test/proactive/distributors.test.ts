import { expect } from 'chai';
import { slackNotices, teamsNotices, tellDistributors } from '../../bot/features/notifications';
import type { Notice } from '../../bot/proactive/notifier';
import { translatorFor } from '../../i18n/i18n';
import type { ProviderSettings } from '../../services/partnerships/types';

const settings = (providerId: string, channelId: string) =>
  ({ providerId, channelId, teamId: providerId.slice(6), approverUserIds: [] }) as unknown as ProviderSettings;

const active = { state: 'active' as const };

describe('notifications: distributors and renderers', () => {
  it('delivers each milestone notice the audience names to its Slack channel, with its dedupe key (M2, M3)', async () => {
    const sent: Array<{ channel: string; notice: Notice; dedupeKey: string }> = [];
    const listener = tellDistributors(
      {
        listProviders: async (tenantId) => {
          expect(tenantId).to.equal('tenant-1');
          return [
            { partnership: active, settings: settings('slack:T1', 'C1') },
            { partnership: active, settings: undefined },
            { partnership: active, settings: settings('slack:T2', 'C2') },
          ];
        },
      },
      {
        slackChannel: async (channel, notice, dedupeKey) => {
          sent.push({ channel, notice, dedupeKey });
        },
      },
    );
    await listener({ tenantId: 'tenant-1', companyName: 'Northwind Konsult AB', milestone: 'mpa-signed' });
    expect(sent.map((s) => [s.channel, s.notice.renderer, s.dedupeKey])).to.deep.equal([
      ['C1', 'reseller.mpaSigned', 'milestone:tenant-1:mpa-signed:slack:T1'],
      ['C2', 'reseller.mpaSigned', 'milestone:tenant-1:mpa-signed:slack:T2'],
    ]);
    const text = slackNotices['reseller.mpaSigned'](translatorFor('en'), sent[0].notice.params).text;
    expect(text).to.include('Northwind Konsult AB').and.include('Microsoft Partner Agreement');
  });

  for (const language of ['en', 'pl', 'sv']) {
    it(`renders every notice in ${language} with no catalog key left untranslated`, () => {
      const t = translatorFor(language);
      const cases: Array<Record<string, unknown>> = [
        { status: 'Pending', subStatus: 'EmailOwnership', companyName: 'Fabrikam' },
        { status: 'Pending', subStatus: 'Other' },
        { status: 'Authorized', subStatus: 'None', companyName: 'Fabrikam' },
        { status: 'Rejected', subStatus: 'Decision' },
      ];
      const texts = [
        ...cases.map((params) => String(teamsNotices['verification.changed'](t, params).text)),
        String(teamsNotices['mpa.signed'](t, { companyName: 'Fabrikam' }).text),
        String(teamsNotices['mpa.reminder'](t, { period: 1 }).text),
        slackNotices['reseller.verified'](t, { companyName: 'Fabrikam' }).text,
      ];
      for (const text of texts) expect(text).to.not.match(/notifications:|\{\{/);
      expect(texts[4]).to.include('Fabrikam');
    });
  }
});
