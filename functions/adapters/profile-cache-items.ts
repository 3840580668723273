import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';

/**
 * What the adapters of the profile cache table are built with. Profiles and pictures share the
 * table: one item per (session, sort key), so deleting a session's partition takes both.
 */
export interface ProfileCacheTableOptions {
  client: DynamoDBClient;
  tableName: string;
  /** How long an entry this instance writes is kept. */
  retentionSeconds: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** The key of one entry: the session's partition, the entry's sort key. */
export function cacheItemKey(
  identity: SessionIdentity,
  contactKey: string,
): Record<string, AttributeValue> {
  return { sessionKey: { S: sessionKey(identity) }, contactKey: { S: contactKey } };
}

/** One entry of the session's partition, if stored (the reader checks its expiry). */
export async function getCacheItem(
  table: ProfileCacheTableOptions,
  identity: SessionIdentity,
  contactKey: string,
): Promise<Record<string, AttributeValue> | undefined> {
  const result = await whenServiceAvailable('the profile cache', () =>
    table.client.send(
      new GetItemCommand({ TableName: table.tableName, Key: cacheItemKey(identity, contactKey) }),
    ),
  );
  return result.Item;
}
