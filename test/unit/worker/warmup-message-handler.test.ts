import { describe, expect, it, vi } from 'vitest';
import type { WarmupLookupMessage } from '../../../functions/contracts/shard-messages.ts';
import type { ProfileCache } from '../../../functions/ports/profile-cache.ts';
import { createDispatchWarmups } from '../../../functions/worker/dispatch-warmups.ts';
import { createWarmupMessageHandler } from '../../../functions/worker/warmup-message-handler.ts';
import { silentLogger } from '../../support/logging/silent-logger.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

function setup(options: { paired?: (userId: string) => boolean } = {}) {
  const sent: Array<{ shard: number; request: WarmupLookupMessage }> = [];
  const cache: ProfileCache = { get: async () => null, put: async () => undefined };
  const logger = silentLogger();
  const warned = vi.spyOn(logger, 'warn');
  const handle = createWarmupMessageHandler({
    dispatchWarmups: createDispatchWarmups({
      cache,
      sessionAcceptsWarmups: async (identity) => options.paired?.(identity.userId) ?? true,
      shardCount: 1,
      freshSeconds: 3600,
      warmupDeadlineMs: 60_000,
      now: () => NOW,
      sendRequest: async (shard, request) => {
        sent.push({ shard, request });
      },
    }),
    logger,
  });
  return { handle, sent, warned };
}

describe('createWarmupMessageHandler', () => {
  it('drops and logs, masked, warm-ups for 10,000 distinct identities without a paired session, sending only the paired ones', async () => {
    const paired = new Set(['user-17', 'user-4242', 'user-9999']);
    const { handle, sent, warned } = setup({ paired: (userId) => paired.has(userId) });

    const decisions = [];
    for (let n = 0; n < 10_000; n++) {
      const body = {
        tenantId: 'acme',
        userId: `user-${n}`,
        contacts: [{ jid: '5511999999999@s.whatsapp.net' }],
      };
      decisions.push(await handle({ MessageId: `m-${n}`, Body: JSON.stringify(body) }));
    }

    expect(decisions.every((decision) => decision.kind === 'ack')).toBe(true);
    expect(sent.map((entry) => entry.request.userId).sort()).toEqual([...paired].sort());
    const dropped = warned.mock.calls.filter(
      ([text]) => text === 'warm-up dropped: its session is not paired',
    );
    expect(dropped).toHaveLength(10_000 - paired.size);
    expect(dropped[0]?.[1]).toMatchObject({ tenantId: 'ac…(4)', userId: 'us…(6)' });
  });

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
