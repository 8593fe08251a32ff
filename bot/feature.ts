import type { WebClient } from '@slack/web-api';
import type { CloudAdapter, ConversationState, UserState } from 'botbuilder';
import type restify from 'restify';
import type { Store } from '../services/storage/openStore';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import type { SlackFeature } from './slack/slackFeature';
import type { ConversationReferenceStore } from './teams/conversationReferences';
import type { TeamsFeature } from './teams/teamsFeature';

/** What the composition root hands every slice of the product. */
export interface FeatureDeps {
  config: AppConfig;
  logger: Logger;
  store: Store;
  adapter: CloudAdapter;
  conversationState: ConversationState;
  userState: UserState;
  references: ConversationReferenceStore;
  /** Undefined when the Slack side is off. */
  slackClient?: WebClient;
}

/** A slice of the product (enrolment, partnerships, customers, ...) and what it adds to each edge. */
export interface Feature {
  name: string;
  teams?: TeamsFeature;
  slack?: SlackFeature;
  routes?: Array<(server: restify.Server) => void>;
  /** Background work (pollers, the outbox); started after the server listens. */
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export type FeatureFactory = (deps: FeatureDeps) => Feature | Promise<Feature>;
