import type { WebClient } from '@slack/web-api';
import type { CloudAdapter } from 'botbuilder';
import { translatorFor } from '../../i18n/i18n';
import type { AtomicStore } from '../../services/storage/atomicStore';
import type { Logger } from '../logger';
import type { ConversationReferenceStore, StoredReference } from '../teams/conversationReferences';
import type { NoticeRenderers } from './noticeRenderers';
import type { Notice, Notifier } from './notifier';

/**
 * Delivers at once, in the caller's turn, and remembers each (dedupeKey, recipient) so a repeat is a
 * no-op. Not durable: a crash mid-delivery loses the notice. The durable outbox replaces it.
 */
export class DirectNotifier implements Notifier {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      appId: string;
      references: ConversationReferenceStore;
      renderers: NoticeRenderers;
      records: AtomicStore;
      slackClient?: WebClient;
      logger: Logger;
    },
  ) {}

  async teamsTenant(tenantId: string, notice: Notice, dedupeKey: string): Promise<void> {
    for (const person of await this.deps.references.forTenant(tenantId)) {
      await this.deliverTeams(person, notice, dedupeKey);
    }
  }

  async teamsUser(tenantId: string, aadObjectId: string, notice: Notice, dedupeKey: string): Promise<void> {
    const person = await this.deps.references.get(tenantId, aadObjectId);
    if (person) await this.deliverTeams(person, notice, dedupeKey);
  }

  async slackChannel(channel: string, notice: Notice, dedupeKey: string): Promise<void> {
    if (!this.deps.slackClient) return;
    if (!(await this.claim(`slack:${channel}:${dedupeKey}`))) return;
    const message = this.deps.renderers.slackRenderer(notice.renderer)(translatorFor('en'), notice.params);
    await this.deps.slackClient.chat.postMessage({ channel, ...message });
  }

  private async deliverTeams(person: StoredReference, notice: Notice, dedupeKey: string) {
    if (!(await this.claim(`teams:${person.tenantId}:${person.aadObjectId}:${dedupeKey}`))) return;
    const activity = this.deps.renderers.teamsRenderer(notice.renderer)(translatorFor(person.locale), notice.params);
    await this.deps.adapter.continueConversationAsync(this.deps.appId, person.reference, async (context) => {
      await context.sendActivity(activity);
    });
  }

  private async claim(key: string): Promise<boolean> {
    return (await this.deps.records.compareAndSet(`notice:sent:${key}`, undefined, { at: Date.now() })) !== undefined;
  }
}
