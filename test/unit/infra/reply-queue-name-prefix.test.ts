import { describe, expect, it } from 'vitest';
import {
  MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH,
  replyQueueNamePrefix,
} from '../../../infra/reply-queue-name-prefix.ts';

describe('replyQueueNamePrefix', () => {
  it('derives the prefix from a hash of the whole stack name and the stack name', () => {
    expect(replyQueueNamePrefix('WaContactProfile-Api')).toMatch(
      /^[0-9a-f]{8}-WaContactProfile-Api-reply-$/,
    );
  });

  it('stays within the 40 characters the functions accept, in SQS name characters', () => {
    const prefix = replyQueueNamePrefix('A-very-long-deployment-name.for.a.customer-Api');
    expect(prefix.length).toBeLessThanOrEqual(MAX_REPLY_QUEUE_NAME_PREFIX_LENGTH);
    expect(prefix).toMatch(/^[A-Za-z0-9_-]+-reply-$/);
  });

  it('keeps apart deployments whose names share the part that fits, or differ in dots only', () => {
    const shared = 'Customer-with-a-long-deployment-name-shared-by-two';
    const prefixes = [
      replyQueueNamePrefix(`${shared}-Api`),
      replyQueueNamePrefix(`${shared}-Api2`),
      replyQueueNamePrefix('Team.A-Api'),
      replyQueueNamePrefix('Team-A-Api'),
    ];

    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const a of prefixes) {
      for (const b of prefixes) {
        if (a !== b) expect(b.startsWith(a)).toBe(false);
      }
    }
  });

  it("never makes one deployment's prefix the start of another's", () => {
    const short = replyQueueNamePrefix('Api');
    const names = [`${short}x`, `Api-reply-x`, `${short.slice(9)}x`, 'Api-x'];

    for (const name of names) {
      expect(replyQueueNamePrefix(name).startsWith(short)).toBe(false);
    }
  });
});
