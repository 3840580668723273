import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type ContactQuery, contactCacheKey } from '../domain/contact/contact-query.ts';
import type { ContactPicture, PictureType } from '../domain/contact/profile-picture.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { CachedPicture, PictureCache } from '../ports/picture-cache.ts';
import { PROFILE_CACHE_TABLE } from '../resources/table-definitions.ts';
import {
  cacheItemKey,
  getCacheItem,
  type ProfileCacheTableOptions,
} from './dynamodb-profile-cache.ts';

const TTL = PROFILE_CACHE_TABLE.ttlAttribute;

/** A URL is served only while this much of its life is left: the client must still fetch it. */
export const PICTURE_URL_MIN_REMAINING_MS = 60_000;

/** The picture entries' sort key: beside the profile items of the same session, never clashing. */
export function pictureCacheKey(contact: ContactQuery, type: PictureType): string {
  return `picture#${type}#${contactCacheKey(contact)}`;
}

/**
 * Profile pictures in the profile cache table (so deleting a session's cached items takes its
 * pictures too), one item per (session, contact, picture type). Each item carries `validUntil`
 * (epoch ms): the retention, capped by the URL's own expiry less a minute. The reader checks it
 * itself (DynamoDB's TTL deletes late); the TTL attribute is set from the same instant.
 */
export class DynamoDbPictureCache implements PictureCache {
  readonly #table: ProfileCacheTableOptions;
  readonly #now: () => number;

  constructor(options: ProfileCacheTableOptions) {
    this.#table = options;
    this.#now = options.now ?? Date.now;
  }

  async get(
    identity: SessionIdentity,
    contact: ContactQuery,
    type: PictureType,
  ): Promise<CachedPicture | null> {
    const item = await getCacheItem(this.#table, identity, pictureCacheKey(contact, type));
    const pictureJson = item?.data?.S;
    const validUntil = Number(item?.validUntil?.N ?? 0);
    if (!item || pictureJson === undefined || validUntil <= this.#now()) return null;
    return {
      pictureJson,
      fetchedAt: Number(item.fetchedAt?.N ?? 0),
      expiresAt: validUntil,
      pictureId: item.pictureId?.S ?? '',
    };
  }

  async put(
    identity: SessionIdentity,
    askedAs: ContactQuery,
    type: PictureType,
    picture: ContactPicture,
    fetchedAt: number,
    urlExpiresAt: number | undefined,
  ): Promise<void> {
    const retained = fetchedAt + this.#table.retentionSeconds * 1000;
    const validUntil =
      urlExpiresAt === undefined
        ? retained
        : Math.min(retained, urlExpiresAt - PICTURE_URL_MIN_REMAINING_MS);
    // A URL with less than a minute left is not worth storing.
    if (validUntil <= fetchedAt) return;
    const pictureJson = JSON.stringify(picture);
    const keys = new Set([
      pictureCacheKey({ kind: 'jid', jid: picture.jid }, type),
      pictureCacheKey(askedAs, type),
    ]);
    await Promise.all(
      [...keys].map((contactKey) =>
        this.#putNewer(identity, contactKey, {
          pictureJson,
          fetchedAt,
          validUntil,
          pictureId: picture.picture?.id ?? '',
        }),
      ),
    );
  }

  async #putNewer(
    identity: SessionIdentity,
    contactKey: string,
    entry: { pictureJson: string; fetchedAt: number; validUntil: number; pictureId: string },
  ): Promise<void> {
    await conditionHeld(() =>
      whenServiceAvailable('the profile cache', () =>
        this.#table.client.send(
          new PutItemCommand({
            TableName: this.#table.tableName,
            Item: {
              ...cacheItemKey(identity, contactKey),
              data: { S: entry.pictureJson },
              pictureId: { S: entry.pictureId },
              fetchedAt: { N: String(entry.fetchedAt) },
              validUntil: { N: String(entry.validUntil) },
              [TTL]: { N: String(Math.ceil(entry.validUntil / 1000)) },
            },
            // Newer wins: a slow, older fetch must not overwrite what a newer one stored.
            ConditionExpression: 'attribute_not_exists(contactKey) OR fetchedAt < :fetchedAt',
            ExpressionAttributeValues: { ':fetchedAt': { N: String(entry.fetchedAt) } },
          }),
        ),
      ),
    );
  }
}
