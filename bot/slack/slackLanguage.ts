import type { WebClient } from '@slack/web-api';
import { DEFAULT_LANGUAGE, type Language, resolveLanguage, type Translate, translatorFor } from '../../i18n/i18n';
import { mrkdwnTranslator } from '../../i18n/slackMrkdwn';
import { type AtomicStore, updateRecord } from '../../services/storage/atomicStore';
import type { Logger } from '../logger';
import { LRUCache } from 'lru-cache';

const LOCALE_TTL_MS = 60 * 60 * 1000;
/** Slack wants an answer within 3 s; a slow users.info must not eat that budget. */
const LOOKUP_BUDGET_MS = 800;

/**
 * A Slack user's language: the one they chose with `/csp language`, else their Slack locale from
 * `users.info` (cached for an hour), else English. A channel has a language of its own: a channel is
 * read by many people, so it cannot follow any one of them; the provider's approvals channel speaks
 * the language chosen in `/csp setup` (by default that of the person who set it up).
 */
export class SlackLanguages {
  /** 10,000 people at most (a language code and a time each, ~150 B). */
  private readonly cache = new LRUCache<string, { language: Language; until: number }>({ max: 10_000 });

  constructor(
    private readonly records: AtomicStore,
    private readonly logger: Logger,
  ) {}

  /** Slack's translators escape what they interpolate for mrkdwn (i18n/slackMrkdwn.ts). */
  async translatorFor(client: WebClient, teamId: string, userId: string): Promise<Translate> {
    return mrkdwnTranslator(translatorFor(await this.languageOf(client, teamId, userId)));
  }

  async languageOf(client: WebClient, teamId: string, userId: string): Promise<Language> {
    const chosen = await this.records.read<{ language: Language }>(preferenceKey(teamId, userId));
    if (chosen) return chosen.value.language;
    const key = `${teamId}:${userId}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.language;
    const language = await this.lookUp(client, userId);
    this.cache.set(key, { language, until: Date.now() + LOCALE_TTL_MS });
    return language;
  }

  async choose(teamId: string, userId: string, language: Language): Promise<void> {
    await updateRecord<{ language: Language }>(this.records, preferenceKey(teamId, userId), () => ({ language }));
  }

  /** The language notices and approval requests are written in, in a channel (English until chosen). */
  async channelLanguage(channelId: string): Promise<Language> {
    const chosen = await this.records.read<{ language: Language }>(channelKey(channelId));
    return chosen ? resolveLanguage(chosen.value.language) : DEFAULT_LANGUAGE;
  }

  async channelTranslator(channelId: string): Promise<Translate> {
    return mrkdwnTranslator(translatorFor(await this.channelLanguage(channelId)));
  }

  async chooseForChannel(channelId: string, language: Language): Promise<void> {
    await updateRecord<{ language: Language }>(this.records, channelKey(channelId), () => ({ language }));
  }

  private async lookUp(client: WebClient, userId: string): Promise<Language> {
    try {
      const answer = await Promise.race([
        client.users.info({ user: userId, include_locale: true }),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOOKUP_BUDGET_MS).unref()),
      ]);
      return resolveLanguage(answer?.user?.locale);
    } catch (error) {
      this.logger.debug({ err: error }, 'users.info failed; answering in English');
      return resolveLanguage(undefined);
    }
  }
}

const preferenceKey = (teamId: string, userId: string) => `slack:lang:${teamId}:${userId}`;
const channelKey = (channelId: string) => `slack:lang:channel:${channelId}`;
