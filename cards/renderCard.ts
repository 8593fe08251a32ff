import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { type Attachment, CardFactory } from 'botbuilder';
import { projectRoot } from '../i18n/projectRoot';

/**
 * One prepared Template per card file. Preparing parses every `${...}` expression (an ANTLR parser,
 * the most expensive part of a card turn); a Template is made to be expanded again and again with
 * different data, and `expand` is synchronous, so one instance serves every turn.
 */
const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let prepared = templates.get(name);
  if (!prepared) {
    const payload = JSON.parse(readFileSync(path.join(projectRoot(), 'cards', 'teams', `${name}.json`), 'utf8'));
    prepared = new ACData.Template(payload as object);
    templates.set(name, prepared);
  }
  return prepared;
}

/** Expands `cards/teams/<name>.json` (an Adaptive Card 1.5 template) with typed data. */
export function expandCard<T extends object>(name: string, data: T): Record<string, unknown> {
  return template(name).expand({ $root: data }) as Record<string, unknown>;
}

export function cardAttachment<T extends object>(name: string, data: T): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
