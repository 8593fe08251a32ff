import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The relative links of a Markdown page whose target file is missing. Hand-written rather than a
 * Markdown parser: no parser is among the dependencies, and inline links, images and reference
 * definitions outside code are all these pages use.
 */
export function brokenRelativeLinks(markdown: string, pageFile: string): string[] {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...outsideCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
    ...[...outsideCode.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]),
  ];
  return targets.filter((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return false;
    const file = decodeURIComponent(target.split('#')[0]);
    return !existsSync(path.resolve(path.dirname(pageFile), file));
  });
}
