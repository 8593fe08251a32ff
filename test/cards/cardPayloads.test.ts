import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { expandCard } from '../../cards/renderCard';
import { translatorFor } from '../../i18n/i18n';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { cardSubmit, message, postActivity, type TeamsUser } from '../support/drivers/teamsActivities';
import { startTestAssistant } from '../support/drivers/testAssistant';

type Json = Record<string, unknown>;

const TEMPLATES = path.join(__dirname, '..', '..', 'cards', 'teams');
const SAMPLES = path.join(__dirname, 'samples');

const templateNames = () =>
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

const sampleOf = (name: string) => JSON.parse(readFileSync(path.join(SAMPLES, `${name}.json`), 'utf8')) as object;

/** Every node of a card that matches, searched in bodies, containers, columns, action sets and show-cards. */
function walk(node: unknown, match: (o: Json) => boolean, found: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, match, found);
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    if (match(object)) found.push(object);
    for (const value of Object.values(object)) walk(value, match, found);
  }
  return found;
}

const isButton = (o: Json) => o.type === 'Action.Submit' || o.type === 'Action.Execute';
const isInput = (o: Json) => typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string';

/** What a person would plausibly enter in an input: its preset value, else something of its kind. */
function plausible(input: Json): string {
  const preset = typeof input.value === 'string' && input.value !== '' ? input.value : undefined;
  switch (input.type) {
    case 'Input.Toggle':
      return String(input.valueOn ?? 'true');
    case 'Input.Number':
      return '3';
    case 'Input.ChoiceSet':
      return preset ?? String((input.choices as Json[] | undefined)?.[0]?.value ?? '');
    default: {
      if (preset) return preset;
      if (input.style === 'Email' || /email/i.test(String(input.id))) return 'it@nowy-klient.pl';
      const text = 'Nowy Klient sp. z o.o.';
      return typeof input.maxLength === 'number' ? text.slice(0, input.maxLength) : text;
    }
  }
}

interface Submission {
  template: string;
  kind: 'submit' | 'execute';
  verb: string;
  title: string;
  value: Json;
}

/** What each button of each template sends, as a Teams client would: its data plus the card's inputs. */
function submissions(): Submission[] {
  const out: Submission[] = [];
  for (const template of templateNames()) {
    const card = expandCard(template, sampleOf(template));
    const inputs = walk(card, isInput);
    for (const button of walk(card, isButton)) {
      const data = (button.data ?? {}) as Json;
      const values =
        button.associatedInputs === 'none' ? {} : Object.fromEntries(inputs.map((i) => [String(i.id), plausible(i)]));
      const kind = button.type === 'Action.Execute' ? 'execute' : 'submit';
      const verb = String(kind === 'execute' ? button.verb : data.verb);
      out.push({ template, kind, verb, title: String(button.title), value: { ...values, ...data } });
    }
  }
  return out;
}

/** Ways a forged or broken client could send a card: each must be refused by the verb's schema. */
function malformed(value: Json): Array<{ how: string; value: Json }> {
  const out: Array<{ how: string; value: Json }> = [
    { how: 'an unexpected field holding an object', value: { ...value, unexpected: { nested: true } } },
  ];
  for (const key of Object.keys(value).filter((k) => k !== 'verb')) {
    out.push({ how: `"${key}" as an object`, value: { ...value, [key]: { nested: true } } });
    out.push({ how: `"${key}" as 5 kB of text`, value: { ...value, [key]: 'x'.repeat(5000) } });
  }
  return out;
}

describe('Card submissions: a zod schema for every verb, where it is received (DESIGN: zod at the edge)', () => {
  let assistant: Assistant;
  let connector: ConnectorStub;
  const anna: TeamsUser = { aadObjectId: 'aad-card-payloads', locale: 'pl-PL', name: 'Anna Nowak' };
  const all = submissions();

  before(async () => {
    connector = await new ConnectorStub().start();
    assistant = await startTestAssistant();
    // The first turn stores where to reach Anna; later turns must change nothing.
    await send(message(connector.url, 'pomoc', anna));
  });
  after(async () => {
    await assistant.close();
    await connector.stop();
  });

  /** Posts one activity and returns what the bot answered to it (one reply expected). */
  async function send(activity: unknown): Promise<Array<{ text?: string; attachments?: unknown[] }>> {
    const before = connector.received.length;
    expect(await postActivity(assistant.url, activity)).to.equal(200);
    await connector.waitFor(before + 1);
    return connector.received.slice(before).map((r) => r.activity);
  }

  // The delivery ledger notes that an activity arrived (issue 13); the data is everything else.
  const everything = async () =>
    (await assistant.store.records.list(''))
      .filter((r) => !r.key.startsWith('delivery:'))
      .map((r) => ({ key: r.key, version: r.version, value: r.value }));

  it('finds the buttons of every template (so the checks below mean something)', () => {
    const verbs = new Set(all.map((s) => s.verb));
    for (const verb of ['help', 'enroll', 'status', 'continue', 'invitation-authorize', 'customers-submit']) {
      expect([...verbs], 'verbs found on the cards').to.include(verb);
    }
  });

  for (const submission of all) {
    describe(`${submission.template}.json: "${submission.title}" (${submission.verb})`, () => {
      it('has a schema where its verb is received, and the sample with plausible inputs passes it', () => {
        const schema = assistant.bot.payloadSchemaOf(submission.kind, submission.verb);
        expect(schema, `no payload schema for ${submission.kind} verb "${submission.verb}"`).to.not.equal(undefined);
        const parsed = schema?.safeParse(submission.value);
        expect(parsed?.success, JSON.stringify(parsed?.error?.issues)).to.equal(true);
      });

      it('refuses malformed submissions: unknown fields, anything not text, oversized text', () => {
        const schema = assistant.bot.payloadSchemaOf(submission.kind, submission.verb);
        const accepted = malformed(submission.value)
          .filter((m) => schema?.safeParse(m.value).success)
          .map((m) => m.how);
        expect(accepted, 'malformed submissions the schema let through').to.deep.equal([]);
      });

      it('over the real bot: a malformed one gets the Polish message and changes nothing; the sample gets past the edge', async () => {
        const invalid = translatorFor('pl')('common:errors.invalidSubmission');
        const stale = translatorFor('pl')('common:errors.staleCard');
        // The welcome card's language buttons change the language for good: each case starts in Polish.
        await send(message(connector.url, 'język pl', anna));
        const before = await everything();
        const refused = await send(
          cardSubmit(connector.url, { ...submission.value, unexpected: { nested: true } }, anna),
        );
        expect(refused.map((a) => a.text)).to.deep.equal([invalid]);
        expect(await everything(), 'the store after a refused submission').to.deep.equal(before);

        const accepted = await send(cardSubmit(connector.url, submission.value, anna));
        expect(accepted.map((a) => a.text))
          .to.not.include(invalid)
          .and.not.include(stale);
      });
    });
  }

  it('keeps an enrolment step waiting after a malformed answer: the next proper answer is saved (E2)', async () => {
    const user: TeamsUser = {
      ...anna,
      aadObjectId: 'aad-card-payloads-step',
      tenantId: 'aaaaaaaa-0000-4000-8000-00000000c4d5',
    };
    await send(message(connector.url, 'rejestracja', user));
    await send(cardSubmit(connector.url, { verb: 'continue', step: 'mpn-id' }, user));
    const answer = { verb: 'continue', step: 'mpn-id', enrolmentAction: 'answer' };
    const refused = await send(cardSubmit(connector.url, { ...answer, mpnId: ['6789012'] }, user));
    expect(refused.map((a) => a.text)).to.deep.equal([translatorFor('pl')('common:errors.invalidSubmission')]);
    expect(await assistant.store.records.read(`partner:${user.tenantId}`)).to.equal(undefined);

    await send(cardSubmit(connector.url, { ...answer, mpnId: '6789012' }, user));
    const draft = await assistant.store.records.read<{ mpnId?: string }>(`partner:${user.tenantId}`);
    expect(draft?.value.mpnId).to.equal('6789012');
  });
});
