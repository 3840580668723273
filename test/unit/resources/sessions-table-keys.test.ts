import { describe, expect, it } from 'vitest';
import { sessionKey } from '../../../functions/domain/session/session-identity.ts';
import {
  SESSION_PARTITION_PREFIX,
  SIGNAL_KEY_SORT_KEY_PREFIX,
  sessionPartitionKey,
  shardLeaseKey,
  signalKeySortKey,
  workerPresenceKey,
} from '../../../functions/resources/sessions-table-keys.ts';

const ALICE = { tenantId: 'acme', userId: 'alice' };

describe('sessions table keys', () => {
  it('puts a session’s items in one partition named after the session', () => {
    // act
    const key = sessionPartitionKey(ALICE);

    // assert
    expect(key).toBe(`${SESSION_PARTITION_PREFIX}${sessionKey(ALICE)}`);
    expect(key).not.toBe(sessionPartitionKey({ tenantId: 'acme', userId: 'bob' }));
  });

  it('sorts a signal key under its type and id', () => {
    expect(signalKeySortKey('pre-key', '42')).toBe(`${SIGNAL_KEY_SORT_KEY_PREFIX}pre-key#42`);
  });

  it('keys a shard lease by its shard number, apart from every session partition', () => {
    // act
    const lease = shardLeaseKey(3);

    // assert
    expect(lease).toEqual({ pk: { S: 'lease#shard-3' }, sk: { S: 'lease' } });
    expect(lease.pk.S.startsWith(SESSION_PARTITION_PREFIX)).toBe(false);
    expect(shardLeaseKey(4).pk.S).not.toBe(lease.pk.S);
  });

  it('keeps every worker’s presence in one partition, one item a worker', () => {
    expect(workerPresenceKey('task-1')).toEqual({
      pk: { S: 'worker-presence' },
      sk: { S: 'task-1' },
    });
  });
});
