import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { type Attachment, CardFactory } from 'botbuilder';
import { projectRoot } from '../i18n/projectRoot';

const templates = new Map<string, object>();

function template(name: string): object {
  let parsed = templates.get(name);
  if (!parsed) {
    parsed = JSON.parse(readFileSync(path.join(projectRoot(), 'cards', 'teams', `${name}.json`), 'utf8')) as object;
    templates.set(name, parsed);
  }
  return parsed;
}

/** Expands `cards/teams/<name>.json` (an Adaptive Card 1.5 template) with typed data. */
export function expandCard<T extends object>(name: string, data: T): Record<string, unknown> {
  return new ACData.Template(template(name)).expand({ $root: data }) as Record<string, unknown>;
}

export function cardAttachment<T extends object>(name: string, data: T): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
