import { describe, expect, it } from 'vitest';
import { profileRequestMessageSchema } from '../../../functions/contracts/shard-messages.ts';

const FIELDS = {
  version: 1,
  correlationId: 'corr-1',
  deadline: 1_750_000_000_000,
  tenantId: 'acme',
  userId: 'alice',
  contact: { kind: 'jid', jid: '5511999999999@s.whatsapp.net' },
  refresh: false,
};
const REPLY_QUEUE_URL = 'http://127.0.0.1:4566/000000000000/replies-1';

describe('profileRequestMessageSchema', () => {
  it('reads a profile lookup with its reply queue', () => {
    const message = { kind: 'profile-lookup', ...FIELDS, replyQueueUrl: REPLY_QUEUE_URL };

    const parsed = profileRequestMessageSchema.parse(message);

    expect(parsed).toEqual(message);
  });

  it('rejects a profile lookup without a reply queue', () => {
    const result = profileRequestMessageSchema.safeParse({ kind: 'profile-lookup', ...FIELDS });

    expect(result.success).toBe(false);
  });

  it('reads a warm-up lookup, which has no reply queue', () => {
    const parsed = profileRequestMessageSchema.parse({ kind: 'warmup-lookup', ...FIELDS });

    expect(parsed).toEqual({ kind: 'warmup-lookup', ...FIELDS });
    expect('replyQueueUrl' in parsed).toBe(false);
  });

  it('rejects a message of an unknown kind', () => {
    const result = profileRequestMessageSchema.safeParse({
      kind: 'picture-lookup',
      ...FIELDS,
      replyQueueUrl: REPLY_QUEUE_URL,
    });

    expect(result.success).toBe(false);
  });

  it('reads a message sent before kinds existed as a profile lookup when it names a reply queue', () => {
    const parsed = profileRequestMessageSchema.parse({ ...FIELDS, replyQueueUrl: REPLY_QUEUE_URL });

    expect(parsed.kind).toBe('profile-lookup');
  });

  it('reads a message sent before kinds existed as a warm-up when it names no reply queue', () => {
    const parsed = profileRequestMessageSchema.parse(FIELDS);

    expect(parsed.kind).toBe('warmup-lookup');
  });

  it('rejects a message that is not an object', () => {
    expect(profileRequestMessageSchema.safeParse('profile-lookup').success).toBe(false);
    expect(profileRequestMessageSchema.safeParse([FIELDS]).success).toBe(false);
  });
});
