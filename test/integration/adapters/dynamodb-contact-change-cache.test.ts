import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbContactChangeCache } from '../../../functions/adapters/dynamodb-contact-change-cache.ts';
import { DynamoDbPictureCache } from '../../../functions/adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import type { ContactProfile } from '../../../functions/domain/contact/contact-profile.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';

const JID = '5511988887777@s.whatsapp.net';
const byJid = { kind: 'jid', jid: JID } as const;
const byNumber = { kind: 'number', digits: '5511988887777' } as const;
const RETENTION_SECONDS = 7 * 24 * 3600;

const profile = (status: string): ContactProfile => ({
  jid: JID,
  user_info: {
    Status: status,
    PictureID: '1700000001',
    Devices: [`${JID.replace('@', ':0@')}`],
    VerifiedName: null,
    Visibility: { Status: 'set', PictureID: 'set' },
  },
  business_profile: null,
});

describe('DynamoDbContactChangeCache (dynalite)', () => {
  let aws: EmbeddedAws;
  let users = 0;
  const nextIdentity = () => ({ tenantId: 'acme', userId: `change-${++users}` });

  beforeAll(async () => {
    aws = await startEmbeddedAws();
  });
  afterAll(async () => {
    await aws?.stop();
  });

  const options = () => ({ client: aws.dynamoDb, tableName: aws.resources.cacheTableName });
  const profiles = () =>
    new DynamoDbProfileCache({ ...options(), retentionSeconds: RETENTION_SECONDS });
  const changes = () => new DynamoDbContactChangeCache(options());
  const readEntry = async (identity: { tenantId: string; userId: string }) => {
    const entry = await changes().read(identity, byJid);
    if (!entry) throw new Error('no cached entry');
    return entry;
  };
  const served = async (
    identity: { tenantId: string; userId: string },
    contact: ContactQuery = byJid,
  ) => {
    const cached = await profiles().get(identity, contact);
    if (!cached) throw new Error('nothing served');
    return { ...cached, status: JSON.parse(cached.profileJson).user_info.Status as string };
  };

  it('rewrites an entry in place: the reader serves the new profile with its fetch time and a new ETag', async () => {
    // prepare
    const identity = nextIdentity();
    const fetchedAt = Date.now() - 60_000;
    await profiles().put(identity, byNumber, profile('Loopback status'), fetchedAt);
    const entry = await readEntry(identity);

    // act
    const rewritten = await changes().rewrite(identity, byJid, entry, {
      profile: profile('Gone fishing 🎣'),
      stale: false,
      changedAt: Date.now(),
    });
    const byJidServed = await served(identity);
    const alias = await served(identity, byNumber);

    // assert
    expect(rewritten).toBe(true);
    expect(byJidServed.status).toBe('Gone fishing 🎣');
    expect(byJidServed.fetchedAt).toBe(fetchedAt);
    expect(byJidServed.etag).not.toBe(entry.etag);
    expect(byJidServed.stale).toBeUndefined();
    expect(alias.status).toBe('Loopback status');
  });

  it('marks an entry stale, and a later fetch replaces the mark', async () => {
    // prepare
    const identity = nextIdentity();
    await profiles().put(identity, byJid, profile('a'), Date.now() - 60_000);
    const entry = await readEntry(identity);

    // act
    await changes().rewrite(identity, byJid, entry, {
      profile: entry.profile,
      stale: true,
      changedAt: Date.now(),
    });
    const marked = await served(identity);
    const reread = await readEntry(identity);
    await profiles().put(identity, byJid, profile('b'), Date.now() + 1);
    const fetched = await served(identity);

    // assert
    expect(marked.stale).toBe(true);
    expect(reread.stale).toBe(true);
    expect(fetched.stale).toBeUndefined();
    expect(fetched.status).toBe('b');
  });

  it('refuses to rewrite an entry another write replaced since it was read', async () => {
    // prepare
    const identity = nextIdentity();
    await profiles().put(identity, byJid, profile('a'), Date.now() - 60_000);
    const entry = await readEntry(identity);
    await profiles().put(identity, byJid, profile('newer fetch'), Date.now());

    // act
    const rewritten = await changes().rewrite(identity, byJid, entry, {
      profile: profile('from the notification'),
      stale: false,
      changedAt: Date.now(),
    });

    // assert
    expect(rewritten).toBe(false);
    expect((await served(identity)).status).toBe('newer fetch');
  });

  it('keeps a change against a slow fetch that finished before it arrived', async () => {
    // prepare: a fetch finished at t0, the change arrived at t1 > t0, its write comes last
    const identity = nextIdentity();
    const t0 = Date.now() - 1_000;
    await profiles().put(identity, byJid, profile('a'), t0 - 60_000);
    const entry = await readEntry(identity);
    await changes().rewrite(identity, byJid, entry, {
      profile: profile('pushed'),
      stale: false,
      changedAt: Date.now(),
    });

    // act
    await profiles().put(identity, byJid, profile('slow fetch'), t0);

    // assert
    expect((await served(identity)).status).toBe('pushed');
  });

  it('drops the pictures fetched before the change, unless they show the new picture', async () => {
    // prepare
    const identity = nextIdentity();
    const pictures = new DynamoDbPictureCache({
      ...options(),
      retentionSeconds: RETENTION_SECONDS,
    });
    const picture = (id: string) => ({
      jid: JID,
      picture: {
        url: `https://pps.whatsapp.net/${id}`,
        id,
        type: 'image' as const,
        direct_path: `/${id}`,
      },
    });
    const fetchedAt = Date.now() - 60_000;
    await pictures.put(identity, byNumber, 'image', picture('1700000001'), fetchedAt, undefined);
    await pictures.put(identity, byJid, 'preview', picture('1700000777'), fetchedAt, undefined);

    // act
    await changes().dropPictures(identity, [byJid, byNumber], '1700000777', Date.now());

    // assert
    expect(await pictures.get(identity, byJid, 'image')).toBeNull();
    expect(await pictures.get(identity, byNumber, 'image')).toBeNull();
    expect((await pictures.get(identity, byJid, 'preview'))?.pictureId).toBe('1700000777');
  });

  it('reads nothing for a contact the session never cached', async () => {
    const identity = nextIdentity();

    const entry = await changes().read(identity, byJid);
    const raw = await aws.dynamoDb.send(
      new GetItemCommand({
        TableName: aws.resources.cacheTableName,
        Key: { sessionKey: { S: `acme#${identity.userId}` }, contactKey: { S: `jid#${JID}` } },
      }),
    );

    expect(entry).toBeNull();
    expect(raw.Item).toBeUndefined();
  });
});
