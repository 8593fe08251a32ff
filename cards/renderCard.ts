import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Attachment, CardFactory } from 'botbuilder';
import { projectRoot } from '../i18n/projectRoot';
import { type CardTemplate, prepareCardTemplate } from './cardTemplate';

/** One prepared template per card file, prepared at its first use and kept: expanding is synchronous. */
const templates = new Map<string, CardTemplate>();

function template(name: string): CardTemplate {
  let prepared = templates.get(name);
  if (!prepared) {
    const payload: unknown = JSON.parse(readFileSync(cardTemplatePath(name), 'utf8'));
    prepared = prepareCardTemplate(payload, name);
    templates.set(name, prepared);
  }
  return prepared;
}

export function cardTemplatePath(name: string): string {
  return path.join(projectRoot(), 'cards', 'teams', `${name}.json`);
}

/** Expands `cards/teams/<name>.json` (an Adaptive Card 1.5 template) with typed data. */
export function expandCard<T extends object>(name: string, data: T): Record<string, unknown> {
  return template(name).expand(data) as Record<string, unknown>;
}

export function cardAttachment<T extends object>(name: string, data: T): Attachment {
  return CardFactory.adaptiveCard(expandCard(name, data));
}
