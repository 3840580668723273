import { describe, expect, it } from 'vitest';
import type { WarmupLookupMessage } from '../../../functions/contracts/shard-messages.ts';
import type { ProfileCache } from '../../../functions/ports/profile-cache.ts';
import { createDispatchWarmups } from '../../../functions/worker/dispatch-warmups.ts';
import { createWarmupMessageHandler } from '../../../functions/worker/warmup-message-handler.ts';
import { silentLogger } from '../../support/silent-logger.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

function setup() {
  const sent: Array<{ shard: number; request: WarmupLookupMessage }> = [];
  const cache: ProfileCache = { get: async () => null, put: async () => undefined };
  const handle = createWarmupMessageHandler({
    dispatchWarmups: createDispatchWarmups({
      cache,
      shardCount: 1,
      freshSeconds: 3600,
      warmupDeadlineMs: 60_000,
      now: () => NOW,
      sendRequest: async (shard, request) => {
        sent.push({ shard, request });
      },
    }),
    logger: silentLogger(),
  });
  return { handle, sent };
}

describe('createWarmupMessageHandler', () => {
  it('dispatches each contact as a warm-up lookup without a reply queue and acknowledges the message', async () => {
    const { handle, sent } = setup();
    const body = {
      tenantId: 'acme',
      userId: 'alice',
      contacts: [{ jid: '5511999999999@s.whatsapp.net' }, { number: '+55 11 98888-7777' }],
    };

    const decision = await handle({ MessageId: 'm-1', Body: JSON.stringify(body) });

    expect(decision).toEqual({ kind: 'ack' });
    expect(sent).toHaveLength(2);
    for (const { shard, request } of sent) {
      expect(shard).toBe(0);
      expect(request).toMatchObject({
        kind: 'warmup-lookup',
        tenantId: 'acme',
        userId: 'alice',
        deadline: NOW + 60_000,
      });
      expect('replyQueueUrl' in request).toBe(false);
    }
  });

  it('leaves a malformed warm-up message for the dead-letter queue', async () => {
    const { handle, sent } = setup();

    const decision = await handle({ MessageId: 'm-2', Body: '{"tenantId":"acme"}' });

    expect(decision).toEqual({ kind: 'leave' });
    expect(sent).toEqual([]);
  });
});
