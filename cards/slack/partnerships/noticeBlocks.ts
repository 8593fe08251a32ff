/** A partnership notice in the provider's channel (a reseller accepted, declined, reached a milestone). */
import type { KnownBlock } from '@slack/types';
import { blockKit } from '../blockKit';

const { mrkdwn } = blockKit;

export function noticeBlocks(text: string): KnownBlock[] {
  return [{ type: 'section', text: mrkdwn(text) }];
}
