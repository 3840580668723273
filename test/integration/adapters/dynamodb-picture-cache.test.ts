import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDbPictureCache,
  PICTURE_URL_MIN_REMAINING_MS,
} from '../../../functions/adapters/dynamodb-picture-cache.ts';
import type { ContactPicture } from '../../../functions/domain/contact/profile-picture.ts';
import { profileCacheOn } from '../../support/aws/cache-tables.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';

const JID = '5511999999999@s.whatsapp.net';
const byJid = { kind: 'jid', jid: JID } as const;
const byNumber = { kind: 'number', digits: '5511999999999' } as const;
const RETENTION_SECONDS = 7 * 24 * 3600;

function pictureExpiringAt(ms: number, id = '1718000000'): ContactPicture {
  const oe = Math.floor(ms / 1000).toString(16);
  return {
    jid: JID,
    picture: {
      url: `https://pps.whatsapp.net/v/t61.24694-24/1_${id}_n.jpg?oe=${oe}`,
      id,
      type: 'image',
      direct_path: `/v/t61.24694-24/1_${id}_n.jpg?oe=${oe}`,
    },
  };
}

describe('DynamoDbPictureCache (dynalite)', () => {
  let aws: EmbeddedAws;
  let users = 0;
  const nextIdentity = () => ({ tenantId: 'acme', userId: `picture-${++users}` });

  beforeAll(async () => {
    aws = await startEmbeddedAws();
  });
  afterAll(async () => {
    await aws?.stop();
  });

  const cacheAt = (now: number) =>
    new DynamoDbPictureCache({
      client: aws.dynamoDb,
      tableName: aws.resources.cacheTableName,
      retentionSeconds: RETENTION_SECONDS,
      now: () => now,
    });

  /** A full image fetched at `now`, its URL good for an hour. */
  const storeImageFetchedAt = (identity: { tenantId: string; userId: string }, now: number) =>
    cacheAt(now).put(
      identity,
      byJid,
      'image',
      pictureExpiringAt(now + 3_600_000),
      now,
      now + 3_600_000,
    );

  it('serves a stored picture under its JID and under the number it was asked by', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    const urlExpiresAt = now + 3_600_000;
    const picture = pictureExpiringAt(urlExpiresAt);
    await cacheAt(now).put(identity, byNumber, 'image', picture, now, urlExpiresAt);

    const viaJid = await cacheAt(now).get(identity, byJid, 'image');
    const viaNumber = await cacheAt(now).get(identity, byNumber, 'image');

    expect(JSON.parse(viaJid?.pictureJson ?? 'null')).toEqual(picture);
    expect(viaNumber?.pictureId).toBe('1718000000');
    expect(viaJid?.expiresAt).toBe(urlExpiresAt - PICTURE_URL_MIN_REMAINING_MS);
  });

  it('never serves a picture whose URL expired while cached', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    const urlExpiresAt = now + 10 * 60_000;
    await cacheAt(now).put(
      identity,
      byJid,
      'image',
      pictureExpiringAt(urlExpiresAt),
      now,
      urlExpiresAt,
    );

    const beforeExpiry = await cacheAt(now + 5 * 60_000).get(identity, byJid, 'image');
    const afterExpiry = await cacheAt(urlExpiresAt).get(identity, byJid, 'image');

    expect(beforeExpiry).not.toBeNull();
    expect(afterExpiry).toBeNull();
  });

  it('keeps the full image and the thumbnail apart', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    await storeImageFetchedAt(identity, now);

    expect(await cacheAt(now).get(identity, byJid, 'preview')).toBeNull();
  });

  it('keeps a newer picture when an older fetch arrives late', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    const expiry = now + 3_600_000;
    await cacheAt(now).put(identity, byJid, 'image', pictureExpiringAt(expiry, 'new'), now, expiry);

    await cacheAt(now).put(
      identity,
      byJid,
      'image',
      pictureExpiringAt(expiry, 'old'),
      now - 1_000,
      expiry,
    );

    expect((await cacheAt(now).get(identity, byJid, 'image'))?.pictureId).toBe('new');
  });

  it('caches a hidden picture for the retention, not past it', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    const hidden: ContactPicture = { jid: JID, picture: null, visibility: 'hidden' };
    await cacheAt(now).put(identity, byJid, 'image', hidden, now, undefined);

    const cached = await cacheAt(now).get(identity, byJid, 'image');
    const expired = await cacheAt(now + RETENTION_SECONDS * 1000).get(identity, byJid, 'image');

    expect(JSON.parse(cached?.pictureJson ?? 'null')).toEqual(hidden);
    expect(expired).toBeNull();
  });

  it('never shows up as a cached profile of the same contact', async () => {
    const identity = nextIdentity();
    const now = Date.now();
    await storeImageFetchedAt(identity, now);
    const profiles = profileCacheOn(aws, RETENTION_SECONDS);

    expect(await profiles.get(identity, byJid)).toBeNull();
  });
});
