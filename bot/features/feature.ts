import type { WebClient } from '@slack/web-api';
import type { CloudAdapter, ConversationState, UserState } from 'botbuilder';
import type restify from 'restify';
import type { PartnerCenterGateway } from '../../services/partnerCenter/gateway';
import type { GdapGateway } from '../../services/gdap/gdapGateway';
import type { GdapSandboxControls } from '../../services/gdap/sandboxGdap';
import type { SandboxControls } from '../../services/partnerCenter/sandboxGateway';
import type { PartnerDirectory } from '../../services/partners/partnerDirectory';
import type { RegionTable } from '../../services/rules/regionTable';
import type { WebmailList } from '../../services/rules/webmail';
import type { Store } from '../../services/storage/openStore';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { Notifier, SlackDeliveredHook, SlackNoticeRenderer, TeamsNoticeRenderer } from '../proactive/notifier';
import type { SlackFeature } from '../slack/slackFeature';
import type { ConversationReferenceStore } from '../teams/conversationReferences';
import type { ChosenLanguage } from '../teams/chosenLanguage';
import type { TeamsFeature } from '../../dialogs/teamsTurn';

/** What the composition root hands every slice of the product. */
export interface FeatureDeps {
  config: AppConfig;
  logger: Logger;
  store: Store;
  adapter: CloudAdapter;
  conversationState: ConversationState;
  userState: UserState;
  /** The language a Teams person chose (`language`), as the bot reads it. */
  language: ChosenLanguage;
  references: ConversationReferenceStore;
  /** Undefined when the Slack side is off. */
  slackClient?: WebClient;
  /** Partner Center: the sandbox or the REST client, chosen by configuration. */
  partnerCenter: PartnerCenterGateway;
  /** Operator controls, only when the sandbox runs. */
  sandboxControls?: SandboxControls;
  /** Microsoft Graph's GDAP relationships (G1, G2, G4): the sandbox or the Graph client, beside Partner Center. */
  gdap: GdapGateway;
  /** The operator acting for the customer (approving a relationship), only when the sandbox runs. */
  gdapControls?: GdapSandboxControls;
  /** The distributor whose credentials reach Partner Center: resellers are observed as it (API1). */
  distributorTenantId?: string;
  regions: RegionTable;
  /** Webmail domains refused for a primary contact (E4). */
  webmail: WebmailList;
  /** Every partner the assistant knows (resellers by tenant id, providers). */
  partners: PartnerDirectory;
  /** Proactive messages to both sides, through the durable outbox. */
  notifier: Notifier;
  /**
   * The time, for slices that reason about it (invitation expiry, the approver-group cache). The
   * wall clock unless a test or a demo moves it (StartOptions.clock).
   */
  clock: () => Date;
}

/** A slice of the product (enrolment, partnerships, customers, ...) and what it adds to each edge. */
export interface Feature {
  name: string;
  teams?: TeamsFeature;
  slack?: SlackFeature;
  routes?: Array<(server: restify.Server) => void>;
  /** Renderers for the notices this feature sends, by name (see bot/proactive/notifier.ts). */
  teamsNotices?: Record<string, TeamsNoticeRenderer>;
  slackNotices?: Record<string, SlackNoticeRenderer>;
  /** What to do once a Slack notice of this name is posted (keep where it is, to update it later). */
  slackNoticeDelivered?: Record<string, SlackDeliveredHook>;
  /** Background work (pollers, the outbox); started after the server listens. */
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export type FeatureFactory = (deps: FeatureDeps) => Feature | Promise<Feature>;
