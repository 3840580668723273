import { describe, expect, it } from 'vitest';
import {
  isReplyQueueName,
  QUEUE_DEFINITIONS,
  replyQueueName,
  requestQueueId,
  sessionCommandQueueId,
} from '../../../functions/resources/queue-definitions.ts';

describe('queue definitions', () => {
  const uuid = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

  it('names a reply queue with the prefix and the 32 hex digits of a UUID', () => {
    const name = replyQueueName('abc123-prod-reply-', uuid);

    expect(name).toBe('abc123-prod-reply-0f1e2d3c4b5a49688776a5b4c3d2e1f0');
  });

  it('recognises the names replyQueueName makes, and only under the same prefix', () => {
    const name = replyQueueName('abc123-prod-reply-', uuid);

    expect(isReplyQueueName('abc123-prod-reply-', name)).toBe(true);
    expect(isReplyQueueName('def456-prod-reply-', name)).toBe(false);
  });

  it('refuses a name under the prefix whose rest is not 32 lowercase hex digits', () => {
    const prefix = 'abc123-prod-reply-';

    expect(isReplyQueueName(prefix, `${prefix}${'0'.repeat(31)}`)).toBe(false);
    expect(isReplyQueueName(prefix, `${prefix}${'A'.repeat(32)}`)).toBe(false);
    expect(isReplyQueueName(prefix, `${prefix}${'0'.repeat(32)}-fifo`)).toBe(false);
  });

  it('names each shard its own request and session-command queue', () => {
    const names = [0, 1].flatMap((shard) => [requestQueueId(shard), sessionCommandQueueId(shard)]);

    expect(new Set(names).size).toBe(4);
    expect(requestQueueId(1)).toMatch(/Shard1$/);
  });

  it('defines every queue under an id of its own', () => {
    const ids = QUEUE_DEFINITIONS.map((definition) => definition.id);

    expect(new Set(ids).size).toBe(ids.length);
  });
});
