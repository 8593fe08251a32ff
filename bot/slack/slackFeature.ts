import type { App, RespondArguments, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Translate } from '../../i18n/i18n';

/** A `/csp <name>` subcommand. `ack` has already been called when `run` starts, unless `answersInAck`. */
export interface SlackSubcommand {
  name: string;
  /** Catalog key of the one-line description in `/csp help`. */
  descriptionKey: string;
  hidden?: boolean;
  run(input: {
    command: SlashCommand;
    args: string;
    t: Translate;
    client: WebClient;
    respond: (message: RespondArguments) => Promise<unknown>;
  }): Promise<void>;
}

/** What the Slack edge lends the features' listeners. */
export interface SlackEdgeTools {
  /** Renders a user's App Home again from every feature's sections (after something on it changed). */
  publishHome(client: WebClient, teamId: string, userId: string): Promise<void>;
}

/** What a slice of the product contributes to Slack: subcommands, and listeners registered on the app. */
export interface SlackFeature {
  subcommands?: SlackSubcommand[];
  register?(app: App, edge: SlackEdgeTools): void;
  /**
   * Sections this feature adds to the App Home tab of one user (pending requests, ...). `opened`: the rep
   * opened the tab, so every section reads the state now; otherwise a change elsewhere (a decision) redraws
   * it, and a section whose facts that change cannot touch may show what it read last.
   */
  homeBlocks?(input: { teamId: string; userId: string; t: Translate; opened: boolean }): Promise<KnownBlock[]>;
}
