import { expect } from 'chai';
import type { Assistant } from '../../../bot/assistant';
import type { PartnerDraft } from '../../../services/domain/partner';
import { DEMO } from '../../../services/partnerCenter/sandboxIdentities';
import { partnerRecordKey } from '../../../services/partners/partnerDirectory';
import type { ConnectorStub, ReceivedActivity } from '../fakes/connectorStub';
import { cardSubmit, message, postActivity, type TeamsUser } from './teamsActivities';

type Json = Record<string, unknown>;

/** Verification steps a day apart, so nothing moves while a test runs. */
export const SLOW_VERIFICATION = { SANDBOX_VERIFICATION_STEP_MS: String(24 * 60 * 60 * 1000) };

/** A complete, valid enrolment of the sandbox's free MPN profile (Tailspin Toys, PL), step by step. */
export const TAILSPIN_ANSWERS = {
  'work-account': { hasWorkAccount: 'true', globalAdmin: 'true' },
  'mpn-id': { mpnId: DEMO.mpnOnly.mpnId },
  'legal-business-profile': {
    legalName: DEMO.mpnOnly.partnerName,
    line1: 'ul. Marszałkowska 1',
    line2: '',
    city: 'Warszawa',
    postalCode: '00-001',
    country: 'PL',
  },
  'primary-contact': { contactName: 'Anna Nowak', contactEmail: 'anna.nowak@tailspintoys.pl', contactPhone: '' },
  'support-contact': { supportEmail: 'pomoc@tailspintoys.pl', supportPhone: '', supportUrl: '' },
} as const;

/** New tenant ids, one series per test file (`first` tells the files apart), so no two tests share one. */
export function tenantIds(first: string): () => string {
  let sequence = 0;
  return () => {
    sequence += 1;
    return `${first}-${String(sequence).padStart(12, '0')}`;
  };
}

/** An Adaptive Card element or action, as the bot sent it. */
export type CardNode = Json & { type?: string; id?: string; text?: string; value?: string; data?: Json };

/** Every node of a card, depth first, in the order a reader meets them. */
export function nodesOf(node: unknown, found: CardNode[] = []): CardNode[] {
  if (Array.isArray(node)) for (const item of node) nodesOf(item, found);
  else if (node && typeof node === 'object') {
    found.push(node as CardNode);
    for (const value of Object.values(node as Json)) nodesOf(value, found);
  }
  return found;
}

/**
 * A person in a Teams personal chat with the assistant, sending what Teams sends: typed text, and card
 * submissions that carry the card's own data, its inputs and the card's activity id (`replyToId`).
 */
export class TeamsChat {
  constructor(
    private readonly assistant: Assistant,
    private readonly connector: ConnectorStub,
    readonly user: TeamsUser,
  ) {}

  /** Posts one activity and returns what the bot answered to it (nothing, for a dropped one). */
  async send(activity: unknown, replies = 1): Promise<ReceivedActivity[]> {
    const before = this.connector.received.length;
    expect(await postActivity(this.assistant.url, activity)).to.equal(200);
    await this.connector.waitFor(before + replies);
    return this.connector.received.slice(before);
  }

  say(text: string): Promise<ReceivedActivity[]> {
    return this.send(message(this.connector.url, text, this.user));
  }

  /** The last card this person received, with its activity id. */
  lastCard(): { id: string; card: Json } {
    const mine = this.connector.received.filter(
      (r) => r.conversationId === (this.user.conversationId ?? `a:personal-${this.user.aadObjectId}`),
    );
    for (const received of [...mine].reverse()) {
      const content = received.activity.attachments?.[0]?.content;
      if (content) return { id: received.id ?? '', card: content as Json };
    }
    throw new Error('no card received yet');
  }

  /** What pressing `title` on a card sends: its data, with the card's inputs when it takes them. */
  submission(card: { id: string; card: Json }, title: string, inputs: Record<string, string> = {}) {
    const button = nodesOf(card.card).find((n) => n.type === 'Action.Submit' && n.title === title);
    if (!button) throw new Error(`no button "${title}" on the card`);
    const typed = button.associatedInputs === 'none' ? {} : { ...inputsOf(card.card), ...inputs };
    return { ...cardSubmit(this.connector.url, { ...button.data, ...typed }, this.user), replyToId: card.id };
  }

  /** Presses `title` on the last card, after typing `inputs` into it. */
  press(title: string, inputs: Record<string, string> = {}, replies = 1): Promise<ReceivedActivity[]> {
    return this.send(this.submission(this.lastCard(), title, inputs), replies);
  }
}

/**
 * `name`, one of organisation `tenantId`'s people, in their own personal chat with the assistant of `world`
 * (the person's id says both, so two tests never share a person).
 */
export function personIn(
  world: { assistant: Assistant; connector: ConnectorStub },
  name: string,
  tenantId: string,
): TeamsChat {
  return new TeamsChat(world.assistant, world.connector, {
    tenantId,
    aadObjectId: `aad-${name}-${tenantId.slice(-4)}`,
    name,
  });
}

/** The organisation's draft as the assistant keeps it, read the way an operator's tool would. */
export async function storedDraft(assistant: Assistant, tenantId: string) {
  return await assistant.store.records.read<PartnerDraft>(partnerRecordKey(tenantId));
}

/** The values a card's inputs hold, as Teams sends them with a submission. */
export function inputsOf(card: Json): Record<string, string> {
  const inputs = nodesOf(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && n.id);
  return Object.fromEntries(inputs.map((n) => [n.id as string, String(n.value ?? '')]));
}

/** The red lines under an input of a step card (the TextBlocks that follow it in its container). */
export function errorsUnder(card: Json, inputId: string): string[] {
  const container = nodesOf(card).find(
    (n) => Array.isArray(n.items) && (n.items as CardNode[]).some((item) => item.id === inputId),
  );
  const items = (container?.items ?? []) as CardNode[];
  return items.filter((item) => item.type === 'TextBlock').map((item) => item.text ?? '');
}

export const textOf = (received: ReceivedActivity[]) => received.map((r) => JSON.stringify(r.activity)).join('\n');
