import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

/**
 * The only module that reads `process.env`. Everything else receives a parsed `AppConfig`.
 * A bad value stops the process with the variable's name and what was expected.
 */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_API_URL: z.preprocess(emptyToUndefined, z.url().default('https://slack.com/api/')),
  SLACK_API_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  // At most cards/slack/readiness HOME_RESELLERS_SHOWN: what fits a Home tab beside the pending requests.
  SLACK_HOME_RESELLERS_PER_PAGE: z.coerce.number().int().min(1).max(15).default(15),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/ }).optional()),
  // Not emptyToUndefined: an empty prefix is a choice (keep the unprefixed keys of earlier versions).
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{0,64}$/, 'letters, digits and _ . : - only (at most 64)')
    .default('csp:'),
  STORE: z.preprocess(emptyToUndefined, z.enum(['memory', 'sqlite', 'redis']).optional()),
  SQLITE_SYNCHRONOUS: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['full', 'normal']).default('full'),
  ),
  PARTNER_CENTER_MODE: z.enum(['sandbox', 'rest']).default('sandbox'),
  PARTNER_CENTER_URL: z.url().default('https://api.partnercenter.microsoft.com'),
  PARTNER_CENTER_TOKEN: optionalString,
  PARTNER_CENTER_TENANT_ID: optionalString,
  PARTNER_CENTER_CLIENT_ID: optionalString,
  PARTNER_CENTER_CLIENT_SECRET: optionalString,
  PARTNER_CENTER_REFRESH_TOKEN: optionalString,
  PARTNER_CENTER_TOKEN_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  GRAPH_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_TOKEN: optionalString,
  SANDBOX_VERIFICATION_STEP_MS: z.coerce.number().int().positive().default(15_000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  REGION_TABLE_FILE: optionalString,
  WEBMAIL_DOMAINS_FILE: optionalString,
  VERIFICATION_WEBHOOK_SECRET: optionalString,
  VERIFICATION_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  REAUTHORISATION_POLL_MS: z.coerce.number().int().positive().default(3600_000),
  GDAP_REMINDER_POLL_MS: z.coerce.number().int().positive().default(3_600_000),
  MPA_REMINDER_EVERY_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600_000),
  OUTBOX_CONCURRENCY: z.coerce.number().int().positive().default(32),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
  INVITATION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  SHUTDOWN_DELAY_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(120_000).optional()),
  TEAMS_APP_ID: z.preprocess(emptyToUndefined, z.uuid().optional()),
  TEAMS_PRIVACY_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
  TEAMS_TERMS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
  // Faults (issue 13): bounded store calls; where Bot Framework tokens' signing keys are published.
  STORE_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  RECOVERY_EVERY_MS: z.coerce.number().int().positive().default(60_000),
  APPROVALS_AT_ONCE: z.coerce.number().int().positive().max(256).default(32),
  TEST_ONLY_CRASH_AT: optionalString,
});

export type Environment = z.infer<typeof environmentSchema>;

export interface AppConfig {
  env: Environment['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Environment['LOG_LEVEL'];
  bot: {
    appId?: string;
    appPassword?: string;
    appTenantId?: string;
    appType: Environment['MICROSOFT_APP_TYPE'];
  };
  /** Undefined when the Slack side is off (no signing secret or no bot token). */
  slack?: { signingSecret: string; botToken: string; apiUrl: string; apiTimeoutMs: number };
  /** How many resellers a page of the App Home's readiness section shows (Previous / Next for the others). */
  homeResellersPerPage: number;
  store: {
    backend: 'memory' | 'sqlite' | 'redis';
    dataDir: string;
    redisUrl?: string;
    /** Before every Redis key; `csp:` by default, empty for the unprefixed keys of earlier versions. */
    redisKeyPrefix: string;
    /** SQLite's `PRAGMA synchronous` in WAL mode: `full` survives a power loss, `normal` may lose the last commits. */
    sqliteSynchronous: 'full' | 'normal';
  };
  partnerCenter: {
    mode: 'sandbox' | 'rest';
    baseUrl: string;
    /** A fixed access token (tests, a token minted outside); `refresh` is what production uses. */
    token?: string;
    /** App+User: the assistant trades the refresh token for access tokens itself (tokenProvider.ts). */
    refresh?: { tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string };
    /** The distributor's tenant, whose credentials these are: the one profile they may read (API1). */
    tenantId?: string;
    sandboxStepMs: number;
    /** Microsoft Graph for GDAP (G1), with the distributor's credentials: the same refresh token, or a fixed token. */
    graph: { baseUrl: string; token?: string };
  };
  /** Undefined: GET /metrics answers 404. Set: it asks for `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** How long /readyz says 503 before the listener closes, so a load balancer stops sending first. */
  shutdownDelayMs: number;
  maxBodyBytes: number;
  publicUrl: string;
  /** An operator's JSON patch of the CSP region table (services/data/regions.json). */
  regionTableFile?: string;
  /** An operator's JSON list of webmail domains, replacing services/data/webmail.json (E4). */
  webmailDomainsFile?: string;
  /** Proactive notifications: the verification webhook and poller, the MPA reminder, the outbox. */
  notifications: {
    /** Undefined: `POST /api/events/verification` answers 404. */
    webhookSecret?: string;
    verificationPollMs: number;
    /** How often the GDAP reminders pass runs (G1, G4): hourly, as the reminders are counted in days. */
    gdapReminderPollMs: number;
    mpaReminderEveryMs: number;
    /** How often the A2 countdown (90, 60, 30 days before a reseller's anniversary month) looks again. */
    reauthorisationPollMs: number;
    outbox: { concurrency: number; maxAttempts: number; pollMs: number };
  };
  /** Partnership invitations (P2): without a secret, one is generated once and kept in the store. */
  partnerships: { invitationSecret?: string; invitationTtlDays: number };
  /**
   * Customer approvals acked in Slack and carried out per instance at once, in click order (issue 18).
   * 32 by default: in the bench's 1,000 approvals on SQLite, 8 at once halved the approvals' rate (each
   * one's writes wait for a group commit in turn) for no better ack than 32; all at once made the acks'
   * own store write wait behind every approval's (bench/README.md, "Slack Approve ack").
   */
  approvalsAtOnce: number;
  /** Faults (issue 13). */
  faults: {
    /** Every store operation fails after this long instead of waiting on a slow or cut backend. */
    storeTimeoutMs: number;
    /** Microsoft's by default; set only to test or for a sovereign cloud. */
    openIdMetadataUrl?: string;
    /** How often the recovery pass looks for approvals a crash left unfinished. */
    recoveryEveryMs: number;
    /** Test only: the moment a fault test kills the process at (bot/testOnlyCrash.ts); ignored unless NODE_ENV=test. */
    testOnlyCrashAt?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (by default `process.env` plus an optional `.env` file). */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnv()): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  // An empty app id turns Bot Framework authentication off entirely: never acceptable in production.
  if (e.NODE_ENV === 'production' && !e.MICROSOFT_APP_ID) {
    problems.push('MICROSOFT_APP_ID: required when NODE_ENV=production (without it anyone could post activities)');
  }
  if (e.MICROSOFT_APP_ID && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    problems.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (unless MICROSOFT_APP_TYPE=UserAssignedMSI)');
  }
  if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_TENANT_ID) {
    problems.push('MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE=SingleTenant');
  }
  if (e.STORE === 'redis' && !e.REDIS_URL) problems.push('REDIS_URL: required when STORE=redis');
  const refreshVariables = [
    'PARTNER_CENTER_TENANT_ID',
    'PARTNER_CENTER_CLIENT_ID',
    'PARTNER_CENTER_CLIENT_SECRET',
    'PARTNER_CENTER_REFRESH_TOKEN',
  ] as const;
  const refreshGiven = refreshVariables.filter((name) => e[name]);
  if (refreshGiven.length > 0 && refreshGiven.length < refreshVariables.length) {
    const missing = refreshVariables.filter((name) => !e[name]);
    problems.push(`${missing.join(', ')}: required with ${refreshGiven.join(', ')} (Partner Center App+User)`);
  }
  if (e.PARTNER_CENTER_MODE === 'rest' && !e.PARTNER_CENTER_TOKEN && refreshGiven.length === 0) {
    problems.push(
      'PARTNER_CENTER_REFRESH_TOKEN (with PARTNER_CENTER_TENANT_ID, _CLIENT_ID, _CLIENT_SECRET) or PARTNER_CENTER_TOKEN: required when PARTNER_CENTER_MODE=rest',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const slackOn = Boolean(e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN);
  const apiUrl = e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
    },
    slack: slackOn
      ? {
          signingSecret: e.SLACK_SIGNING_SECRET as string,
          botToken: e.SLACK_BOT_TOKEN as string,
          apiUrl,
          apiTimeoutMs: e.SLACK_API_TIMEOUT_MS,
        }
      : undefined,
    homeResellersPerPage: e.SLACK_HOME_RESELLERS_PER_PAGE,
    store: {
      backend: e.STORE ?? (e.REDIS_URL ? 'redis' : 'sqlite'),
      dataDir: e.DATA_DIR,
      redisUrl: e.REDIS_URL,
      redisKeyPrefix: e.REDIS_KEY_PREFIX,
      sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    },
    partnerCenter: {
      mode: e.PARTNER_CENTER_MODE,
      baseUrl: e.PARTNER_CENTER_URL,
      token: e.PARTNER_CENTER_TOKEN,
      tenantId: e.PARTNER_CENTER_TENANT_ID,
      refresh: e.PARTNER_CENTER_REFRESH_TOKEN
        ? {
            // Partner Center's documented App+User token endpoint (the refresh-token grant, resource api).
            tokenUrl:
              e.PARTNER_CENTER_TOKEN_URL ??
              `https://login.microsoftonline.com/${e.PARTNER_CENTER_TENANT_ID}/oauth2/token`,
            clientId: e.PARTNER_CENTER_CLIENT_ID as string,
            clientSecret: e.PARTNER_CENTER_CLIENT_SECRET as string,
            refreshToken: e.PARTNER_CENTER_REFRESH_TOKEN,
          }
        : undefined,
      sandboxStepMs: e.SANDBOX_VERIFICATION_STEP_MS,
      graph: { baseUrl: e.GRAPH_URL, token: e.GRAPH_TOKEN },
    },
    metricsToken: e.METRICS_TOKEN,
    // Behind a load balancer (production) give it time to see /readyz fail; locally, Ctrl-C stops at once.
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS ?? (e.NODE_ENV === 'production' ? 5000 : 0),
    maxBodyBytes: e.MAX_BODY_BYTES,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    regionTableFile: e.REGION_TABLE_FILE,
    webmailDomainsFile: e.WEBMAIL_DOMAINS_FILE,
    notifications: {
      webhookSecret: e.VERIFICATION_WEBHOOK_SECRET,
      // The sandbox's clock moves in seconds; the real Partner Center in days, so poll it gently.
      verificationPollMs: e.VERIFICATION_POLL_MS ?? (e.PARTNER_CENTER_MODE === 'sandbox' ? 3000 : 300_000),
      gdapReminderPollMs: e.GDAP_REMINDER_POLL_MS,
      mpaReminderEveryMs: e.MPA_REMINDER_EVERY_MS,
      reauthorisationPollMs: e.REAUTHORISATION_POLL_MS,
      outbox: { concurrency: e.OUTBOX_CONCURRENCY, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, pollMs: e.OUTBOX_POLL_MS },
    },
    partnerships: { invitationSecret: e.INVITATION_SECRET, invitationTtlDays: e.INVITATION_TTL_DAYS },
    approvalsAtOnce: e.APPROVALS_AT_ONCE,
    faults: {
      storeTimeoutMs: e.STORE_TIMEOUT_MS,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      recoveryEveryMs: e.RECOVERY_EVERY_MS,
      testOnlyCrashAt: e.NODE_ENV === 'test' ? e.TEST_ONLY_CRASH_AT : undefined,
    },
  };
}

/**
 * What `npm run package:teams` needs: the bot's app id and the public address. Only those are read,
 * so an operator builds the package without the secrets the running assistant requires.
 */
export function loadPackagingConfig(env: NodeJS.ProcessEnv = readProcessEnv()): Pick<AppConfig, 'publicUrl'> & {
  appId?: string;
  /** The Teams app's own id (manifest `id`), TEAMS_APP_ID; the packager has a default. */
  teamsAppId?: string;
  privacyUrl?: string;
  termsUrl?: string;
} {
  const parsed = environmentSchema
    .pick({
      PORT: true,
      MICROSOFT_APP_ID: true,
      PUBLIC_URL: true,
      TEAMS_APP_ID: true,
      TEAMS_PRIVACY_URL: true,
      TEAMS_TERMS_URL: true,
    })
    .safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    appId: e.MICROSOFT_APP_ID,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    teamsAppId: e.TEAMS_APP_ID,
    privacyUrl: e.TEAMS_PRIVACY_URL,
    termsUrl: e.TEAMS_TERMS_URL,
  };
}

function readProcessEnv(): NodeJS.ProcessEnv {
  // `.env` fills gaps only; a variable set in the real environment wins.
  loadDotenv({ quiet: true } as Parameters<typeof loadDotenv>[0]);
  return process.env;
}
