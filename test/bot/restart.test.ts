import { expect } from 'chai';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { startTestAssistant, tempDataDir } from '../support/drivers/testAssistant';

describe('restart on the SQLite file', () => {
  it('keeps what a person chose across a restart (the language they picked)', async () => {
    const connector = await new ConnectorStub().start();
    const dataDir = tempDataDir();
    const user = { aadObjectId: 'aad-restart', locale: 'en-US' };
    try {
      const first = await startTestAssistant({ dataDir });
      await postActivity(first.url, message(connector.url, 'language pl', user));
      await connector.waitFor(1);
      await first.close();

      const second = await startTestAssistant({ dataDir });
      try {
        await postActivity(second.url, message(connector.url, 'help', user));
        await connector.waitFor(2);
        expect(connector.cards()[0]).to.include('Co potrafię');
        const references = await second.store.records.list('teams:ref:');
        expect(references.some((r) => r.key.endsWith(':aad-restart'))).to.equal(true);
      } finally {
        await second.close();
      }
    } finally {
      await connector.stop();
    }
  });
});
