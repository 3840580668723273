import type { ScheduledEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createSweeperHandler } from '../../../functions/reply-queue-sweeper/create-sweeper-handler.ts';
import { scheduledEvent } from '../../support/lambda/api-gateway-events.ts';
import { fixedLambdaContext } from '../../support/lambda/lambda-context.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';
import {
  listedReplyQueue,
  fixedReplyQueueRegistry as registryOf,
} from '../../support/reply-queue-sweeper/fixed-reply-queue-registry.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

/** The registry port over a fixed list of queues, recording what it deletes. */
const queue = (name: string, idleMinutes: number) =>
  listedReplyQueue(name, idleMinutes * 60_000, NOW);

describe('createSweeperHandler', () => {
  it('deletes the queues idle for longer than the limit, at the clock’s time, and logs the sweep', async () => {
    // prepare
    const { registry, deleted } = registryOf([queue('a-reply-old', 120), queue('a-reply-new', 5)]);
    const logger = silentLogger();
    const info = vi.spyOn(logger, 'info');
    const handler = createSweeperHandler({ registry, idleSeconds: 3600, logger, now: () => NOW });

    // act
    const result = await handler(
      scheduledEvent() as unknown as ScheduledEvent,
      fixedLambdaContext('sweeper'),
    );

    // assert
    expect(result).toEqual({ examined: 2, deleted: ['a-reply-old'] });
    expect(deleted).toEqual(['https://sqs.local/000000000000/a-reply-old']);
    expect(info).toHaveBeenCalledWith('reply queues swept', {
      examined: 2,
      deleted: ['a-reply-old'],
    });
  });

  it('deletes nothing when every queue was used within the limit', async () => {
    // prepare
    const { registry, deleted } = registryOf([queue('a-reply-1', 59)]);
    const handler = createSweeperHandler({
      registry,
      idleSeconds: 3600,
      logger: silentLogger(),
      now: () => NOW,
    });

    // act
    const result = await handler(
      scheduledEvent() as unknown as ScheduledEvent,
      fixedLambdaContext('sweeper'),
    );

    // assert
    expect(result).toEqual({ examined: 1, deleted: [] });
    expect(deleted).toEqual([]);
  });
});
