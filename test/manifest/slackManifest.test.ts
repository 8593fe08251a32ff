import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { load } from 'js-yaml';
import { SLACK_EVENTS_PATH, SLASH_COMMAND } from '../../bot/slack/slackApp';
import { lineOf, ROOT, sourceFiles } from './sourceFiles';

/**
 * The bot scopes each Web API method needs, from the "Required scopes" of Slack's method pages
 * (https://api.slack.com/methods/<method>). Several entries mean any one of them is enough (e.g.
 * conversations.info needs channels:read for public channels, groups:read for private ones). A method
 * the code calls that is missing here fails the test: look it up and add it.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.members': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.open': ['im:write'],
  'team.info': ['team:read'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.publish': [],
  'views.push': [],
  'views.update': [],
};

/** Scopes an event subscription needs (https://api.slack.com/events/<event>). */
const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
  app_mention: ['app_mentions:read'],
  'message.im': ['im:history'],
  member_joined_channel: ['channels:read', 'groups:read'],
};

interface SlackManifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = load(readFileSync(path.join(ROOT, 'manifest', 'slack', 'manifest.yaml'), 'utf8')) as SlackManifest;
const code = sourceFiles(['bot', 'services', 'dialogs', 'cards']);

/** The Web API method families (https://api.slack.com/methods), to find calls whatever the client is named. */
const FAMILIES =
  'admin|apps|auth|bookmarks|bots|calls|chat|conversations|dnd|emoji|files|pins|reactions|reminders|search|team|usergroups|users|views|workflows';

/**
 * Every Web API method the code calls, with where: `client.chat.postMessage(`,
 * `this.slackClient?.views.open(`, `apiCall('users.info'`.
 */
function calledMethods(): Map<string, string[]> {
  const calls = new Map<string, string[]>();
  const patterns = [
    new RegExp(`\\??\\.((?:${FAMILIES})(?:\\.[a-zA-Z]+)+)\\??\\.?\\(`, 'g'),
    /\bapiCall\(\s*['"`]([a-z][A-Za-z.]+)['"`]/g,
  ];
  for (const { file, text } of code) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const where = `${file}:${lineOf(text, match.index ?? 0)}`;
        calls.set(match[1], [...(calls.get(match[1]) ?? []), where]);
      }
    }
  }
  return calls;
}

/** Events the code listens to with `app.event('name'` (Bolt). */
function handledEvents(): string[] {
  return [
    ...new Set(code.flatMap(({ text }) => [...text.matchAll(/\.event\(\s*['"]([a-z_.]+)['"]/g)].map((m) => m[1]))),
  ];
}

describe('Slack app manifest (manifest/slack/manifest.yaml)', () => {
  const calls = calledMethods();

  it('finds the Web API calls the code makes (the scan works)', () => {
    expect([...calls.keys()]).to.include.members(['users.info', 'views.publish']);
  });

  it('knows the scopes of every Web API method the code calls', () => {
    const unknown = [...calls]
      .filter(([method]) => !(method in METHOD_SCOPES))
      .map(([m, where]) => `${m} (${where.join(', ')})`);
    expect(unknown, 'add these to METHOD_SCOPES from their page at https://api.slack.com/methods').to.deep.equal([]);
  });

  it('requests a scope for every Web API method the code calls', () => {
    const granted = new Set(manifest.oauth_config.scopes.bot);
    const uncovered = [...calls]
      .filter(([method]) => (METHOD_SCOPES[method] ?? []).length > 0)
      .filter(([method]) => !METHOD_SCOPES[method].some((scope) => granted.has(scope)))
      .map(([method, where]) => `${method} needs ${METHOD_SCOPES[method].join(' or ')} (${where.join(', ')})`);
    expect(uncovered).to.deep.equal([]);
  });

  it('requests no scope the code does not use (least privilege), and no user scopes', () => {
    const needed = new Set<string>(['commands']);
    for (const method of calls.keys()) for (const scope of METHOD_SCOPES[method] ?? []) needed.add(scope);
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      for (const scope of EVENT_SCOPES[event] ?? []) needed.add(scope);
    }
    const unused = manifest.oauth_config.scopes.bot.filter((scope) => !needed.has(scope));
    expect(unused).to.deep.equal([]);
    expect(manifest.oauth_config.scopes.user ?? []).to.deep.equal([]);
  });

  it('declares the /csp slash command on our Slack endpoint, which needs the commands scope', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).to.deep.equal([SLASH_COMMAND]);
    expect(manifest.oauth_config.scopes.bot).to.include('commands');
    for (const command of manifest.features.slash_commands) {
      expect(command.description.length).to.be.within(1, 2000);
    }
  });

  it('sends slash commands, interactivity and events to https://<host>/slack/events', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) {
      const parsed = new URL(url);
      expect(parsed.protocol, url).to.equal('https:');
      expect(parsed.pathname, url).to.equal(SLACK_EVENTS_PATH);
    }
    expect(new Set(urls.map((u) => new URL(u).host)).size, 'one host for all three').to.equal(1);
    expect(manifest.settings.interactivity.is_enabled).to.equal(true);
    expect(manifest.settings.socket_mode_enabled).to.equal(false);
  });

  it('subscribes to exactly the events the code handles, App Home included, each with a known scope', () => {
    const subscribed = manifest.settings.event_subscriptions.bot_events;
    expect(subscribed).to.include('app_home_opened');
    expect([...subscribed].sort()).to.deep.equal(handledEvents().sort());
    for (const event of subscribed) expect(EVENT_SCOPES, `scope of ${event}`).to.have.property(event);
  });

  it('turns the App Home tab on and names the app and its bot user', () => {
    expect(manifest.features.app_home.home_tab_enabled).to.equal(true);
    expect(manifest.display_information.name).to.have.length.within(1, 35);
    expect(manifest.features.bot_user.display_name).to.have.length.within(1, 80);
  });
});
