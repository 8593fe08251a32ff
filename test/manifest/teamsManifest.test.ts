import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { expect } from 'chai';
import type { Assistant } from '../../bot/assistant';
import { colorIcon, outlineIcon } from '../../manifest/teams/makeIcons';
import {
  buildTeamsPackage,
  PACKAGE_FILES,
  PLACEHOLDER_APP_ID,
  renderManifest,
} from '../../manifest/teams/packageTeams';
import { ConnectorStub } from '../support/fakes/connectorStub';
import { message, postActivity } from '../support/drivers/teamsActivities';
import { startTestAssistant } from '../support/drivers/testAssistant';
import { readPng, unzip } from './teamsPackage';
import { manifestSchemaErrors as schemaErrors, SCHEMAS } from './teamsSchemas';

const ROOT = path.join(__dirname, '..', '..');
const TEAMS_DIR = path.join(ROOT, 'manifest', 'teams');
const APP_ID = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';

/**
 * Commands the manifest may already list although no feature registers them yet, with the issue that
 * adds each. A command neither registered nor named here fails the test; a planned one still missing
 * shows as pending, so the gap stays visible in every run.
 */
// None left: enroll, status and providers landed with issues 4 and 5.
const PLANNED_COMMANDS: Record<string, string> = {};

interface Manifest {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: Array<{
    botId: string;
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
  validDomains: string[];
}

/** `${{NAME}}`, the packager's placeholder syntax. */
const placeholder = (name: string) => ['$', '{{', name, '}}'].join('');
const template = () => readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8');
const rendered = (appId?: string) =>
  renderManifest(template(), { appId, publicUrl: 'https://csp.contoso.example:8443' }) as unknown as Manifest;

/** The command names on the help card of the real assistant: what the bot registers and lists. */
async function registeredCommands(): Promise<string[]> {
  const connector = await new ConnectorStub().start();
  let assistant: Assistant | undefined;
  try {
    assistant = await startTestAssistant();
    expect(await postActivity(assistant.url, message(connector.url, 'help'))).to.equal(200);
    await connector.waitFor(1);
    const card = connector.received[0].activity.attachments?.[0]?.content as { body: Array<Record<string, unknown>> };
    const facts = card.body.find((element) => element.type === 'FactSet')?.facts as Array<{ title: string }>;
    return facts.map((fact) => fact.title);
  } finally {
    await assistant?.close();
    await connector.stop();
  }
}

describe('Teams app package (manifest/teams)', () => {
  it('is on a numbered manifest schema that @microsoft/app-manifest ships, and says so in $schema', () => {
    const manifest = rendered();
    const shipped = readdirSync(SCHEMAS).filter((dir) => /^v\d+\.\d+$/.test(dir));
    expect(shipped).to.include(`v${manifest.manifestVersion}`);
    expect(manifest.$schema).to.equal(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(Number(manifest.manifestVersion.split('.')[1])).to.be.at.least(22);
  });

  it('validates offline against the bundled schema, with the placeholder bot id and with a real one', async () => {
    for (const appId of [undefined, APP_ID]) {
      const manifest = rendered(appId);
      const errors = await schemaErrors(manifest);
      expect(errors, errors.join('\n')).to.deep.equal([]);
    }
  });

  it('the validator catches a broken manifest (so a pass means something)', async () => {
    const manifest = { ...rendered(), accentColor: 'blue', bots: [{ botId: 'not-a-guid', scopes: ['personal'] }] };
    const errors = await schemaErrors(manifest);
    expect(errors.join('\n')).to.include('/accentColor').and.to.include('/bots/0/botId');
  });

  it('takes the bot id from MICROSOFT_APP_ID, else a placeholder GUID, and the valid domain from PUBLIC_URL', () => {
    expect(JSON.parse(template()).bots[0].botId).to.equal(placeholder('MICROSOFT_APP_ID'));
    expect(rendered(APP_ID).bots[0].botId).to.equal(APP_ID);
    expect(rendered().bots[0].botId).to.equal(PLACEHOLDER_APP_ID);
    expect(rendered().validDomains).to.deep.equal(['csp.contoso.example']);
    expect(() => renderManifest(`{"x":"${placeholder('NOPE')}"}`, { publicUrl: 'https://a.example' })).to.throw('NOPE');
  });

  it('has a bot in personal scope only, with a command list for personal chat', () => {
    const [bot, ...others] = rendered().bots;
    expect(others).to.deep.equal([]);
    expect(bot.scopes).to.deep.equal(['personal']);
    expect(bot.commandLists.map((list) => list.scopes)).to.deep.equal([['personal']]);
    const titles = bot.commandLists[0].commands.map((c) => c.title);
    expect(titles).to.have.members([
      'help',
      'enroll',
      'status',
      'distributors',
      'customers',
      'ready',
      'requests',
      'gdap',
      'reauthorisation',
      'language',
    ]);
    for (const command of bot.commandLists[0].commands) expect(command.description, command.title).to.match(/\w{3,}/);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const icons = rendered().icons;
    const color = readPng(readFileSync(path.join(TEAMS_DIR, icons.color)), inflateSync);
    expect([color.width, color.height]).to.deep.equal([192, 192]);
    const outline = readPng(readFileSync(path.join(TEAMS_DIR, icons.outline)), inflateSync);
    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
    expect(outline.colourType, 'RGBA, so it can be transparent').to.equal(6);
    expect(outline.alphas.filter((a) => a === 0).length, 'transparent background').to.be.greaterThan(32 * 32 * 0.5);
    expect(
      outline.alphas.some((a) => a > 0),
      'something is drawn',
    ).to.equal(true);
    const drawn = outline.pixels.filter(([, , , a]) => a > 0);
    expect(
      drawn.every(([r, g, b]) => r === 255 && g === 255 && b === 255),
      'drawn pixels are white',
    ).to.equal(true);
  });

  it('ships the icons that manifest/teams/makeIcons.ts draws', () => {
    expect(readFileSync(path.join(TEAMS_DIR, 'color.png')).equals(colorIcon())).to.equal(true);
    expect(readFileSync(path.join(TEAMS_DIR, 'outline.png')).equals(outlineIcon())).to.equal(true);
  });

  it('packages manifest.json, both icons and the localization files at the zip root, the manifest rendered and valid', async () => {
    const entries = unzip(buildTeamsPackage({ appId: APP_ID, publicUrl: 'https://bot.contoso.example' }));
    expect([...entries.keys()]).to.deep.equal([...PACKAGE_FILES]);
    const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? '') as Manifest;
    expect(manifest.bots[0].botId).to.equal(APP_ID);
    expect(manifest.validDomains).to.deep.equal(['bot.contoso.example']);
    const errors = await schemaErrors(manifest);
    expect(errors).to.deep.equal([]);
    expect(entries.get('color.png')?.equals(readFileSync(path.join(TEAMS_DIR, 'color.png')))).to.equal(true);
    expect(entries.get('outline.png')?.equals(readFileSync(path.join(TEAMS_DIR, 'outline.png')))).to.equal(true);
  });

  describe('its command list against the commands the bot registers', () => {
    let registered: string[] = [];
    before(async () => {
      registered = await registeredCommands();
    });

    it('lists only commands the bot answers, or planned ones named with their issue', () => {
      const listed = rendered().bots[0].commandLists[0].commands.map((c) => c.title);
      const unknown = listed.filter((name) => !registered.includes(name) && !(name in PLANNED_COMMANDS));
      expect(
        unknown,
        `in the manifest but not registered by the bot (registered: ${registered.join(', ')})`,
      ).to.deep.equal([]);
    });

    for (const [name, issue] of Object.entries(PLANNED_COMMANDS)) {
      it(`the bot registers "${name}" (planned in ${issue}; pending until it lands)`, function () {
        if (!registered.includes(name)) this.skip();
        expect(registered).to.include(name);
      });
    }
  });
});
