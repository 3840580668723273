import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { cacheItemKey, getCacheItem } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import { createGetContactProfile } from '../../../functions/contacts/get-profile/get-contact-profile.ts';
import {
  type ContactProfile,
  contactProfileSchema,
} from '../../../functions/domain/contact/contact-profile.ts';
import { contactCacheKey } from '../../../functions/domain/contact/contact-query.ts';
import { sessionKey } from '../../../functions/domain/session/session-identity.ts';
import { profileCacheOn } from '../../support/aws/cache-tables.ts';
import { useEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { UNREACHABLE_ENDPOINT } from '../../support/aws/unreachable-endpoint.ts';

const JID = '14155550123@s.whatsapp.net';
const contact = { kind: 'jid', jid: JID } as const;

/** A cache item as the previous release wrote it: PascalCase certificate keys, numeric hours. */
const OLD_SHAPE = {
  jid: JID,
  user_info: {
    Status: 'old',
    PictureID: '1',
    Devices: [JID],
    VerifiedName: {
      Certificate: { Details: 'CAA=', Signature: 'AA==', ServerSignature: '' },
      Details: {
        Serial: '1',
        Issuer: 'smb:wa',
        VerifiedName: 'Acme',
        LocalizedNames: [],
        IssueTime: '0',
      },
    },
  },
  business_profile: {
    JID,
    Address: '',
    Email: '',
    Categories: [],
    ProfileOptions: {},
    BusinessHoursTimeZone: '',
    BusinessHours: [{ DayOfWeek: 'sun', Mode: 'open_24h', OpenTime: 0, CloseTime: 0 }],
    Description: '',
    Website: [],
  },
};

const NEW_SHAPE: ContactProfile = {
  jid: JID,
  user_info: {
    Status: 'new',
    PictureID: '1',
    Devices: [JID],
    VerifiedName: { Certificate: { details: 'CAA=' }, Details: { serial: '1', issuer: 'smb:wa' } },
  },
  business_profile: {
    ...OLD_SHAPE.business_profile,
    BusinessHours: [{ DayOfWeek: 'sun', Mode: 'open_24h', OpenTime: '', CloseTime: '' }],
  },
};

describe('DynamoDbProfileCache with items in an older shape (dynalite)', () => {
  const aws = useEmbeddedAws();
  let counter = 0;

  async function writeOldItem(fetchedAt: number) {
    counter += 1;
    const identity = { tenantId: 'acme', userId: `old-shape-${counter}` };
    await aws.dynamoDb.send(
      new PutItemCommand({
        TableName: aws.resources.cacheTableName,
        Item: {
          sessionKey: { S: sessionKey(identity) },
          contactKey: { S: contactCacheKey(contact) },
          data: { S: JSON.stringify(OLD_SHAPE) },
          etag: { S: '"old"' },
          fetchedAt: { N: String(fetchedAt) },
          expiresAt: { N: String(Math.ceil(fetchedAt / 1000) + 3600) },
        },
      }),
    );
    return identity;
  }

  it('uses an item that the current schema refuses', () => {
    expect(contactProfileSchema.safeParse(OLD_SHAPE).success).toBe(false);
  });

  it('treats an old-shape item as a miss and serves the fresh profile instead', async () => {
    const identity = await writeOldItem(Date.now());
    const cache = profileCacheOn(aws, 3600);
    let liveLookups = 0;
    const getContactProfile = createGetContactProfile({
      cache,
      workerClient: {
        request: async (who, asked) => {
          liveLookups += 1;
          const fetchedAt = Date.now();
          await cache.put(who, asked, NEW_SHAPE, fetchedAt);
          return { profile: NEW_SHAPE, fetchedAt };
        },
      },
      freshSeconds: 3600,
      staleFallbackAfterMs: 1_000,
    });

    const first = await getContactProfile({
      identity,
      contact,
      refresh: false,
      deadline: Date.now() + 5_000,
    });
    const second = await getContactProfile({
      identity,
      contact,
      refresh: false,
      deadline: Date.now() + 5_000,
    });

    expect(first.cacheStatus).toBe('MISS');
    expect(JSON.parse(first.profileJson)).toEqual(NEW_SHAPE);
    expect(second.cacheStatus).toBe('HIT');
    expect(JSON.parse(second.profileJson)).toEqual(NEW_SHAPE);
    expect(liveLookups).toBe(1);
  });

  it('replaces an old-shape item even when its fetch time looks newer', async () => {
    const identity = await writeOldItem(Date.now() + 60_000);
    const cache = profileCacheOn(aws, 3600);

    await cache.put(identity, contact, NEW_SHAPE, Date.now());
    const cached = await cache.get(identity, contact);

    expect(cached && JSON.parse(cached.profileJson)).toEqual(NEW_SHAPE);
  });
});

describe('getCacheItem (dynalite)', () => {
  const aws = useEmbeddedAws();
  const ALICE = { tenantId: 'acme', userId: 'alice' };
  const BOB = { tenantId: 'acme', userId: 'bob' };
  const tableOf = (client: DynamoDBClient) => ({
    client,
    tableName: aws.resources.cacheTableName,
    retentionSeconds: 60,
  });

  it("reads the entry stored under the session's partition and the sort key, and no other session's", async () => {
    // prepare
    const table = tableOf(aws.dynamoDb);
    await aws.dynamoDb.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...cacheItemKey(ALICE, 'jid#1@s.whatsapp.net'), data: { S: '{"a":1}' } },
      }),
    );

    // act
    const stored = await getCacheItem(table, ALICE, 'jid#1@s.whatsapp.net');
    const otherKey = await getCacheItem(table, ALICE, 'jid#2@s.whatsapp.net');
    const otherSession = await getCacheItem(table, BOB, 'jid#1@s.whatsapp.net');

    // assert
    expect(stored).toMatchObject({
      contactKey: { S: 'jid#1@s.whatsapp.net' },
      data: { S: '{"a":1}' },
    });
    expect(otherKey).toBeUndefined();
    expect(otherSession).toBeUndefined();
  });

  it('answers SERVICE_UNAVAILABLE when the table cannot be reached', async () => {
    // prepare
    const client = new DynamoDBClient(UNREACHABLE_ENDPOINT);

    // act
    const reading = getCacheItem(tableOf(client), ALICE, 'jid#1@s.whatsapp.net');

    // assert
    await expect(reading).rejects.toMatchObject({ errorCode: 'SERVICE_UNAVAILABLE' });
    client.destroy();
  });
});
