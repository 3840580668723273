import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbPairingAttempts } from '../../../functions/adapters/dynamodb-pairing-attempts.ts';
import type { PairingAttempt } from '../../../functions/domain/session/pairing-attempt.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

function attempt(attemptId: string, overrides: Partial<PairingAttempt> = {}): PairingAttempt {
  return {
    attemptId,
    method: 'qr',
    state: 'starting',
    startedAt: NOW,
    endsAt: NOW + 160_000,
    aliveUntil: NOW + 18_000,
    recentStarts: [NOW],
    ...overrides,
  };
}

describe('DynamoDbPairingAttempts on dynalite', () => {
  const table = useSessionsTable();
  let users = 0;
  const newUser = () => ({ tenantId: 'acme', userId: `user-${++users}` });
  const store = () =>
    new DynamoDbPairingAttempts({ client: table.client, tableName: table.tableName });

  it('claims the first attempt of a session and reads it back', async () => {
    const identity = newUser();

    expect(await store().claim(identity, attempt('a1'), null)).toBe(true);

    expect(await store().latest(identity)).toEqual(attempt('a1'));
  });

  it('lets exactly one of two claims replacing the same attempt win', async () => {
    // prepare
    const identity = newUser();
    const first = attempt('a1', { state: 'ended', endReason: 'timed_out' });
    await store().claim(identity, first, null);
    const other = new DynamoDbPairingAttempts({
      client: table.newClient(),
      tableName: table.tableName,
    });

    // act
    const results = await Promise.all([
      store().claim(identity, attempt('b'), first),
      other.claim(identity, attempt('c'), first),
    ]);

    // assert
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'b' : 'c';
    expect((await store().latest(identity))?.attemptId).toBe(winner);
  });

  it('refuses a first claim when another attempt already exists', async () => {
    const identity = newUser();
    await store().claim(identity, attempt('a1'), null);

    expect(await store().claim(identity, attempt('a2'), null)).toBe(false);
  });

  it('records progress only for the latest attempt that has not ended', async () => {
    // prepare
    const identity = newUser();
    await store().claim(identity, attempt('a1'), null);
    const qr = {
      state: 'waiting' as const,
      qr: 'QR-1',
      codeExpiresAt: NOW + 60_000,
      aliveUntil: NOW + 70_000,
    };

    // act
    const forOther = await store().progress(identity, 'other', qr);
    const forLatest = await store().progress(identity, 'a1', qr);
    await store().end(identity, 'a1', 'closed');
    const afterEnd = await store().progress(identity, 'a1', { aliveUntil: NOW + 99_000 });

    // assert
    expect([forOther, forLatest, afterEnd]).toEqual([false, true, false]);
  });

  it('removes the QR payload and pairing code when the attempt ends, keeping the hourly starts', async () => {
    // prepare
    const identity = newUser();
    await store().claim(identity, attempt('a1', { method: 'code' }), null);
    await store().progress(identity, 'a1', {
      state: 'waiting',
      pairingCode: 'ABCDEFGH',
      codeExpiresAt: NOW + 60_000,
      aliveUntil: NOW + 70_000,
    });

    // act
    await store().end(identity, 'a1', 'logged_out');

    // assert
    const raw = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: `wa-session#acme#${identity.userId}` }, sk: { S: 'pairing' } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.state?.S).toBe('ended');
    expect(raw.Item?.pairingCode).toBeUndefined();
    expect(raw.Item?.qr).toBeUndefined();
    expect(await store().latest(identity)).toMatchObject({
      state: 'ended',
      endReason: 'logged_out',
      recentStarts: [NOW],
    });
  });

  it('ignores an end for an attempt that is no longer the latest', async () => {
    const identity = newUser();
    await store().claim(identity, attempt('a1', { state: 'ended', endReason: 'closed' }), null);
    const replaced = attempt('a1', { state: 'ended', endReason: 'closed' });
    await store().claim(identity, attempt('a2', { qr: 'Q' }), replaced);

    await store().end(identity, 'a1', 'timed_out');

    expect(await store().latest(identity)).toMatchObject({
      attemptId: 'a2',
      state: 'starting',
      qr: 'Q',
    });
  });
});
