import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type ContactProfile, contactProfileSchema } from '../domain/contact/contact-profile.ts';
import { type ContactQuery, contactCacheKey } from '../domain/contact/contact-query.ts';
import { profileEtag } from '../domain/contact/profile-etag.ts';
import type { PictureType } from '../domain/contact/profile-picture.ts';
import type { SessionIdentity } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { ChangeableProfile, ContactChangeCache } from '../ports/contact-change-cache.ts';
import { PROFILE_CACHE_TABLE } from '../resources/table-definitions.ts';
import { pictureCacheKey } from './dynamodb-picture-cache.ts';
import { cacheItemKey, PROFILE_SHAPE_VERSION } from './dynamodb-profile-cache.ts';

const TTL = PROFILE_CACHE_TABLE.ttlAttribute;
const PICTURE_TYPES: readonly PictureType[] = ['image', 'preview'];

/**
 * The profile cache's items (dynamodb-profile-cache.ts writes them) as change notifications
 * rewrite them: the profile JSON and its ETag replaced in place, the fetch time and expiry
 * kept, `changedAt` recording the change (a fetch older than it no longer overwrites the
 * entry) and `staleSince` the first change that carried no value (the reader then treats the
 * entry as not fresh). A fetch's write replaces the whole item, marks included.
 */
export class DynamoDbContactChangeCache implements ContactChangeCache {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async read(identity: SessionIdentity, contact: ContactQuery): Promise<ChangeableProfile | null> {
    const result = await whenServiceAvailable('the profile cache', () =>
      this.#client.send(
        new GetItemCommand({
          TableName: this.#tableName,
          Key: cacheItemKey(identity, contactCacheKey(contact)),
          ConsistentRead: true,
        }),
      ),
    );
    const item = result.Item;
    const profileJson = item?.data?.S;
    if (!item || profileJson === undefined) return null;
    if (item.profileShape?.N !== PROFILE_SHAPE_VERSION) return null;
    if (Number(item[TTL]?.N ?? 0) * 1000 <= this.#now()) return null;
    const profile = parseProfile(profileJson);
    if (!profile) return null;
    return {
      profile,
      fetchedAt: Number(item.fetchedAt?.N ?? 0),
      etag: item.etag?.S ?? profileEtag(profileJson),
      stale: item.staleSince !== undefined,
    };
  }

  async rewrite(
    identity: SessionIdentity,
    contact: ContactQuery,
    entry: ChangeableProfile,
    update: { profile: ContactProfile; stale: boolean; changedAt: number },
  ): Promise<boolean> {
    const profileJson = JSON.stringify(update.profile);
    return conditionHeld(() =>
      whenServiceAvailable('the profile cache', () =>
        this.#client.send(
          new UpdateItemCommand({
            TableName: this.#tableName,
            Key: cacheItemKey(identity, contactCacheKey(contact)),
            UpdateExpression: `SET #data = :data, etag = :etag, changedAt = :changedAt${
              update.stale ? ', staleSince = if_not_exists(staleSince, :changedAt)' : ''
            }`,
            // Only the entry that was read: a fetch (or another change) that came first wins.
            ConditionExpression: 'etag = :read AND fetchedAt = :fetchedAt',
            ExpressionAttributeNames: { '#data': 'data' },
            ExpressionAttributeValues: {
              ':data': { S: profileJson },
              ':etag': { S: profileEtag(profileJson) },
              ':changedAt': { N: String(update.changedAt) },
              ':read': { S: entry.etag },
              ':fetchedAt': { N: String(entry.fetchedAt) },
            },
          }),
        ),
      ),
    );
  }

  async dropPictures(
    identity: SessionIdentity,
    contacts: readonly ContactQuery[],
    pictureId: string,
    changedAt: number,
  ): Promise<void> {
    const keys = new Set(
      contacts.flatMap((contact) => PICTURE_TYPES.map((type) => pictureCacheKey(contact, type))),
    );
    await Promise.all(
      [...keys].map((contactKey) =>
        conditionHeld(() =>
          whenServiceAvailable('the profile cache', () =>
            this.#client.send(
              new DeleteItemCommand({
                TableName: this.#tableName,
                Key: cacheItemKey(identity, contactKey),
                // A picture fetched after the change, or already the new one, stays.
                ConditionExpression:
                  'attribute_exists(contactKey) AND fetchedAt < :changedAt AND pictureId <> :id',
                ExpressionAttributeValues: {
                  ':changedAt': { N: String(changedAt) },
                  ':id': { S: pictureId },
                },
              }),
            ),
          ),
        ),
      ),
    );
  }
}

function parseProfile(profileJson: string): ContactProfile | null {
  try {
    const parsed = contactProfileSchema.safeParse(JSON.parse(profileJson));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
