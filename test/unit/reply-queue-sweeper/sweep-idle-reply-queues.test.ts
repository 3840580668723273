import { describe, expect, it } from 'vitest';
import { sweepIdleReplyQueues } from '../../../functions/reply-queue-sweeper/sweep-idle-reply-queues.ts';
import {
  listedReplyQueue,
  fixedReplyQueueRegistry as registryOf,
} from '../../support/reply-queue-sweeper/fixed-reply-queue-registry.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

const queue = (name: string, idleMs: number) => listedReplyQueue(name, idleMs, NOW);

describe('sweepIdleReplyQueues', () => {
  it('deletes only the queues last used before the cutoff, counting every queue examined', async () => {
    // prepare
    const { registry, deleted } = registryOf([
      queue('idle', 3_600_001),
      queue('at-the-limit', 3_600_000),
      queue('busy', 1_000),
    ]);

    // act
    const result = await sweepIdleReplyQueues({ registry, idleSeconds: 3600, now: NOW });

    // assert
    expect(result).toEqual({ examined: 3, deleted: ['idle'] });
    expect(deleted).toEqual(['https://sqs.local/000000000000/idle']);
  });

  it('examines nothing and deletes nothing when there are no reply queues', async () => {
    // prepare
    const { registry, deleted } = registryOf([]);

    // act
    const result = await sweepIdleReplyQueues({ registry, idleSeconds: 60, now: NOW });

    // assert
    expect(result).toEqual({ examined: 0, deleted: [] });
    expect(deleted).toEqual([]);
  });
});
