import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { SESSIONS_TABLE } from './table-definitions.ts';

/**
 * The sessions table's key layout, in one place. Every item kind shares the table:
 *
 * | item                     | pk                          | sk                      |
 * |--------------------------|-----------------------------|-------------------------|
 * | a session's credentials  | `wa-session#<tenant>#<user>` | `creds`                 |
 * | a session's signal keys  | `wa-session#<tenant>#<user>` | `key#<type>#<id>`       |
 * | a session's status       | `wa-session#<tenant>#<user>` | `status`                |
 * | its latest pairing       | `wa-session#<tenant>#<user>` | `pairing`               |
 * | the session index entry  | `wa-session-index`          | `<tenant>#<user>`       |
 * | a shard's lease          | `lease#shard-<n>`           | `lease`                 |
 * | a worker task's presence | `worker-presence`           | `<worker id>`           |
 */
export const SESSIONS_PK = SESSIONS_TABLE.partitionKey.name;
export const SESSIONS_SK = SESSIONS_TABLE.sortKey.name;

/** What every session partition key starts with (IAM conditions match it). */
export const SESSION_PARTITION_PREFIX = 'wa-session#';

/** Partition of one session's auth state and status. */
export function sessionPartitionKey(identity: SessionIdentity): string {
  return `${SESSION_PARTITION_PREFIX}${sessionKey(identity)}`;
}

/**
 * The attributes of the items the API functions may touch, named once for the code's
 * projections and for the IAM conditions (`dynamodb:Attributes`) that keep every other attribute
 * (the sealed credentials above all) out of their reach.
 */
export const SESSION_STATUS_ATTRIBUTES = [
  'state',
  'updatedAt',
  'account',
  'reason',
  'jid',
  'pairedAt',
  // A paired account's restriction (see account-restriction.ts and the status store).
  'bannedAt',
  'banCode',
  'banEndsAt',
  'timelockedAt',
  'timelockEndsAt',
] as const;
export const PAIRING_ATTEMPT_ATTRIBUTES = [
  'attemptId',
  'method',
  'state',
  'startedAt',
  'endsAt',
  'aliveUntil',
  'recentStarts',
  'qr',
  'pairingCode',
  'codeExpiresAt',
  'endReason',
  // The table's TTL attribute.
  'expiresAt',
] as const;
/** The one attribute of a shard lease the API functions read: is a worker serving the shard? */
export const LEASE_EXPIRY_ATTRIBUTE = 'leaseExpiresAtMs';
/** What every shard lease's partition key starts with (IAM conditions match it). */
export const SHARD_LEASE_PARTITION_PREFIX = 'lease#shard-';

/** A projection of the given attributes, with every name behind a placeholder (some are reserved). */
export function projectionOf(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
} {
  const names = Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

export const CREDS_SORT_KEY = 'creds';
export const SIGNAL_KEY_SORT_KEY_PREFIX = 'key#';
export const STATUS_SORT_KEY = 'status';
/** The session's latest pairing attempt (see dynamodb-pairing-attempts.ts). */
export const PAIRING_SORT_KEY = 'pairing';

export function signalKeySortKey(type: string, id: string): string {
  return `${SIGNAL_KEY_SORT_KEY_PREFIX}${type}#${id}`;
}

/**
 * One partition listing every session with its state, so a worker that takes a shard over can
 * open that shard's paired sessions at once instead of on their first lookup.
 */
export const SESSION_INDEX_PARTITION = 'wa-session-index';

export const SHARD_LEASE_SORT_KEY = 'lease';

export function shardLeaseKey(shard: number): { pk: { S: string }; sk: { S: string } } {
  return { pk: { S: `${SHARD_LEASE_PARTITION_PREFIX}${shard}` }, sk: { S: SHARD_LEASE_SORT_KEY } };
}

/**
 * One partition holding a presence item per running worker task, so one Query counts the live
 * tasks (for the fair share of shards each aims to hold).
 */
export const WORKER_PRESENCE_PARTITION = 'worker-presence';

export function workerPresenceKey(workerId: string): { pk: { S: string }; sk: { S: string } } {
  return { pk: { S: WORKER_PRESENCE_PARTITION }, sk: { S: workerId } };
}
