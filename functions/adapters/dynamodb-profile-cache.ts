import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ContactProfile } from '../domain/contact/contact-profile.ts';
import { type ContactQuery, contactCacheKey } from '../domain/contact/contact-query.ts';
import { profileEtag } from '../domain/contact/profile-etag.ts';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import { conditionHeld } from '../platform/conditional-write.ts';
import type {
  CachedProfile,
  ProfileCache,
  ProfileCacheBatchReader,
} from '../ports/profile-cache.ts';
import { PROFILE_CACHE_TABLE } from '../resources/table-definitions.ts';

const TTL = PROFILE_CACHE_TABLE.ttlAttribute;

/** How many times unprocessed keys of a BatchGetItem are asked again, and the first pause. */
const BATCH_GET_RETRIES = 3;
const BATCH_GET_RETRY_PAUSE_MS = 25;

/**
 * Version of the profile JSON an item holds. Items written before the current shape (e.g.
 * VerifiedName with PascalCase inner keys, BusinessHours times as numbers) carry no or an older
 * version: they are a miss, never served, and the next fetch overwrites them.
 */
export const PROFILE_SHAPE_VERSION = '2';

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

/**
 * Profiles in DynamoDB, one item per (session, contact). Items carry `fetchedAt` and a hard
 * expiry (`expiresAt`, epoch seconds) that the reader checks itself, because DynamoDB's TTL
 * deletes expired items late. Freshness within that window is the reader's decision.
 */
export class DynamoDbProfileCache implements ProfileCache, ProfileCacheBatchReader {
  readonly #table: ProfileCacheTableOptions;
  readonly #now: () => number;

  constructor(options: ProfileCacheTableOptions) {
    this.#table = options;
    this.#now = options.now ?? Date.now;
  }

  async get(identity: SessionIdentity, contact: ContactQuery): Promise<CachedProfile | null> {
    return this.#cachedProfile(await getCacheItem(this.#table, identity, contactCacheKey(contact)));
  }

  /**
   * Many entries in one BatchGetItem round (the table's 100-key limit is above the 50 a batch
   * takes). Keys DynamoDB leaves unprocessed (throttling, the 16 MB limit) are asked again a
   * bounded number of times, then counted as misses: the caller asks the worker for them.
   */
  async getMany(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
  ): Promise<Array<CachedProfile | null>> {
    const contactKeys = [...new Set(contacts.map(contactCacheKey))];
    const found = new Map<string, CachedProfile>();
    let pending: Array<Record<string, AttributeValue>> = contactKeys.map((contactKey) =>
      cacheItemKey(identity, contactKey),
    );
    for (let attempt = 0; pending.length > 0 && attempt <= BATCH_GET_RETRIES; attempt++) {
      if (attempt > 0) await sleep(BATCH_GET_RETRY_PAUSE_MS * 2 ** (attempt - 1));
      const result = await whenServiceAvailable('the profile cache', () =>
        this.#table.client.send(
          new BatchGetItemCommand({ RequestItems: { [this.#table.tableName]: { Keys: pending } } }),
        ),
      );
      for (const item of result.Responses?.[this.#table.tableName] ?? []) {
        const cached = this.#cachedProfile(item);
        const contactKey = item.contactKey?.S;
        if (cached && contactKey) found.set(contactKey, cached);
      }
      pending = result.UnprocessedKeys?.[this.#table.tableName]?.Keys ?? [];
    }
    return contacts.map((contact) => found.get(contactCacheKey(contact)) ?? null);
  }

  #cachedProfile(item: Record<string, AttributeValue> | undefined): CachedProfile | null {
    const profileJson = item?.data?.S;
    if (!item || profileJson === undefined) return null;
    if (item.profileShape?.N !== PROFILE_SHAPE_VERSION) return null;
    if (Number(item[TTL]?.N ?? 0) * 1000 <= this.#now()) return null;
    return {
      profileJson,
      fetchedAt: Number(item.fetchedAt?.N ?? 0),
      etag: item.etag?.S ?? profileEtag(profileJson),
      ...(item.staleSince && { stale: true }),
    };
  }

  async put(
    identity: SessionIdentity,
    askedAs: ContactQuery,
    profile: ContactProfile,
    fetchedAt: number,
  ): Promise<void> {
    const profileJson = JSON.stringify(profile);
    const keys = new Set([contactCacheKey({ kind: 'jid', jid: profile.jid })]);
    keys.add(contactCacheKey(askedAs));
    await Promise.all(
      [...keys].map((contactKey) => this.#putNewer(identity, contactKey, profileJson, fetchedAt)),
    );
  }

  async #putNewer(
    identity: SessionIdentity,
    contactKey: string,
    profileJson: string,
    fetchedAt: number,
  ): Promise<void> {
    await conditionHeld(() =>
      this.#table.client.send(
        new PutItemCommand({
          TableName: this.#table.tableName,
          Item: {
            ...cacheItemKey(identity, contactKey),
            data: { S: profileJson },
            etag: { S: profileEtag(profileJson) },
            fetchedAt: { N: String(fetchedAt) },
            profileShape: { N: PROFILE_SHAPE_VERSION },
            [TTL]: { N: String(Math.ceil(fetchedAt / 1000) + this.#table.retentionSeconds) },
          },
          // Newer wins: a slow, older fetch must not overwrite what a newer one (or a change
          // notification since, `changedAt`) stored. An item in an older shape is always replaced.
          ConditionExpression:
            'attribute_not_exists(contactKey) OR attribute_not_exists(profileShape) OR profileShape <> :shape OR (fetchedAt < :fetchedAt AND (attribute_not_exists(changedAt) OR changedAt < :fetchedAt))',
          ExpressionAttributeValues: {
            ':fetchedAt': { N: String(fetchedAt) },
            ':shape': { N: PROFILE_SHAPE_VERSION },
          },
        }),
      ),
    );
  }
}
